import { type ReactNode, useEffect, useId, useRef } from "react";
import { ErrorAlert } from "./Alert";
import { Button, type ButtonVariant } from "./Button";

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Wider dialog for forms. */
  wide?: boolean;
  /** A request of the dialog is running: it cannot be closed until it ends. */
  busy?: boolean;
}

/** Whether a button of the dialog is sending a request (`Button` marks itself aria-busy). */
function sending(dialog: HTMLDialogElement | null): boolean {
  return dialog?.querySelector('[aria-busy="true"]') != null;
}

/**
 * A modal built on the native <dialog>: the browser traps focus, closes it on Escape and gives
 * focus back to the button that opened it. While one of its buttons is sending a request (busy),
 * neither Escape nor × closes it: the answer of the request is shown where it was asked.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  wide = false,
  busy = false,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={wide ? "dialog dialog--wide" : "dialog"}
      aria-labelledby={titleId}
      onCancel={(event) => {
        if (busy || sending(ref.current)) {
          event.preventDefault();
        }
      }}
      onClose={onClose}
    >
      {open ? (
        <>
          <div className="dialog__header">
            <h2 className="dialog__title" id={titleId}>
              {title}
            </h2>
            <button
              type="button"
              className="dialog__close"
              onClick={() => {
                if (!sending(ref.current)) {
                  onClose();
                }
              }}
              disabled={busy}
              aria-label="Cerrar"
            >
              ×
            </button>
          </div>
          <div className="dialog__body">{children}</div>
        </>
      ) : null}
    </dialog>
  );
}

/** The request a dialog confirms, as TanStack Query's `useMutation` gives it. */
export interface ConfirmedMutation {
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  variant?: ButtonVariant;
  busy?: boolean;
  /** Nothing may be sent yet (the dialog says why): the confirm button is disabled. */
  confirmDisabled?: boolean;
  error?: unknown;
  /**
   * The request the dialog confirms, in place of `busy` and `error`: busy while it runs, its error
   * shown, and forgotten (reset) when the dialog is cancelled.
   */
  mutation?: ConfirmedMutation;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before doing something that matters (deactivating a user, publishing a model…). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busyLabel,
  variant = "primary",
  busy = false,
  confirmDisabled = false,
  error,
  mutation,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const sending = mutation ? mutation.isPending : busy;
  const cancel = mutation
    ? () => {
        mutation.reset();
        onCancel();
      }
    : onCancel;
  return (
    <Dialog open={open} title={title} onClose={cancel} busy={sending}>
      <div className="stack">
        {children}
        <ErrorAlert error={mutation ? mutation.error : error} />
        <div className="button-row button-row--end">
          <Button onClick={cancel} disabled={sending}>
            Cancelar
          </Button>
          <Button
            variant={variant}
            onClick={onConfirm}
            busy={sending}
            busyLabel={busyLabel}
            disabled={confirmDisabled}
          >
            {confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
