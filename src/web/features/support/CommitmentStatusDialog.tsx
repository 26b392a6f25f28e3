import { type FormEvent, useEffect, useState } from "react";
import type { Commitment } from "../../../contracts/support.js";
import type { CommitmentStatus } from "../../../domain/support.js";
import { commitmentChangeProblem } from "../../../domain/support-actions.js";
import { FormError } from "../../ui/Alert";
import { Dialog } from "../../ui/Dialog";
import { FormActions } from "../../ui/FormActions";
import { formatLocalDate } from "../../ui/format";
import { TextAreaField } from "../../ui/TextField";
import { useCommitmentStatus } from "./queries";

const CHOICES: Record<CommitmentStatus, { to: CommitmentStatus; label: string }[]> = {
  open: [
    { to: "closed", label: "Cumplido" },
    { to: "cancelled", label: "Cancelado" },
  ],
  closed: [{ to: "open", label: "Reabrir" }],
  cancelled: [{ to: "open", label: "Reabrir" }],
};

const NOTE_LABELS: Record<CommitmentStatus, string> = {
  closed: "Cómo se cumplió",
  cancelled: "Por qué se cancela",
  open: "Por qué se reabre",
};

/**
 * Follows a commitment up. Staff close, cancel or reopen; the owning municipality's liaison
 * (`ownerLiaison`) can only mark an open commitment as fulfilled. Every change carries a note.
 */
export function CommitmentStatusDialog({
  commitment,
  ownerLiaison,
  onClose,
}: {
  commitment: Commitment | null;
  ownerLiaison: boolean;
  onClose: () => void;
}) {
  const change = useCommitmentStatus();
  const [status, setStatus] = useState<CommitmentStatus>("closed");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const choices = commitment
    ? CHOICES[commitment.status].filter((c) => !ownerLiaison || c.to === "closed")
    : [];

  useEffect(() => {
    setStatus(commitment ? (CHOICES[commitment.status][0]?.to ?? "closed") : "closed");
    setNote("");
    setProblem(undefined);
  }, [commitment]);

  function close() {
    change.reset();
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!commitment) {
      return;
    }
    const found =
      commitmentChangeProblem(
        commitment.status,
        status,
        ownerLiaison ? "owner_liaison" : "staff",
        note,
      ) ?? undefined;
    setProblem(found);
    if (found) {
      return;
    }
    change.mutate({ id: commitment.id, body: { status, note: note.trim() } }, { onSuccess: close });
  }

  return (
    <Dialog open={commitment !== null} title="Seguimiento del acuerdo" onClose={close} wide>
      {commitment ? (
        <form className="stack" onSubmit={submit} noValidate aria-label="Seguimiento del acuerdo">
          <p>
            <strong>{commitment.description}</strong>
            <span className="cell-subtitle">
              Responsable: {commitment.owner.name || "—"} · Fecha compromiso:{" "}
              {formatLocalDate(commitment.dueOn)}
            </span>
          </p>
          <FormError error={change.error} />
          {choices.length > 1 ? (
            <fieldset className="fieldset">
              <legend>Nuevo estado</legend>
              {choices.map((choice) => (
                <label className="choice" key={choice.to}>
                  <input
                    type="radio"
                    name="estado-acuerdo"
                    value={choice.to}
                    checked={status === choice.to}
                    onChange={() => setStatus(choice.to)}
                  />
                  <span>{choice.label}</span>
                </label>
              ))}
            </fieldset>
          ) : (
            <p>
              Nuevo estado: <strong>{choices[0]?.label}</strong>
            </p>
          )}
          <TextAreaField
            label={NOTE_LABELS[status]}
            required
            error={problem}
            rows={3}
            maxLength={2000}
            value={note}
            onChange={setNote}
          />
          <FormActions submitLabel="Guardar seguimiento" busy={change.isPending} onCancel={close} />
        </form>
      ) : null}
    </Dialog>
  );
}
