import { useState } from "react";
import type { User, UserWithPassword } from "../../../contracts/users.js";
import { ErrorAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { ConfirmDialog, Dialog } from "../../ui/Dialog";
import { DoneButton } from "../../ui/FormActions";
import { useResetPassword, useUpdateUser } from "./queries";
import { TemporaryPassword } from "./TemporaryPassword";

/** Confirms and performs deactivation or reactivation of an account. */
export function ToggleActiveDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const update = useUpdateUser();
  const deactivating = user?.active ?? false;

  return (
    <ConfirmDialog
      open={user !== null}
      title={deactivating ? "Desactivar cuenta" : "Reactivar cuenta"}
      confirmLabel={deactivating ? "Desactivar" : "Reactivar"}
      busyLabel={deactivating ? "Desactivando…" : "Reactivando…"}
      variant={deactivating ? "danger" : "primary"}
      mutation={update}
      onCancel={onClose}
      onConfirm={() => {
        if (user) {
          update.mutate({ id: user.id, patch: { active: !user.active } }, { onSuccess: onClose });
        }
      }}
    >
      {user ? (
        deactivating ? (
          <p>
            ¿Desactivar la cuenta de <strong>{user.name}</strong> ({user.email})? No podrá iniciar
            sesión y se cerrarán sus sesiones abiertas. Podrá reactivarla después; su historial se
            conserva.
          </p>
        ) : (
          <p>
            ¿Reactivar la cuenta de <strong>{user.name}</strong> ({user.email})? Podrá volver a
            iniciar sesión con su contraseña actual.
          </p>
        )
      ) : null}
    </ConfirmDialog>
  );
}

/** Confirms a password reset, then shows the new temporary password once. */
export function ResetPasswordDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const reset = useResetPassword();
  const [result, setResult] = useState<UserWithPassword | null>(null);

  function close() {
    reset.reset();
    setResult(null);
    onClose();
  }

  return (
    <Dialog
      open={user !== null}
      title={result ? "Contraseña restablecida" : "Restablecer contraseña"}
      onClose={close}
      wide={result !== null}
    >
      {result?.temporaryPassword ? (
        <div className="stack">
          <TemporaryPassword password={result.temporaryPassword} email={result.user.email} />
          <DoneButton onDone={close} />
        </div>
      ) : (
        <div className="stack">
          {user ? (
            <p>
              ¿Generar una contraseña temporal nueva para <strong>{user.name}</strong> ({user.email}
              )? La contraseña actual dejará de servir y se cerrarán sus sesiones abiertas.
            </p>
          ) : null}
          <ErrorAlert error={reset.error} />
          <div className="button-row button-row--end">
            <Button onClick={close} disabled={reset.isPending}>
              Cancelar
            </Button>
            <Button
              variant="danger"
              busy={reset.isPending}
              busyLabel="Restableciendo…"
              onClick={() => {
                if (user) {
                  reset.mutate(user.id, { onSuccess: setResult });
                }
              }}
            >
              Restablecer
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
