import { type FormEvent, useState } from "react";
import type { Commitment, SupportActionDetail } from "../../../contracts/support.js";
import { api, isApiError } from "../../api/client";
import { FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Field } from "../../ui/Field";
import { CommitmentStatusDialog } from "./CommitmentStatusDialog";
import { CommitmentsTable } from "./CommitmentsTable";
import { useActionChange, useStaff } from "./queries";

const FIELDS = ["description", "municipality", "ownerUserId", "ownerName", "dueOn"] as const;
type Problems = Partial<Record<(typeof FIELDS)[number], string>>;

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
  const [municipality, setMunicipality] = useState(
    action.invited.length === 1 ? (action.invited[0]?.cvegeo ?? "") : "",
  );
  const [ownerUserId, setOwnerUserId] = useState("");
  const [ownerName, setOwnerName] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [problems, setProblems] = useState<Problems>({});
  const add = useActionChange(() =>
    api.supportActions.addCommitment(action.id, {
      description: description.trim(),
      municipality: municipality || null,
      ownerUserId: ownerUserId || null,
      ownerName: ownerName.trim(),
      dueOn,
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Problems = {
      description: description.trim().length < 3 ? "Describa el acuerdo." : undefined,
      municipality:
        !municipality && !ownerUserId && !ownerName.trim()
          ? "Indique el municipio o la persona responsable."
          : undefined,
      dueOn: !dueOn
        ? "Indique la fecha compromiso."
        : action.heldOn && dueOn < action.heldOn
          ? "No puede ser anterior a la fecha en que se realizó la acción."
          : undefined,
    };
    setProblems(found);
    if (Object.values(found).some(Boolean)) {
      return;
    }
    add.mutate(undefined, {
      onSuccess: () => {
        setDescription("");
        setOwnerUserId("");
        setOwnerName("");
        setDueOn("");
      },
    });
  }

  const apiError = isApiError(add.error) ? add.error : null;
  const fieldError = (field: (typeof FIELDS)[number]) =>
    problems[field] ?? apiError?.fieldMessage(field);
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label="Registrar acuerdo">
      <h3>Registrar acuerdo</h3>
      <FormError error={add.error} fields={FIELDS} />
      <Field label="Acuerdo" required error={fieldError("description")}>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={2}
            maxLength={2000}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        )}
      </Field>
      <div className="form-grid">
        <Field
          label="Municipio responsable"
          hint="Su enlace le dará seguimiento."
          error={fieldError("municipality")}
        >
          {(control) => (
            <select
              {...control}
              className="input"
              value={municipality}
              onChange={(event) => setMunicipality(event.target.value)}
            >
              <option value="">Ninguno (del órgano garante)</option>
              {action.invited.map((m) => (
                <option key={m.cvegeo} value={m.cvegeo}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Fecha compromiso" required error={fieldError("dueOn")}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="date"
              min={action.heldOn ?? undefined}
              value={dueOn}
              onChange={(event) => setDueOn(event.target.value)}
            />
          )}
        </Field>
        <Field label="Persona del órgano garante (opcional)" error={fieldError("ownerUserId")}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={ownerUserId}
              onChange={(event) => setOwnerUserId(event.target.value)}
            >
              <option value="">Nadie en particular</option>
              {(people.data ?? []).map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Nombre de la persona responsable (opcional)"
          hint="Por ejemplo, quien lo atenderá en el municipio."
          error={fieldError("ownerName")}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              maxLength={200}
              autoComplete="off"
              value={ownerName}
              onChange={(event) => setOwnerName(event.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="button-row button-row--end">
        <Button type="submit" busy={add.isPending} busyLabel="Registrando…">
          Registrar acuerdo
        </Button>
      </div>
    </form>
  );
}
