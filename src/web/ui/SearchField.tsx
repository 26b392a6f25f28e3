import type { ReactNode } from "react";
import { Field } from "./Field";

/** The "Buscar" box of a filter bar. */
export function SearchField({
  label = "Buscar",
  hint,
  value,
  onChange,
  autoComplete,
}: {
  label?: ReactNode;
  hint: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** "off" where the browser's past entries would hide the results. */
  autoComplete?: string;
}) {
  return (
    <Field label={label} hint={hint}>
      {(control) => (
        <input
          {...control}
          className="input"
          type="search"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete={autoComplete}
        />
      )}
    </Field>
  );
}
