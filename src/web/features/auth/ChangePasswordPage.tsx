import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { api, isApiError } from "../../api/client";
import { Alert, FormError } from "../../ui/Alert";
import { SubmitRow } from "../../ui/FormActions";
import { PageHeader } from "../../ui/PageHeader";
import { PasswordField } from "../../ui/PasswordField";
import { NewPasswordFields, useNewPassword } from "./NewPasswordFields";
import { readReturnPath } from "./returnPath";
import { sessionKey, useCurrentUser } from "./session";

export function ChangePasswordPage() {
  const user = useCurrentUser();
  const forced = user?.mustChangePassword ?? false;
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrentPassword] = useState("");
  const password = useNewPassword();
  const [done, setDone] = useState(false);

  const change = useMutation({
    mutationFn: api.auth.changePassword,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      setCurrentPassword("");
      password.clear();
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
    if (password.confirmed()) {
      change.mutate({ currentPassword, newPassword: password.newPassword });
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
        <NewPasswordFields password={password} error={apiError?.fieldMessage("newPassword")} />
        <SubmitRow busy={change.isPending} busyLabel="Guardando…">
          Cambiar contraseña
        </SubmitRow>
      </form>
    </div>
  );
}
