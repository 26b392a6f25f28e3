import { type FormEvent, useEffect, useState } from "react";
import type { SupportActionDetail } from "../../../contracts/support.js";
import { isLocalTime } from "../../../domain/support-actions.js";
import { api } from "../../api/client";
import { FormError } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { Field } from "../../ui/Field";
import { formatLocalDate, todayLocalDate } from "../../ui/format";
import { useActionChange } from "./queries";

export type StatusDialog = "held" | "cancel" | "reschedule" | null;

/** The dialogs that change an action's status: mark held, cancel, reschedule. */
export function StatusDialogs({
  action,
  open,
  onClose,
}: {
  action: SupportActionDetail;
  open: StatusDialog;
  onClose: () => void;
}) {
  return (
    <>
      <HoldDialog action={action} open={open === "held"} onClose={onClose} />
      <CancelDialog action={action} open={open === "cancel"} onClose={onClose} />
      <RescheduleDialog action={action} open={open === "reschedule"} onClose={onClose} />
    </>
  );
}

function DialogButtons({
  busy,
  label,
  onCancel,
}: {
  busy: boolean;
  label: string;
  onCancel: () => void;
}) {
  return (
    <div className="button-row button-row--end">
      <Button onClick={onCancel} disabled={busy}>
        Volver
      </Button>
      <Button type="submit" variant="primary" busy={busy} busyLabel="Guardando…">
        {label}
      </Button>
    </div>
  );
}

function HoldDialog({
  action,
  open,
  onClose,
}: {
  action: SupportActionDetail;
  open: boolean;
  onClose: () => void;
}) {
  const today = todayLocalDate();
  const hold = useActionChange((heldOn: string) =>
    api.supportActions.hold(action.id, { heldOn, expectedRevision: action.revision }),
  );
  const [heldOn, setHeldOn] = useState(today);
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (open) {
      // The planned day, or today if it is still to come.
      setHeldOn([action.date, today].sort()[0] ?? today);
      setProblem(undefined);
      hold.reset();
    }
  }, [open, action.date, today, hold.reset]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = !heldOn
      ? "Indique la fecha."
      : heldOn > today
        ? "La fecha de realización no puede ser futura."
        : heldOn < action.date
          ? `No puede ser anterior a la fecha programada (${formatLocalDate(action.date)}).`
          : undefined;
    setProblem(found);
    if (!found) {
      hold.mutate(heldOn, { onSuccess: onClose });
    }
  }

  return (
    <Dialog open={open} title="Registrar como realizada" onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate aria-label="Registrar como realizada">
        <p>
          Se guardará el estado de cada herramienta atendida en cada municipio invitado: es la línea
          base con la que se mide si la acción funcionó. Después podrá registrar la asistencia, el
          acta y los acuerdos.
        </p>
        <FormError error={hold.error} />
        <Field label="Fecha en que se realizó" required error={problem}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="date"
              min={action.date}
              max={today}
              value={heldOn}
              onChange={(event) => setHeldOn(event.target.value)}
            />
          )}
        </Field>
        <DialogButtons busy={hold.isPending} label="Registrar como realizada" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function CancelDialog({
  action,
  open,
  onClose,
}: {
  action: SupportActionDetail;
  open: boolean;
  onClose: () => void;
}) {
  const cancel = useActionChange((reason: string) =>
    api.supportActions.cancel(action.id, { reason, expectedRevision: action.revision }),
  );
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (open) {
      setReason("");
      setProblem(undefined);
      cancel.reset();
    }
  }, [open, cancel.reset]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = reason.trim().length < 3 ? "Indique el motivo de la cancelación." : undefined;
    setProblem(found);
    if (!found) {
      cancel.mutate(reason.trim(), { onSuccess: onClose });
    }
  }

  return (
    <Dialog open={open} title="Cancelar la acción" onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate aria-label="Cancelar la acción">
        <p>Los municipios invitados verán la acción como cancelada, con el motivo.</p>
        <FormError error={cancel.error} />
        <Field label="Motivo de la cancelación" required error={problem}>
          {(control) => (
            <textarea
              {...control}
              className="input"
              rows={3}
              maxLength={1000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <DialogButtons busy={cancel.isPending} label="Cancelar la acción" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function RescheduleDialog({
  action,
  open,
  onClose,
}: {
  action: SupportActionDetail;
  open: boolean;
  onClose: () => void;
}) {
  const reschedule = useActionChange((when: { date: string; time: string }) =>
    api.supportActions.reschedule(action.id, { ...when, expectedRevision: action.revision }),
  );
  const [date, setDate] = useState("");
  const [time, setTime] = useState(action.time);
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (open) {
      setDate("");
      setTime(action.time);
      setProblem(undefined);
      reschedule.reset();
    }
  }, [open, action.time, reschedule.reset]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found =
      !date || !isLocalTime(time)
        ? "Indique la nueva fecha y hora."
        : date < todayLocalDate()
          ? "La nueva fecha no puede ser pasada."
          : undefined;
    setProblem(found);
    if (!found) {
      reschedule.mutate({ date, time }, { onSuccess: onClose });
    }
  }

  return (
    <Dialog open={open} title="Reprogramar la acción" onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate aria-label="Reprogramar la acción">
        <p>La acción vuelve a quedar programada en la nueva fecha (hora de la Ciudad de México).</p>
        <FormError error={reschedule.error} />
        <div className="form-grid">
          <Field label="Nueva fecha" required error={problem}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="date"
                min={todayLocalDate()}
                value={date}
                onChange={(event) => setDate(event.target.value)}
              />
            )}
          </Field>
          <Field label="Hora" required>
            {(control) => (
              <input
                {...control}
                className="input"
                type="time"
                value={time}
                onChange={(event) => setTime(event.target.value)}
              />
            )}
          </Field>
        </div>
        <DialogButtons busy={reschedule.isPending} label="Reprogramar" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
