import { useState } from "react";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { Button } from "../../ui/Button";
import { ConfirmDialog } from "../../ui/Dialog";
import { useSubmitTool } from "./queries";

/** The liaison sends the current documents to review, after confirming. */
export function SubmitSection({ detail }: { detail: ToolInstanceDetail }) {
  const submit = useSubmitTool(detail.id);
  const [asking, setAsking] = useState(false);
  const resubmission = detail.state === "changes_requested";
  return (
    <div className="submit-bar">
      <p className="small">
        {detail.evidence.length === 0
          ? "Suba al menos un documento antes de enviar."
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
        busy={submit.isPending}
        error={submit.error}
        onCancel={() => {
          submit.reset();
          setAsking(false);
        }}
        onConfirm={() => submit.mutate(undefined, { onSuccess: () => setAsking(false) })}
      >
        <p>
          {resubmission
            ? "Se enviarán de nuevo los documentos con sus respuestas a las observaciones."
            : "Se enviarán los documentos actuales."}{" "}
          Mientras esté en revisión no podrá subir documentos nuevos.
        </p>
      </ConfirmDialog>
    </div>
  );
}
