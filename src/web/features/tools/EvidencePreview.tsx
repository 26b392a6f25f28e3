import type { EvidenceFile } from "../../../contracts/participation.js";
import { api } from "../../api/client";

const PREVIEWABLE = new Set(["application/pdf", "image/png", "image/jpeg"]);

export function canPreview(file: EvidenceFile): boolean {
  return PREVIEWABLE.has(file.mime);
}

/** The document itself, inline: a frame for a PDF, an image for JPG/PNG. */
export function EvidencePreview({ file }: { file: EvidenceFile }) {
  const title = `Vista previa de ${file.fileName} (versión ${file.version})`;
  if (file.mime === "application/pdf") {
    return (
      <iframe
        className="preview preview--pdf"
        src={api.evidence.previewUrl(file.id)}
        title={title}
      />
    );
  }
  if (file.mime.startsWith("image/")) {
    return (
      <img className="preview preview--image" src={api.evidence.previewUrl(file.id)} alt={title} />
    );
  }
  return null;
}
