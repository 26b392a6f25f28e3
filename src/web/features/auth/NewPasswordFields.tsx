import { useState } from "react";
import { PASSWORD_MIN_LENGTH } from "../../../domain/password.js";
import { PasswordField } from "../../ui/PasswordField";

/** A new password typed twice; `confirmed` is asked on send. */
export function useNewPassword() {
  const [newPassword, setNewPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [mismatch, setMismatch] = useState(false);

  /** Shows whether the two differ; true when they agree and the form may be sent. */
  function confirmed(): boolean {
    const differs = newPassword !== confirmation;
    setMismatch(differs);
    return !differs;
  }

  /** Empties both fields (after a change went through). */
  function clear() {
    setNewPassword("");
    setConfirmation("");
  }

  return { newPassword, confirmation, mismatch, setNewPassword, setConfirmation, confirmed, clear };
}

/** The fields of a new password and its confirmation (change, recovery). */
export function NewPasswordFields({
  password,
  error,
}: {
  password: ReturnType<typeof useNewPassword>;
  /** The server's message about the new password, if any. */
  error: string | undefined;
}) {
  return (
    <>
      <PasswordField
        label="Contraseña nueva"
        hint={`Al menos ${PASSWORD_MIN_LENGTH} caracteres. Una frase de varias palabras es fácil de recordar y difícil de adivinar.`}
        error={error}
        name="newPassword"
        autoComplete="new-password"
        value={password.newPassword}
        onChange={password.setNewPassword}
      />
      <PasswordField
        label="Confirme la contraseña nueva"
        error={password.mismatch ? "Las contraseñas no coinciden." : undefined}
        name="confirmation"
        autoComplete="new-password"
        value={password.confirmation}
        onChange={password.setConfirmation}
      />
    </>
  );
}
