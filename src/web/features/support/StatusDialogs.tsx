import { type FormEvent, type ReactNode, useState } from "react";
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

interface FormProps {
  action: SupportActionDetail;
  title: string;
  onClose: () => void;
}

const DIALOGS: Record<
  NonNullable<StatusDialog>,
  { title: string; Form: (props: FormProps) => ReactNode }
> = {
  held: { title: "Registrar como realizada", Form: HoldForm },
  cancel: { title: "Cancelar la acción", Form: CancelForm },
  reschedule: { title: "Reprogramar la acción", Form: RescheduleForm },
};

/**
 * The dialogs that change an action's status: mark held, cancel, reschedule. The dialog mounts
 * its form only while open, so each opening starts from the form's initial values.
 */
export function StatusDialogs({
  action,
  open,
  onClose,
}: {
  action: SupportActionDetail;
  open: StatusDialog;
  onClose: () => void;
}) {
  const dialog = open === null ? null : DIALOGS[open];
  return (
    <Dialog open={dialog !== null} title={dialog?.title ?? ""} onClose={onClose}>
      {dialog ? <dialog.Form action={action} title={dialog.title} onClose={onClose} /> : null}
    </Dialog>
  );
}

/** What the server would refuse of this change (src/domain/support-actions.ts), as of now. */
function changeProblem(action: SupportActionDetail, change: StatusChange): string | undefined {
  const current = { status: action.status, startsAt: new Date(action.startsAt) };
  return statusChangeProblem(current, change, new Date()) ?? undefined;
}

/**
 * One status change's request, the problem found before sending it (shown on its field), and
 * what its `StatusForm` shows of both.
 */
function useStatusChange<V>(
  { title, onClose }: FormProps,
  request: (value: V) => Promise<SupportActionDetail>,
) {
  const change = useActionChange(request);
  const [problem, setProblem] = useState<string | undefined>();
  return {
    problem,
    form: { title, onClose, error: change.error, busy: change.isPending },
    /** Sends the value unless a problem was found. */
    send(value: V, found: string | undefined) {
      setProblem(found);
      if (!found) {
        change.mutate(value, { onSuccess: onClose });
      }
    },
  };
}

/** One status change's form (named by the title): what it does, its fields and its buttons. */
function StatusForm({
  title,
  intro,
  submitLabel,
  error,
  busy,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  intro: ReactNode;
  submitLabel: string;
  error: unknown;
  busy: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="stack"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onSubmit();
      }}
      noValidate
      aria-label={title}
    >
      <p>{intro}</p>
      <FormError error={error} />
      {children}
      <FormActions submitLabel={submitLabel} busy={busy} onCancel={onClose} cancelLabel="Volver" />
    </form>
  );
}

function HoldForm(props: FormProps) {
  const { action } = props;
  const today = todayLocalDate();
  // The planned day, or today if it is still to come.
  const [heldOn, setHeldOn] = useState([action.date, today].sort()[0] ?? today);
  const hold = useStatusChange(props, (heldOn: string) =>
    api.supportActions.hold(action.id, { heldOn, expectedRevision: action.revision }),
  );
  return (
    <StatusForm
      {...hold.form}
      intro="Se guardará el estado de cada herramienta atendida en cada municipio invitado: es la línea base con la que se mide si la acción funcionó. Después podrá registrar la asistencia, el acta y los acuerdos."
      submitLabel="Registrar como realizada"
      onSubmit={() =>
        hold.send(
          heldOn,
          isLocalDate(heldOn) ? changeProblem(action, { to: "held", heldOn }) : "Indique la fecha.",
        )
      }
    >
      <TextField
        label="Fecha en que se realizó"
        required
        error={hold.problem}
        type="date"
        min={action.date}
        max={today}
        value={heldOn}
        onChange={setHeldOn}
      />
    </StatusForm>
  );
}

function CancelForm(props: FormProps) {
  const { action } = props;
  const [reason, setReason] = useState("");
  const cancel = useStatusChange(props, (reason: string) =>
    api.supportActions.cancel(action.id, { reason, expectedRevision: action.revision }),
  );
  return (
    <StatusForm
      {...cancel.form}
      intro="Los municipios invitados verán la acción como cancelada, con el motivo."
      submitLabel="Cancelar la acción"
      onSubmit={() =>
        cancel.send(reason.trim(), changeProblem(action, { to: "cancelled", reason }))
      }
    >
      <TextAreaField
        label="Motivo de la cancelación"
        required
        error={cancel.problem}
        rows={3}
        maxLength={1000}
        value={reason}
        onChange={setReason}
      />
    </StatusForm>
  );
}

function RescheduleForm(props: FormProps) {
  const { action } = props;
  const [date, setDate] = useState("");
  const [time, setTime] = useState(action.time);
  const reschedule = useStatusChange(props, (when: { date: string; time: string }) =>
    api.supportActions.reschedule(action.id, { ...when, expectedRevision: action.revision }),
  );
  return (
    <StatusForm
      {...reschedule.form}
      intro="La acción vuelve a quedar programada en la nueva fecha (hora de la Ciudad de México)."
      submitLabel="Reprogramar"
      onSubmit={() =>
        reschedule.send(
          { date, time },
          isLocalDate(date) && isLocalTime(time)
            ? changeProblem(action, { to: "planned", startsAt: zonedInstant(date, time) })
            : "Indique la nueva fecha y hora.",
        )
      }
    >
      <div className="form-grid">
        <TextField
          label="Nueva fecha"
          required
          error={reschedule.problem}
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
