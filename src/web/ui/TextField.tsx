import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { Field } from "./Field";

interface LabelProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  value: string;
  onChange: (value: string) => void;
}

type Passed<A> = Omit<A, "value" | "onChange" | "className" | "id" | "required">;

/** A labelled one-line input (text, date, time…): other attributes go to the input. */
export function TextField({
  label,
  hint,
  error,
  required,
  value,
  onChange,
  ...input
}: LabelProps & Passed<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      {(control) => (
        <input
          {...control}
          className="input"
          {...input}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** A labelled text area: other attributes (rows, maxLength) go to the textarea. */
export function TextAreaField({
  label,
  hint,
  error,
  required,
  value,
  onChange,
  ...textarea
}: LabelProps & Passed<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      {(control) => (
        <textarea
          {...control}
          className="input"
          {...textarea}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
