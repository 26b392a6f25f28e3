import { type FormEvent, useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { isApiError } from "../../api/client";
import { FormError } from "../../ui/Alert";
import { SubmitRow } from "../../ui/FormActions";
import { PageHeader } from "../../ui/PageHeader";
import { PasswordField } from "../../ui/PasswordField";
import { TextField } from "../../ui/TextField";
import { RECOVERY_REQUEST_PATH } from "./PasswordRecoveryPages";
import { CHANGE_PASSWORD_PATH, readReturnPath } from "./returnPath";
import { useLogin, useSession } from "./session";

export function SignInPage() {
  const [search] = useSearchParams();
  const returnTo = readReturnPath(search);
  const navigate = useNavigate();
  const session = useSession();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});

  if (session.data && !login.isSuccess) {
    return <Navigate to={returnTo} replace />;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = {
      email: email.trim() ? undefined : "Escriba su correo electrónico.",
      password: password ? undefined : "Escriba su contraseña.",
    };
    setMissing(problems);
    if (problems.email || problems.password) {
      return;
    }
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (info) => {
          const next = info.user.mustChangePassword
            ? `${CHANGE_PASSWORD_PATH}?volver=${encodeURIComponent(returnTo)}`
            : returnTo;
          navigate(next, { replace: true });
        },
      },
    );
  }

  const apiError = isApiError(login.error) ? login.error : null;
  return (
    <div className="narrow">
      <PageHeader
        title="Iniciar sesión"
        description="Acceso para el personal del órgano garante y los enlaces municipales."
      />
      <form className="card stack" onSubmit={submit} noValidate aria-label="Iniciar sesión">
        <FormError error={login.error} fields={["email", "password"]} />
        <TextField
          label="Correo electrónico"
          error={missing.email ?? apiError?.fieldMessage("email")}
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
        />
        <PasswordField
          label="Contraseña"
          error={missing.password ?? apiError?.fieldMessage("password")}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        <SubmitRow busy={login.isPending} busyLabel="Entrando…">
          Entrar
        </SubmitRow>
        <p className="small">
          <Link to={RECOVERY_REQUEST_PATH}>¿Olvidó su contraseña?</Link>
        </p>
      </form>
    </div>
  );
}
