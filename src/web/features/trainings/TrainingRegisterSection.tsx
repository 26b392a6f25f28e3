import { type FormEvent, type ReactNode, useState } from "react";
import type { NewTrainingSession, TrainingSession } from "../../../contracts/document-drafts.js";
import { ErrorAlert, FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { ConfirmDialog, Dialog } from "../../ui/Dialog";
import { FormActions } from "../../ui/FormActions";
import { formatLocalDate, formatNumber, plural, todayLocalDate } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { Table } from "../../ui/Table";
import { ACTIONS_COLUMN, numeric } from "../../ui/TableHead";
import { TextAreaField, TextField } from "../../ui/TextField";
import { useFieldProblems } from "../../ui/useFieldProblems";
import {
  evidenceHref,
  readTrainingDraft,
  TRAINING_FIELDS,
  type TrainingDraft,
  trainingDraftOf,
} from "./form";
import {
  useCorrectTraining,
  useRecordTraining,
  useRemoveTraining,
  useTrainingRegister,
} from "./queries";

/** What the dialog is doing: recording a new session or correcting one. */
type Editing = { session: TrainingSession | null } | null;

/**
 * R2 and R3: the register of trainings delivered in the cycle, with its totals. The municipality's
 * team records, corrects and removes sessions; staff read it.
 */
export function TrainingRegisterSection({ instanceId }: { instanceId: string }) {
  const register = useTrainingRegister(instanceId);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<TrainingSession | null>(null);
  const remove = useRemoveTraining(instanceId);

  return (
    <section className="card stack" aria-labelledby="capacitaciones-titulo">
      <h2 id="capacitaciones-titulo">Capacitaciones impartidas</h2>
      <p className="small">
        Registre cada capacitación que el plan llevó a cabo en este ciclo: fecha, tema, horas, a
        quién se dirigió, cuántas personas se capacitaron y su evidencia. El registro y sus totales
        se imprimen con el plan en Word y PDF.
      </p>
      {register.isPending ? (
        <Loading label="Cargando el registro de capacitaciones…" />
      ) : register.isError ? (
        <ErrorAlert error={register.error} />
      ) : (
        <>
          <p data-testid="training-totals">
            <strong>
              {plural(register.data.totals.sessions, "capacitación", "capacitaciones")}
            </strong>{" "}
            · {formatNumber(register.data.totals.hours)} horas ·{" "}
            {plural(
              register.data.totals.peopleTrained,
              "persona capacitada",
              "personas capacitadas",
            )}
          </p>
          {register.data.sessions.length === 0 ? (
            <p className="empty">Aún no hay capacitaciones registradas en este ciclo.</p>
          ) : (
            <Table
              caption="Capacitaciones impartidas en el ciclo"
              className="table--compact table--stack"
              columns={[
                "Fecha",
                "Tema",
                numeric("Horas"),
                "Dirigida a",
                numeric("Personas"),
                "Evidencia",
                register.data.canEdit ? ACTIONS_COLUMN : null,
              ]}
            >
              {register.data.sessions.map((session) => (
                <tr key={session.id}>
                  <td data-label="Fecha">{formatLocalDate(session.heldOn)}</td>
                  <th scope="row" data-label="Tema">
                    {session.topic}
                  </th>
                  <td data-label="Horas" className="numeric">
                    {formatNumber(session.hours)}
                  </td>
                  <td data-label="Dirigida a">{session.audience}</td>
                  <td data-label="Personas" className="numeric">
                    {formatNumber(session.peopleTrained)}
                  </td>
                  <td data-label="Evidencia">
                    <Evidence text={session.evidence} />
                  </td>
                  {register.data.canEdit ? (
                    <td>
                      <div className="button-row">
                        <Button
                          size="small"
                          aria-label={`Corregir «${session.topic}»`}
                          onClick={() => setEditing({ session })}
                        >
                          Corregir
                        </Button>
                        <Button
                          size="small"
                          variant="danger"
                          aria-label={`Quitar «${session.topic}»`}
                          onClick={() => setRemoving(session)}
                        >
                          Quitar
                        </Button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </Table>
          )}
          {register.data.canEdit ? (
            <div>
              <Button variant="primary" onClick={() => setEditing({ session: null })}>
                Registrar una capacitación
              </Button>
            </div>
          ) : (
            <p className="note">El registro lo lleva el equipo del municipio.</p>
          )}
        </>
      )}
      {editing ? (
        <TrainingDialog
          instanceId={instanceId}
          session={editing.session}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title="Quitar la capacitación del registro"
        confirmLabel="Quitar"
        busyLabel="Quitando…"
        variant="danger"
        mutation={remove}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) {
            remove.mutate(removing.id, { onSuccess: () => setRemoving(null) });
          }
        }}
      >
        <p>
          «{removing?.topic}» del {formatLocalDate(removing?.heldOn)} deja de contar en el registro.
          La bitácora guarda lo que decía.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function Evidence({ text }: { text: string }): ReactNode {
  if (text === "") {
    return <span className="small">—</span>;
  }
  const href = evidenceHref(text);
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      Ver la evidencia
    </a>
  ) : (
    text
  );
}

/** Records a new session, or corrects the one given. */
function TrainingDialog({
  instanceId,
  session,
  onClose,
}: {
  instanceId: string;
  session: TrainingSession | null;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<TrainingDraft>(() => trainingDraftOf(session));
  const record = useRecordTraining(instanceId);
  const correct = useCorrectTraining(instanceId);
  const mutation = session ? correct : record;
  const { check, fieldError } = useFieldProblems(TRAINING_FIELDS, mutation.error, draft);
  const bind = (field: keyof TrainingDraft) => ({
    value: draft[field],
    onChange: (value: string) => setDraft((current) => ({ ...current, [field]: value })),
    error: fieldError(field),
  });
  const today = todayLocalDate();

  function submit(event: FormEvent) {
    event.preventDefault();
    const read = readTrainingDraft(draft, today);
    if (!read.ok) {
      check(read.problems);
      return;
    }
    check({});
    const sent: NewTrainingSession = read.session;
    if (session) {
      correct.mutate({ id: session.id, session: sent }, { onSuccess: onClose });
    } else {
      record.mutate(sent, { onSuccess: onClose });
    }
  }

  return (
    <Dialog
      open
      wide
      title={session ? "Corregir la capacitación" : "Registrar una capacitación"}
      onClose={onClose}
      busy={mutation.isPending}
    >
      <form className="stack" noValidate onSubmit={submit}>
        <FormError error={mutation.error} fields={TRAINING_FIELDS} />
        <TextField label="Fecha" type="date" max={today} required {...bind("heldOn")} />
        <TextField label="Tema" required maxLength={300} {...bind("topic")} />
        <TextField
          label="Horas"
          hint="En medias horas: 1.5 es una hora y media."
          inputMode="decimal"
          required
          {...bind("hours")}
        />
        <TextField
          label="Dirigida a"
          hint="Por ejemplo: servidores públicos de Tesorería."
          required
          maxLength={300}
          {...bind("audience")}
        />
        <TextField
          label="Personas capacitadas"
          inputMode="numeric"
          required
          {...bind("peopleTrained")}
        />
        <TextAreaField
          label="Evidencia (opcional)"
          hint="Un enlace a la lista de asistencia, constancias o fotografías, o dónde se resguardan."
          rows={2}
          maxLength={1000}
          {...bind("evidence")}
        />
        <FormActions
          submitLabel={session ? "Guardar la corrección" : "Registrar"}
          busy={mutation.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
