import type { ReactNode } from "react";
import { Field } from "./Field";

export interface SelectOption {
  value: string;
  label: ReactNode;
}

interface SelectFieldProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  /** The label of the first, empty option ("Todas", "Elija…"); none when absent. */
  blank?: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  /** A fixed id for the control, when something else must find it. */
  id?: string;
}

/** A labelled drop-down list. */
export function SelectField({
  label,
  value,
  onChange,
  options,
  blank,
  hint,
  error,
  required,
  disabled,
  id,
}: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} required={required} id={id}>
      {(control) => (
        <select
          {...control}
          className="input"
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        >
          {blank === undefined ? null : <option value="">{blank}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Options for entries of the model (dimensions, tools, indicators): «E · Name», by code. */
export function codedOptions(entries: readonly { code: string; name: string }[]): SelectOption[] {
  return entries.map((entry) => ({ value: entry.code, label: `${entry.code} · ${entry.name}` }));
}

/** Options from a list of values and the label of each. */
export function labelledOptions<V extends string>(
  values: readonly V[],
  labels: Readonly<Record<V, ReactNode>>,
): SelectOption[] {
  return values.map((value) => ({ value, label: labels[value] }));
}
