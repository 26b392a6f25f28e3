import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import type { SupportActionDetail } from "../../../contracts/support.js";
import { isLocalDate } from "../../../domain/dates.js";
import {
  isLocalTime,
  type StatusChange,
  statusChangeProblem,
  zonedInstant,
} from "../../../domain/support-actions.js";
import { api } from "../../api/client";
import { FormError } from "../../ui/Alert";
import { Dialog } from "../../ui/Dialog";
import { FormActions } from "../../ui/FormActions";
import { todayLocalDate } from "../../ui/format";
import { TextAreaField, TextField } from "../../ui/TextField";
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

interface DialogProps {
  action: SupportActionDetail;
  open: boolean;
  onClose: () => void;
}

/** What the server would refuse of this change (src/domain/support-actions.ts), as of now. */
function changeProblem(action: SupportActionDetail, change: StatusChange): string | undefined {
  const current = { status: action.status, startsAt: new Date(action.startsAt) };
  return statusChangeProblem(current, change, new Date()) ?? undefined;
}

/** One status change: the dialog, its form (named by the title), what it does, and its buttons. */
function StatusForm({
  open,
  onClose,
  title,
  intro,
  error,
  onSubmit,
  busy,
  submitLabel,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  intro: ReactNode;
  error: unknown;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  busy: boolean;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form className="stack" onSubmit={onSubmit} noValidate aria-label={title}>
        <p>{intro}</p>
        <FormError error={error} />
        {children}
        <FormActions
          submitLabel={submitLabel}
          busy={busy}
          onCancel={onClose}
          cancelLabel="Volver"
        />
      </form>
    </Dialog>
  );
}

function HoldDialog({ action, open, onClose }: DialogProps) {
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
    const found = !isLocalDate(heldOn)
      ? "Indique la fecha."
      : changeProblem(action, { to: "held", heldOn });
    setProblem(found);
    if (!found) {
      hold.mutate(heldOn, { onSuccess: onClose });
    }
  }

  return (
    <StatusForm
      open={open}
      onClose={onClose}
      title="Registrar como realizada"
      intro="Se guardará el estado de cada herramienta atendida en cada municipio invitado: es la línea base con la que se mide si la acción funcionó. Después podrá registrar la asistencia, el acta y los acuerdos."
      error={hold.error}
      onSubmit={submit}
      busy={hold.isPending}
      submitLabel="Registrar como realizada"
    >
      <TextField
        label="Fecha en que se realizó"
        required
        error={problem}
        type="date"
        min={action.date}
        max={today}
        value={heldOn}
        onChange={setHeldOn}
      />
    </StatusForm>
  );
}

function CancelDialog({ action, open, onClose }: DialogProps) {
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
    const found = changeProblem(action, { to: "cancelled", reason });
    setProblem(found);
    if (!found) {
      cancel.mutate(reason.trim(), { onSuccess: onClose });
    }
  }

  return (
    <StatusForm
      open={open}
      onClose={onClose}
      title="Cancelar la acción"
      intro="Los municipios invitados verán la acción como cancelada, con el motivo."
      error={cancel.error}
      onSubmit={submit}
      busy={cancel.isPending}
      submitLabel="Cancelar la acción"
    >
      <TextAreaField
        label="Motivo de la cancelación"
        required
        error={problem}
        rows={3}
        maxLength={1000}
        value={reason}
        onChange={setReason}
      />
    </StatusForm>
  );
}

function RescheduleDialog({ action, open, onClose }: DialogProps) {
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
      !isLocalDate(date) || !isLocalTime(time)
        ? "Indique la nueva fecha y hora."
        : changeProblem(action, { to: "planned", startsAt: zonedInstant(date, time) });
    setProblem(found);
    if (!found) {
      reschedule.mutate({ date, time }, { onSuccess: onClose });
    }
  }

  return (
    <StatusForm
      open={open}
      onClose={onClose}
      title="Reprogramar la acción"
      intro="La acción vuelve a quedar programada en la nueva fecha (hora de la Ciudad de México)."
      error={reschedule.error}
      onSubmit={submit}
      busy={reschedule.isPending}
      submitLabel="Reprogramar"
    >
      <div className="form-grid">
        <TextField
          label="Nueva fecha"
          required
          error={problem}
          type="date"
          min={todayLocalDate()}
          value={date}
          onChange={setDate}
        />
        <TextField label="Hora" required type="time" value={time} onChange={setTime} />
      </div>
    </StatusForm>
  );
}
