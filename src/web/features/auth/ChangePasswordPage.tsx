import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { PASSWORD_MIN_LENGTH } from "../../../domain/password.js";
import { api, isApiError } from "../../api/client";
import { Alert, FormError } from "../../ui/Alert";
import { SubmitRow } from "../../ui/FormActions";
import { PageHeader } from "../../ui/PageHeader";
import { PasswordField } from "../../ui/PasswordField";
import { readReturnPath } from "./returnPath";
import { sessionKey, useCurrentUser } from "./session";

export function ChangePasswordPage() {
  const user = useCurrentUser();
  const forced = user?.mustChangePassword ?? false;
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  const change = useMutation({
    mutationFn: api.auth.changePassword,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      setCurrentPassword("");
      setNewPassword("");
      setConfirmation("");
      if (forced) {
        navigate(readReturnPath(search), { replace: true });
      } else {
        setDone(true);
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const differs = newPassword !== confirmation;
    setMismatch(differs);
    if (!differs) {
      change.mutate({ currentPassword, newPassword });
    }
  }

  const apiError = isApiError(change.error) ? change.error : null;
  return (
    <div className="narrow">
      <PageHeader title="Cambiar contraseña" />
      {forced ? (
        <Alert tone="warning" title="Debe cambiar su contraseña">
          <p>
            Inició sesión con una contraseña temporal. Elija una contraseña propia para continuar.
          </p>
        </Alert>
      ) : null}
      {done ? (
        <Alert tone="success" title="Contraseña cambiada">
          <p>Las demás sesiones abiertas con su cuenta se cerraron.</p>
        </Alert>
      ) : null}
      <form className="card stack" onSubmit={submit} noValidate aria-label="Cambiar contraseña">
        <FormError error={change.error} fields={["currentPassword", "newPassword"]} />
        <PasswordField
          label="Contraseña actual"
          error={apiError?.fieldMessage("currentPassword")}
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
        />
        <PasswordField
          label="Contraseña nueva"
          hint={`Al menos ${PASSWORD_MIN_LENGTH} caracteres. Una frase de varias palabras es fácil de recordar y difícil de adivinar.`}
          error={apiError?.fieldMessage("newPassword")}
          autoComplete="new-password"
          value={newPassword}
          onChange={setNewPassword}
        />
        <PasswordField
          label="Confirme la contraseña nueva"
          error={mismatch ? "Las contraseñas no coinciden." : undefined}
          autoComplete="new-password"
          value={confirmation}
          onChange={setConfirmation}
        />
        <SubmitRow busy={change.isPending} busyLabel="Guardando…">
          Cambiar contraseña
        </SubmitRow>
      </form>
    </div>
  );
}
