import { type FormEvent, useEffect, useState } from "react";
import type { Commitment } from "../../../contracts/support.js";
import type { CommitmentStatus } from "../../../domain/support.js";
import {
  COMMITMENT_CHANGE_LABELS,
  type CommitmentActor,
  commitmentChangeProblem,
  commitmentChanges,
} from "../../../domain/support-actions.js";
import { FormError } from "../../ui/Alert";
import { Dialog } from "../../ui/Dialog";
import { FormActions } from "../../ui/FormActions";
import { formatLocalDate } from "../../ui/format";
import { RadioChoice } from "../../ui/RadioChoice";
import { TextAreaField } from "../../ui/TextField";
import { useCommitmentStatus } from "./queries";

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
  const actor: CommitmentActor = ownerLiaison ? "owner_liaison" : "staff";
  // The changes the domain allows this actor, the same rule the server applies.
  const choices = commitment ? commitmentChanges(commitment.status, actor) : [];
  const first = choices[0] ?? "closed";

  useEffect(() => {
    setStatus(commitment ? (commitmentChanges(commitment.status, actor)[0] ?? "closed") : "closed");
    setNote("");
    setProblem(undefined);
  }, [commitment, actor]);

  function close() {
    change.reset();
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!commitment) {
      return;
    }
    const found = commitmentChangeProblem(commitment.status, status, actor, note) ?? undefined;
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
              {choices.map((to) => (
                <RadioChoice
                  key={to}
                  name="estado-acuerdo"
                  value={to}
                  checked={status === to}
                  onSelect={() => setStatus(to)}
                >
                  <span>{COMMITMENT_CHANGE_LABELS[to].change}</span>
                </RadioChoice>
              ))}
            </fieldset>
          ) : (
            <p>
              Nuevo estado: <strong>{COMMITMENT_CHANGE_LABELS[first].change}</strong>
            </p>
          )}
          <TextAreaField
            label={COMMITMENT_CHANGE_LABELS[status].note}
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
