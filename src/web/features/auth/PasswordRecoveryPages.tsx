import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { type AccountLinkPurpose, RESET_TOKEN_MINUTES } from "../../../domain/password-reset.js";
import { api, isApiError } from "../../api/client";
import { Alert, FormError } from "../../ui/Alert";
import { SubmitRow } from "../../ui/FormActions";
import { PageHeader } from "../../ui/PageHeader";
import { TextField } from "../../ui/TextField";
import { NewPasswordFields, useNewPassword } from "./NewPasswordFields";

/** Where the sign-in page's «¿Olvidó su contraseña?» leads. */
export const RECOVERY_REQUEST_PATH = "/recuperar-contrasena";

/** «¿Olvidó su contraseña?»: asks for a link by e-mail; the answer never says whether it exists. */
export function RequestPasswordResetPage() {
  const [email, setEmail] = useState("");
  const [missing, setMissing] = useState<string | undefined>();
  const send = useMutation({ mutationFn: api.auth.requestPasswordReset });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = email.trim() ? undefined : "Escriba su correo electrónico.";
    setMissing(problem);
    if (!problem) {
      send.mutate({ email: email.trim() });
    }
  }

  const apiError = isApiError(send.error) ? send.error : null;
  return (
    <div className="narrow">
      <PageHeader
        title="Recuperar la contraseña"
        description={`Le enviaremos un enlace para elegir una nueva contraseña. El enlace vale ${RESET_TOKEN_MINUTES} minutos y sirve una sola vez.`}
      />
      {send.data ? (
        <Alert tone="success" title="Solicitud recibida">
          <p>{send.data.message}</p>
          <p>Revise también la carpeta de correo no deseado.</p>
        </Alert>
      ) : null}
      <form
        className="card stack"
        onSubmit={submit}
        noValidate
        aria-label="Recuperar la contraseña"
      >
        <FormError error={send.error} fields={["email"]} />
        <TextField
          label="Correo electrónico de su cuenta"
          error={missing ?? apiError?.fieldMessage("email")}
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
        />
        <SubmitRow busy={send.isPending} busyLabel="Enviando…">
          Enviar enlace
        </SubmitRow>
        <p className="small">
          <Link to="/iniciar-sesion">Volver a iniciar sesión</Link>
        </p>
      </form>
    </div>
  );
}

/** The words of the page a link opens: a recovery, or a new account's first password. */
const LINK_PAGE_WORDS = {
  reset: {
    title: "Elegir una nueva contraseña",
    done: "Contraseña restablecida",
    saved: "Su nueva contraseña quedó guardada",
    signIn: "Iniciar sesión con la nueva contraseña",
  },
  welcome: {
    title: "Crear contraseña",
    done: "Contraseña creada",
    saved: "Su contraseña quedó guardada: ya puede entrar",
    signIn: "Iniciar sesión",
  },
} as const;

/** The page a welcome link opens (`/crear-contrasena?token=…`): the account's first password. */
export function CreatePasswordPage() {
  return <ResetPasswordPage purpose="welcome" />;
}

/** The page the e-mailed link opens (`/restablecer?token=…`): a new password, then sign in. */
export function ResetPasswordPage({ purpose = "reset" }: { purpose?: AccountLinkPurpose }) {
  const words = LINK_PAGE_WORDS[purpose];
  const [search] = useSearchParams();
  const token = search.get("token") ?? "";
  const password = useNewPassword();
  const reset = useMutation({ mutationFn: api.auth.confirmPasswordReset });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password.confirmed()) {
      reset.mutate({ token, newPassword: password.newPassword });
    }
  }

  if (reset.isSuccess) {
    return (
      <div className="narrow">
        <PageHeader title={words.done} />
        <Alert tone="success" title={words.saved}>
          <p>Todas las sesiones abiertas con su cuenta se cerraron.</p>
        </Alert>
        <p>
          <Link to="/iniciar-sesion">{words.signIn}</Link>
        </p>
      </div>
    );
  }
  if (!token) {
    return (
      <div className="narrow">
        <PageHeader title={words.title} />
        <Alert tone="warning" title="Falta el enlace">
          <p>Abra el enlace que recibió por correo, completo, o solicite uno nuevo.</p>
        </Alert>
        <p>
          <Link to={RECOVERY_REQUEST_PATH}>Solicitar un enlace nuevo</Link>
        </p>
      </div>
    );
  }
  const apiError = isApiError(reset.error) ? reset.error : null;
  const expired = apiError?.code === "reset_token_invalid";
  return (
    <div className="narrow">
      <PageHeader title={words.title} />
      <form className="card stack" onSubmit={submit} noValidate aria-label={words.title}>
        <FormError error={reset.error} fields={["newPassword"]} />
        {expired ? (
          <p>
            <Link to={RECOVERY_REQUEST_PATH}>Solicitar un enlace nuevo</Link>
          </p>
        ) : null}
        <NewPasswordFields password={password} error={apiError?.fieldMessage("newPassword")} />
        <SubmitRow busy={reset.isPending} busyLabel="Guardando…">
          Guardar la contraseña
        </SubmitRow>
      </form>
    </div>
  );
}
