import type { SupportActionDetail } from "../../../contracts/support.js";
import { duplicateAttendeeMessage, sameAttendeeName } from "../../../domain/support-actions.js";
import { api } from "../../api/client";
import { FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { fieldBinder, useFormValues } from "../../ui/useFormValues";
import { AddToActionForm, invitedOptions, soleInvited } from "./AddToActionForm";
import { useActionChange } from "./queries";

const FIELDS = ["municipality", "name", "position"] as const;

/**
 * Who attended, per invited municipality. Staff add and remove attendees; a municipality sees only
 * its own people (the server sends no others).
 */
export function AttendanceSection({
  action,
  staff,
  ownMunicipality,
}: {
  action: SupportActionDetail;
  staff: boolean;
  ownMunicipality: string | null;
}) {
  const municipalities = action.invited.filter(
    (m) => ownMunicipality === null || m.cvegeo === ownMunicipality,
  );
  const remove = useActionChange((attendeeId: string) =>
    api.supportActions.removeAttendee(action.id, attendeeId),
  );
  return (
    <section className="stack" aria-labelledby="asistencia-titulo">
      <h2 id="asistencia-titulo">Asistencia</h2>
      <FormError error={remove.error} />
      {action.attendees.length === 0 ? (
        <p className="empty">
          {ownMunicipality
            ? "No se registraron asistentes de su municipio."
            : "Aún no se registra la asistencia."}
        </p>
      ) : (
        <ul className="attendance">
          {municipalities.map((municipality) => {
            const people = action.attendees.filter(
              (a) => a.municipality.cvegeo === municipality.cvegeo,
            );
            return (
              <li key={municipality.cvegeo} className="attendance__group">
                <h3 className="attendance__title">
                  {municipality.name}{" "}
                  <span className="muted small">
                    ({people.length === 1 ? "1 persona" : `${people.length} personas`})
                  </span>
                </h3>
                {people.length === 0 ? (
                  <p className="muted small">Sin asistentes registrados.</p>
                ) : (
                  <ul className="attendance__people">
                    {people.map((person) => (
                      <li key={person.id} data-attendee={person.id}>
                        <span>
                          <strong>{person.name}</strong>
                          <span className="muted"> · {person.position}</span>
                        </span>
                        {staff ? (
                          <Button
                            size="small"
                            variant="ghost"
                            busy={remove.isPending && remove.variables === person.id}
                            onClick={() => remove.mutate(person.id)}
                          >
                            Quitar<span className="visually-hidden"> a {person.name}</span>
                          </Button>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {staff ? <AddAttendeeForm action={action} /> : null}
    </section>
  );
}

/** The refusal the server would give to recording the same person twice for a municipality. */
function duplicateOf(
  action: SupportActionDetail,
  municipality: string,
  name: string,
): string | null {
  const same = action.attendees.find(
    (person) => person.municipality.cvegeo === municipality && sameAttendeeName(person.name, name),
  );
  return same ? duplicateAttendeeMessage(same.name, same.municipality.name) : null;
}

function AddAttendeeForm({ action }: { action: SupportActionDetail }) {
  const { values, change } = useFormValues(() => ({
    municipality: soleInvited(action),
    name: "",
    position: "",
  }));
  const { municipality, name, position } = values;
  const add = useActionChange(() =>
    api.supportActions.addAttendee(action.id, {
      municipality,
      name: name.trim(),
      position: position.trim(),
    }),
  );
  const { check, fieldError } = useFieldProblems(FIELDS, add.error, values);
  const bind = fieldBinder({ values, onChange: change, fieldError });

  return (
    <AddToActionForm
      title="Registrar asistente"
      add={add}
      fields={FIELDS}
      validate={() =>
        check({
          municipality: municipality ? undefined : "Elija el municipio.",
          name:
            name.trim().length < 2
              ? "Escriba el nombre."
              : (duplicateOf(action, municipality, name) ?? undefined),
          position: position.trim().length < 2 ? "Escriba el cargo." : undefined,
        })
      }
      onAdded={() => change({ name: "", position: "" })}
      busyLabel="Agregando…"
      submitLabel="Agregar asistente"
    >
      <div className="form-grid form-grid--3">
        <SelectField
          label="Municipio"
          required
          blank="Elija…"
          options={invitedOptions(action)}
          {...bind("municipality")}
        />
        <TextField label="Nombre" required maxLength={200} autoComplete="off" {...bind("name")} />
        <TextField
          label="Cargo"
          required
          maxLength={200}
          autoComplete="off"
          {...bind("position")}
        />
      </div>
    </AddToActionForm>
  );
}
