import type { DocumentRef } from "../../../contracts/participation.js";
import { formatDate } from "../../ui/format";

/**
 * A stored document's download link, with the date it was attached (dd/mm/aaaa), worded so it
 * is never read as the document's own date (an agreement's signing date is another).
 */
export function DocumentLink({
  href,
  label,
  document,
}: {
  href: string;
  label: string;
  document: DocumentRef;
}) {
  return (
    <span className="document-link">
      <a href={href} download title={document.fileName}>
        {label}
      </a>{" "}
      <span className="muted">(se adjuntó el {formatDate(document.uploadedAt)})</span>
    </span>
  );
}
