import { useState } from "react";
import type { EvidenceFile } from "../../../contracts/participation.js";
import { api } from "../../api/client";
import { Badge } from "../../ui/Badge";
import { formatBytes, formatDateTime, formatLocalDate } from "../../ui/format";
import { canPreview, EvidencePreview } from "./EvidencePreview";

/** Every version of the instance's documents, newest first, with download and preview. */
export function EvidenceList({ evidence }: { evidence: EvidenceFile[] }) {
  const [previewing, setPreviewing] = useState<string | null>(null);
  if (evidence.length === 0) {
    return <p className="empty">Todavía no hay documentos.</p>;
  }
  const sorted = [...evidence].sort((a, b) => b.version - a.version);
  const shown = sorted.find((file) => file.id === previewing) ?? null;
  return (
    <div className="stack">
      <div className="table-wrap">
        <table className="table table--stack">
          <caption className="visually-hidden">Documentos</caption>
          <thead>
            <tr>
              <th scope="col">Versión</th>
              <th scope="col">Documento</th>
              <th scope="col">Vigencia</th>
              <th scope="col">Subido</th>
              <th scope="col">
                <span className="visually-hidden">Acciones</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((file) => (
              <tr key={file.id} data-evidence-version={file.version}>
                <td data-label="Versión">v{file.version}</td>
                <th scope="row" data-label="Documento">
                  <span className="cell-title break">{file.fileName}</span>
                  <span className="cell-subtitle">
                    {formatBytes(file.size)}
                    {file.isPublic ? (
                      <>
                        {" "}
                        <Badge tone="info">Público</Badge>
                      </>
                    ) : null}
                  </span>
                </th>
                <td data-label="Vigencia">{formatLocalDate(file.effectiveOn)}</td>
                <td data-label="Subido">
                  {formatDateTime(file.uploadedAt)}
                  <span className="cell-subtitle">{file.uploadedBy}</span>
                </td>
                <td className="actions-cell">
                  <div className="button-row button-row--tight">
                    <a
                      className="button button--secondary button--small"
                      href={api.evidence.downloadUrl(file.id)}
                      download
                    >
                      Descargar<span className="visually-hidden"> v{file.version}</span>
                    </a>
                    {canPreview(file) ? (
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        aria-pressed={previewing === file.id}
                        onClick={() => setPreviewing(previewing === file.id ? null : file.id)}
                      >
                        Vista previa<span className="visually-hidden"> v{file.version}</span>
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown ? <EvidencePreview file={shown} /> : null}
    </div>
  );
}
