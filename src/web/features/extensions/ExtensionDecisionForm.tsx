import { type FormEvent, useState } from "react";
import type { Extension } from "../../../contracts/extensions.js";
import type { ExtensionDecision } from "../../../domain/extensions.js";
import { FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { TextAreaField, TextField } from "../../ui/TextField";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { DECISION_FIELDS, decisionProblems } from "./extensionForms";
import { useDecideExtension } from "./queries";

/** Staff approve a pending request (the date asked or another) or refuse it with a reason. */
export function ExtensionDecisionForm({ request }: { request: Extension }) {
  const decide = useDecideExtension();
  const [grantedOn, setGrantedOn] = useState(request.requestedOn);
  const [reason, setReason] = useState("");
  const [general, setGeneral] = useState<string | null>(null);
  const { check, fieldError } = useFieldProblems(DECISION_FIELDS, decide.error, {
    grantedOn,
    reason,
  });

  function send(decision: ExtensionDecision) {
    if (decide.isPending) {
      return;
    }
    const body =
      decision === "approve"
        ? { decision, grantedOn, reason: reason.trim() }
        : { decision, reason: reason.trim() };
    const found = decisionProblems(request, body);
    setGeneral(found.general);
    if (!check(found.fields) || found.general) {
      return;
    }
    decide.mutate({ id: request.id, body });
  }

  function approve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send("approve");
  }

  return (
    <form
      className="stack"
      onSubmit={approve}
      noValidate
      aria-label={`Decidir la prórroga de ${request.tool} · ${request.municipality.name}`}
    >
      <TextField
        label="Nuevo plazo"
        type="date"
        hint="La fecha solicitada, u otra posterior al plazo vigente."
        value={grantedOn}
        onChange={setGrantedOn}
        error={fieldError("grantedOn")}
        required
      />
      <TextAreaField
        label="Motivo de la decisión"
        hint="Obligatorio para rechazar; se le comunica al municipio."
        rows={2}
        maxLength={2000}
        value={reason}
        onChange={setReason}
        error={fieldError("reason")}
      />
      {general ? <p className="field__error">{general}</p> : null}
      <FormError error={decide.error} fields={DECISION_FIELDS} />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={decide.isPending} busyLabel="Guardando…">
          Aprobar prórroga
        </Button>
        <Button variant="danger" disabled={decide.isPending} onClick={() => send("refuse")}>
          Rechazar
        </Button>
      </div>
    </form>
  );
}
