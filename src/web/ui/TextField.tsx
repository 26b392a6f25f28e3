import {
  type ChangeEvent,
  createElement,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from "react";
import { Field } from "./Field";

interface LabelProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  /** A fixed id for the control, when something else must find it. */
  id?: string;
  value: string;
  onChange: (value: string) => void;
}

/** The control's own attributes; `className` replaces "input". */
type Passed<A> = Omit<A, "value" | "onChange" | "id" | "required">;

/** A labelled one-line input (text, date, time…): other attributes go to the input. */
export function TextField(props: LabelProps & Passed<InputHTMLAttributes<HTMLInputElement>>) {
  return textControl("input", props);
}

/** A labelled text area: other attributes (rows, maxLength) go to the textarea. */
export function TextAreaField(
  props: LabelProps & Passed<TextareaHTMLAttributes<HTMLTextAreaElement>>,
) {
  return textControl("textarea", props);
}

function textControl(
  element: "input" | "textarea",
  { label, hint, error, required, id, value, onChange, ...attributes }: LabelProps,
) {
  return (
    <Field label={label} hint={hint} error={error} required={required} id={id}>
      {(control) =>
        createElement(element, {
          ...control,
          className: "input",
          ...attributes,
          value,
          onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
            onChange(event.target.value),
        })
      }
    </Field>
  );
}
