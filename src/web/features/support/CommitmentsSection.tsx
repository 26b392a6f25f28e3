import { useState } from "react";
import type { Commitment, SupportActionDetail } from "../../../contracts/support.js";
import { isLocalDate } from "../../../domain/dates.js";
import { commitmentDueProblem } from "../../../domain/support-actions.js";
import { api } from "../../api/client";
import { SelectField } from "../../ui/SelectField";
import { TextAreaField, TextField } from "../../ui/TextField";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { AddToActionForm, invitedOptions, soleInvited } from "./AddToActionForm";
import { CommitmentStatusDialog } from "./CommitmentStatusDialog";
import { CommitmentsTable } from "./CommitmentsTable";
import { useActionChange, useStaff } from "./queries";

const FIELDS = ["description", "municipality", "ownerUserId", "ownerName", "dueOn"] as const;

/**
 * The commitments (acuerdos) of a held action. Staff record them and follow them up; the liaison
 * of the municipality that owns one marks it fulfilled.
 */
export function CommitmentsSection({
  action,
  staff,
  liaisonOf,
}: {
  action: SupportActionDetail;
  staff: boolean;
  /** The municipality whose liaison is signed in, if any. */
  liaisonOf: string | null;
}) {
  const [following, setFollowing] = useState<Commitment | null>(null);
  const canFollow = (commitment: Commitment) =>
    staff ||
    (liaisonOf !== null &&
      commitment.status === "open" &&
      commitment.municipality?.cvegeo === liaisonOf);
  return (
    <section className="stack" aria-labelledby="acuerdos-titulo">
      <h2 id="acuerdos-titulo">Acuerdos</h2>
      {action.commitments.length === 0 ? (
        <p className="empty">No hay acuerdos registrados.</p>
      ) : (
        <CommitmentsTable
          commitments={action.commitments}
          caption="Acuerdos de la acción"
          showAction={false}
          canFollow={canFollow}
          onFollow={setFollowing}
        />
      )}
      {staff ? <AddCommitmentForm action={action} /> : null}
      <CommitmentStatusDialog
        commitment={following}
        ownerLiaison={!staff}
        onClose={() => setFollowing(null)}
      />
    </section>
  );
}

function AddCommitmentForm({ action }: { action: SupportActionDetail }) {
  const people = useStaff();
  const [description, setDescription] = useState("");
  const [municipality, setMunicipality] = useState(soleInvited(action));
  const [ownerUserId, setOwnerUserId] = useState("");
  const [ownerName, setOwnerName] = useState("");
  const [dueOn, setDueOn] = useState("");
  const add = useActionChange(() =>
    api.supportActions.addCommitment(action.id, {
      description: description.trim(),
      municipality: municipality || null,
      ownerUserId: ownerUserId || null,
      ownerName: ownerName.trim(),
      dueOn,
    }),
  );
  const { check, fieldError } = useFieldProblems(FIELDS, add.error, {
    description,
    municipality,
    ownerUserId,
    ownerName,
    dueOn,
  });

  return (
    <AddToActionForm
      title="Registrar acuerdo"
      add={add}
      fields={FIELDS}
      validate={() =>
        check({
          description: description.trim().length < 3 ? "Describa el acuerdo." : undefined,
          municipality:
            !municipality && !ownerUserId && !ownerName.trim()
              ? "Indique el municipio o la persona responsable."
              : undefined,
          dueOn: !isLocalDate(dueOn)
            ? "Indique la fecha compromiso."
            : (commitmentDueProblem(dueOn, action.heldOn) ?? undefined),
        })
      }
      onAdded={() => {
        setDescription("");
        setOwnerUserId("");
        setOwnerName("");
        setDueOn("");
      }}
      busyLabel="Registrando…"
      submitLabel="Registrar acuerdo"
    >
      <TextAreaField
        label="Acuerdo"
        required
        error={fieldError("description")}
        rows={2}
        maxLength={2000}
        value={description}
        onChange={setDescription}
      />
      <div className="form-grid">
        <SelectField
          label="Municipio responsable"
          hint="Su enlace le dará seguimiento."
          error={fieldError("municipality")}
          value={municipality}
          onChange={setMunicipality}
          blank="Ninguno (del órgano garante)"
          options={invitedOptions(action)}
        />
        <TextField
          label="Fecha compromiso"
          required
          error={fieldError("dueOn")}
          type="date"
          min={action.heldOn ?? undefined}
          value={dueOn}
          onChange={setDueOn}
        />
        <SelectField
          label="Persona del órgano garante (opcional)"
          error={fieldError("ownerUserId")}
          value={ownerUserId}
          onChange={setOwnerUserId}
          blank="Nadie en particular"
          options={(people.data ?? []).map((person) => ({ value: person.id, label: person.name }))}
        />
        <TextField
          label="Nombre de la persona responsable (opcional)"
          hint="Por ejemplo, quien lo atenderá en el municipio."
          error={fieldError("ownerName")}
          maxLength={200}
          autoComplete="off"
          value={ownerName}
          onChange={setOwnerName}
        />
      </div>
    </AddToActionForm>
  );
}
