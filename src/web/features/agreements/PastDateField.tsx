import { Field } from "../../ui/Field";
import { todayLocalDate } from "../../ui/format";

/** A required date that cannot be later than today (signature, designation). */
export function PastDateField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  return (
    <Field label={label} required error={error}>
      {(control) => (
        <input
          {...control}
          className="input"
          type="date"
          max={todayLocalDate()}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
