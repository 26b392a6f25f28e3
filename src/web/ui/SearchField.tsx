import type { ReactNode } from "react";
import { Field } from "./Field";

/** The "Buscar" box of a filter bar. */
export function SearchField({
  hint,
  value,
  onChange,
}: {
  hint: ReactNode;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label="Buscar" hint={hint}>
      {(control) => (
        <input
          {...control}
          className="input"
          type="search"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
