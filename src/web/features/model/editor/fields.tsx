import { createContext, useContext } from "react";
import { Field } from "../../../ui/Field";
import { fieldId } from "./draft";

/** The problems of the working copy, by path (`dimensions.0.tools.1.name` → message). */
export const IssuesContext = createContext<ReadonlyMap<string, string>>(new Map());

export function useIssue(path: string): string | undefined {
  return useContext(IssuesContext).get(path);
}

/** How many problems lie under a path (a tool, a dimension). */
export function useIssueCount(prefix: string): number {
  const issues = useContext(IssuesContext);
  let count = 0;
  for (const path of issues.keys()) {
    if (path === prefix || path.startsWith(`${prefix}.`)) {
      count++;
    }
  }
  return count;
}

interface TextProps {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  multiline?: boolean;
  maxLength?: number;
  className?: string;
  required?: boolean;
}

export function TextInput({
  path,
  label,
  value,
  onChange,
  hint,
  multiline,
  maxLength = 200,
  className,
  required,
}: TextProps) {
  const error = useIssue(path);
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      id={fieldId(path)}
      className={className}
      required={required}
    >
      {(control) =>
        multiline ? (
          <textarea
            {...control}
            className="input"
            rows={3}
            maxLength={maxLength}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <input
            {...control}
            className="input"
            maxLength={maxLength}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </Field>
  );
}

interface NumberProps {
  path: string;
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  step?: number | "any";
  hint?: string;
  className?: string;
}

/** A number field; an empty or unreadable entry is kept as NaN and reported as an issue. */
export function NumberInput({
  path,
  label,
  value,
  onChange,
  min,
  max,
  step = "any",
  hint,
  className,
}: NumberProps) {
  const error = useIssue(path);
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      id={fieldId(path)}
      className={className}
      required
    >
      {(control) => (
        <input
          {...control}
          className="input input--number"
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={Number.isFinite(value) ? value : ""}
          onChange={(event) => onChange(event.target.valueAsNumber)}
        />
      )}
    </Field>
  );
}
