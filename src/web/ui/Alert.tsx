import type { ReactNode } from "react";
import { isApiError } from "../api/client";

export type Tone = "info" | "success" | "warning" | "error";

interface AlertProps {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
}

/** A message box. Errors and warnings are announced at once (role=alert); the rest politely. */
export function Alert({ tone = "info", title, children }: AlertProps) {
  const urgent = tone === "error" || tone === "warning";
  return (
    <div className={`alert alert--${tone}`} role={urgent ? "alert" : "status"}>
      {title ? <p className="alert__title">{title}</p> : null}
      {children ? <div className="alert__body">{children}</div> : null}
    </div>
  );
}

/** A message of one sentence (what was just done, what is missing), or nothing while there is none. */
export function Notice({ tone, message }: { tone?: Tone; message: ReactNode }) {
  if (!message) {
    return null;
  }
  return (
    <Alert tone={tone}>
      <p>{message}</p>
    </Alert>
  );
}

/** The Spanish message of an API error (or a generic one for anything else). */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    return error.message;
  }
  return "Ocurrió un error inesperado. Recargue la página e inténtelo de nuevo.";
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) {
    return null;
  }
  return (
    <Alert tone="error" title={title}>
      <p>{errorMessage(error)}</p>
    </Alert>
  );
}

/**
 * The error of a form submission. When the server named fields the form shows inline, those
 * messages appear beside the fields instead; anything else is shown here.
 */
export function FormError({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  if (!error) {
    return null;
  }
  if (isApiError(error) && error.details.length > 0) {
    const unshown = error.details.filter((detail) => !fields.includes(detail.field));
    if (unshown.length === 0) {
      return null;
    }
    return (
      <Alert tone="error">
        <p>{error.message}</p>
        {unshown.length > 1 ? (
          <ul>
            {unshown.map((detail) => (
              <li key={`${detail.field}:${detail.message}`}>
                {detail.field}: {detail.message}
              </li>
            ))}
          </ul>
        ) : null}
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}
