import { Button, type ButtonProps } from "./Button";

interface FormActionsProps {
  /** The submit button's label. */
  submitLabel: string;
  /** Shown on the submit button while the request runs. */
  busyLabel?: string;
  busy: boolean;
  onCancel: () => void;
  cancelLabel?: string;
}

/** The end of a form: go back without saving, and send. */
export function FormActions({
  submitLabel,
  busyLabel = "Guardando…",
  busy,
  onCancel,
  cancelLabel = "Cancelar",
}: FormActionsProps) {
  return (
    <div className="button-row button-row--end">
      <Button onClick={onCancel} disabled={busy}>
        {cancelLabel}
      </Button>
      <Button type="submit" variant="primary" busy={busy} busyLabel={busyLabel}>
        {submitLabel}
      </Button>
    </div>
  );
}

/** The end of a dialog that only reports something: "Listo" closes it. */
export function DoneButton({ onDone }: { onDone: () => void }) {
  return (
    <div className="button-row button-row--end">
      <Button variant="primary" onClick={onDone}>
        Listo
      </Button>
    </div>
  );
}

/**
 * The end of a form with nothing to cancel: its submit button alone in its row (primary unless
 * `variant` says otherwise; `end` aligns it to the right, as in dialogs).
 */
export function SubmitRow({
  end = false,
  ...button
}: Omit<ButtonProps, "type"> & { end?: boolean }) {
  return (
    <div className={end ? "button-row button-row--end" : "button-row"}>
      <Button variant="primary" {...button} type="submit" />
    </div>
  );
}
