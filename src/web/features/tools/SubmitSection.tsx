import { useState } from "react";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { type ResubmissionProblem, resubmissionProblems } from "../../../domain/review.js";
import { Alert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { ConfirmDialog } from "../../ui/Dialog";
import { useSubmitTool } from "./queries";

/**
 * What a returned tool still lacks before it can go back to review, by the rule the server applies
 * (src/domain/review.ts): the observations of the review that returned it, answered, and with a
 * requerimiento, a document version the returned submission did not carry.
 */
function missingForResubmission(detail: ToolInstanceDetail): ResubmissionProblem[] {
  const returned = detail.history.at(-1);
  if (detail.state !== "changes_requested" || !returned?.review) {
    return [];
  }
  const sent = new Set(returned.evidenceIds);
  return resubmissionProblems({
    observations: returned.review.observations,
    newDocuments: detail.evidence.filter((file) => !sent.has(file.id)).length,
  });
}

/** Where on the page each missing thing is done. */
function howToComplete(missing: ResubmissionProblem[]): string {
  const steps = [
    missing.some((problem) => problem.kind === "unanswered")
      ? "responda en «Historial de revisión»"
      : null,
    missing.some((problem) => problem.kind === "document_required")
      ? "suba la versión nueva en «Subir un documento»"
      : null,
  ].filter(Boolean);
  return `Pulse «Cancelar», ${steps.join(", ")} y envíe de nuevo.`;
}

/** The liaison sends the current documents to review, after confirming. */
export function SubmitSection({ detail }: { detail: ToolInstanceDetail }) {
  const submit = useSubmitTool(detail.id);
  const [asking, setAsking] = useState(false);
  const resubmission = detail.state === "changes_requested";
  const missing = missingForResubmission(detail);
  return (
    <div className="spread-row submit-bar">
      <p className="small">
        {detail.evidence.length === 0
          ? "Suba al menos un documento antes de enviar."
          : missing.length > 0
            ? "Antes de enviar de nuevo, responda cada observación y, si hay un requerimiento, suba una versión nueva del documento."
            : "Cuando los documentos estén completos, envíe la herramienta a revisión."}
      </p>
      <Button variant="primary" onClick={() => setAsking(true)}>
        Enviar a revisión
      </Button>
      <ConfirmDialog
        open={asking}
        title="Enviar a revisión"
        confirmLabel="Enviar"
        busyLabel="Enviando…"
        mutation={submit}
        confirmDisabled={missing.length > 0}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          if (!submit.isPending && missing.length === 0) {
            submit.mutate(undefined, { onSuccess: () => setAsking(false) });
          }
        }}
      >
        {missing.length > 0 ? (
          <Alert tone="warning" title="Falta responder a la revisión">
            <ul className="missing-list">
              {missing.map((problem) => (
                <li
                  key={problem.kind === "unanswered" ? problem.index : problem.kind}
                  data-missing={problem.kind}
                >
                  {problem.message}
                </li>
              ))}
            </ul>
            <p className="small">{howToComplete(missing)}</p>
          </Alert>
        ) : (
          <p>
            {resubmission
              ? "Se enviarán de nuevo los documentos con sus respuestas a las observaciones."
              : "Se enviarán los documentos actuales."}{" "}
            Mientras esté en revisión no podrá subir documentos nuevos.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
