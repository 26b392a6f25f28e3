import type { ReactNode } from "react";
import { Field } from "./Field";

/** A labelled password input. */
export function PasswordField({
  label,
  hint,
  error,
  name,
  autoComplete,
  value,
  onChange,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  name?: string;
  autoComplete: "current-password" | "new-password";
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          className="input"
          type="password"
          name={name}
          autoComplete={autoComplete}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
