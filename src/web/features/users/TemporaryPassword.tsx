import { Alert } from "../../ui/Alert";
import { CopyButton } from "../../ui/CopyButton";

/** A generated password, shown to the admin this one time only. */
export function TemporaryPassword({ password, email }: { password: string; email: string }) {
  return (
    <div className="stack">
      <Alert tone="warning" title="Esta contraseña se muestra solo una vez">
        <p>
          Cópiela ahora y entréguela a la persona por un canal seguro. No se guarda en ningún lugar
          donde pueda consultarse de nuevo. Al iniciar sesión con ella, la plataforma le pedirá
          elegir una contraseña propia.
        </p>
      </Alert>
      <div className="secret">
        <p className="secret__label">
          Contraseña temporal de <strong>{email}</strong>
        </p>
        <div className="secret__row">
          <code className="secret__value" data-testid="temporary-password">
            {password}
          </code>
          <CopyButton text={password} label="Copiar contraseña" />
        </div>
      </div>
    </div>
  );
}
