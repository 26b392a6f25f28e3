import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { api } from "../../api/client";
import { formatBytes, formatDateTime, formatLocalDate } from "../../ui/format";
import { useInstitution } from "../institution/queries";

/**
 * The agreement tool's document: the signed agreement itself, which the institution keeps on
 * file. The tool is validated as of the signing date.
 */
export function AgreementDocument({
  agreement,
}: {
  agreement: NonNullable<ToolInstanceDetail["agreement"]>;
}) {
  const institution = useInstitution();
  const unit = institution.data?.unitName;
  return (
    <div className="card stack" data-agreement-document="">
      <p>
        Herramienta realizada con la firma del convenio el{" "}
        <strong>{formatLocalDate(agreement.signedOn)}</strong>
        {unit ? `; el convenio está en archivo de ${unit}` : ""}. Se valida en esa fecha.
      </p>
      {agreement.document ? (
        <p>
          <a
            className="button button--secondary button--small"
            href={api.agreements.documentUrl(agreement.id)}
            download
          >
            Descargar el convenio firmado
          </a>{" "}
          <span className="break">{agreement.document.fileName}</span>{" "}
          <span className="small muted">
            ({formatBytes(agreement.document.size)}, subido el{" "}
            {formatDateTime(agreement.document.uploadedAt)})
          </span>
        </p>
      ) : (
        <p className="empty">El convenio firmado aún no se ha adjuntado en la plataforma.</p>
      )}
    </div>
  );
}
