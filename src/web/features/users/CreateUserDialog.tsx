import { type FormEvent, useState } from "react";
import type { UserWithPassword } from "../../../contracts/users.js";
import { PASSWORD_MIN_LENGTH } from "../../../domain/password.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import { Alert, FormError } from "../../ui/Alert";
import { Dialog } from "../../ui/Dialog";
import { DoneButton, FormActions } from "../../ui/FormActions";
import { formatDateTime } from "../../ui/format";
import { PasswordField } from "../../ui/PasswordField";
import { RadioChoice } from "../../ui/RadioChoice";
import { useFieldProblems } from "../../ui/useFieldProblems";
import { useFormValues } from "../../ui/useFormValues";
import { type AccountValues, NameEmailFields, RoleMunicipalityFields } from "./AccountFields";
import { useCreateUser } from "./queries";
import { TemporaryPassword } from "./TemporaryPassword";

const FIELDS = ["name", "email", "role", "municipality", "password"] as const;

/** Creates an account; then shows the generated temporary password once. */
export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [created, setCreated] = useState<UserWithPassword | null>(null);

  function close() {
    setCreated(null);
    onClose();
  }

  return (
    <Dialog open={open} title={created ? "Cuenta creada" : "Nueva cuenta"} onClose={close} wide>
      {created ? (
        <Created result={created} onDone={close} />
      ) : (
        <CreateForm onCreated={setCreated} onCancel={close} />
      )}
    </Dialog>
  );
}

/** A new account: the welcome e-mail sent and, only without SMTP, the temporary password. */
export function Created({ result, onDone }: { result: UserWithPassword; onDone: () => void }) {
  return (
    <div className="stack">
      <Alert tone="success">
        <p>
          Se creó la cuenta de <strong>{result.user.name}</strong> ({result.user.email}).
        </p>
        {result.welcomeLinkExpiresAt ? (
          <p>
            Le enviamos un correo de bienvenida con un enlace para crear su contraseña, válido hasta
            el {formatDateTime(result.welcomeLinkExpiresAt)}.
          </p>
        ) : null}
      </Alert>
      {result.temporaryPassword ? (
        <TemporaryPassword password={result.temporaryPassword} email={result.user.email} />
      ) : result.welcomeLinkExpiresAt ? null : (
        <p>La cuenta usará la contraseña que usted definió.</p>
      )}
      <DoneButton onDone={onDone} />
    </div>
  );
}

function CreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (result: UserWithPassword) => void;
  onCancel: () => void;
}) {
  const create = useCreateUser();
  const { values, change } = useFormValues<AccountValues>({
    name: "",
    email: "",
    role: "liaison",
    municipality: null,
  });
  const { name, email, role, municipality } = values;
  const [ownPassword, setOwnPassword] = useState(false);
  const [password, setPassword] = useState("");
  const { check, fieldError } = useFieldProblems(FIELDS, create.error, { ...values, password });

  const municipal = isMunicipalRole(role);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const valid = check({
      name: name.trim() ? undefined : "Escriba el nombre.",
      email: email.trim() ? undefined : "Escriba el correo electrónico.",
      municipality:
        municipal && !municipality ? "Elija el municipio del enlace o colaborador." : undefined,
      password:
        ownPassword && password.length < PASSWORD_MIN_LENGTH
          ? `La contraseña debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres.`
          : undefined,
    });
    if (!valid) {
      return;
    }
    create.mutate(
      {
        name: name.trim(),
        email: email.trim(),
        role,
        municipality: municipal ? municipality : null,
        ...(ownPassword ? { password } : {}),
      },
      { onSuccess: onCreated },
    );
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Nueva cuenta">
      <FormError error={create.error} fields={FIELDS} />
      <div className="form-grid">
        <NameEmailFields values={values} onChange={change} fieldError={fieldError} />
        <RoleMunicipalityFields values={values} onChange={change} fieldError={fieldError} />
      </div>
      <fieldset className="fieldset">
        <legend>Contraseña inicial</legend>
        <RadioChoice
          name="password-mode"
          checked={!ownPassword}
          onSelect={() => setOwnPassword(false)}
        >
          Generar una contraseña temporal (la persona deberá cambiarla al entrar)
        </RadioChoice>
        <RadioChoice
          name="password-mode"
          checked={ownPassword}
          onSelect={() => setOwnPassword(true)}
        >
          Definir la contraseña ahora
        </RadioChoice>
        {ownPassword ? (
          <PasswordField
            label="Contraseña"
            hint={`Al menos ${PASSWORD_MIN_LENGTH} caracteres.`}
            error={fieldError("password")}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
          />
        ) : null}
      </fieldset>
      <FormActions
        submitLabel="Crear cuenta"
        busyLabel="Creando…"
        busy={create.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
