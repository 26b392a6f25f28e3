import { todayLocalDate } from "../../ui/format";
import { TextField } from "../../ui/TextField";
import { type FieldGroupProps, fieldBinder } from "../../ui/useFormValues";
import { CohortInput } from "./CohortInput";

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
    <TextField
      label={label}
      required
      error={error}
      type="date"
      max={todayLocalDate()}
      value={value}
      onChange={onChange}
    />
  );
}

/** What an agreement's signature fields edit. */
export interface SignatureValues {
  signedOn: string;
  cohort: string;
}

/** An agreement's signature date and cohort, side by side. */
export function SignatureFields({
  cohorts,
  ...group
}: FieldGroupProps<SignatureValues> & {
  /** The cohorts so far, suggested. */
  cohorts: string[];
}) {
  const bind = fieldBinder(group);
  return (
    <div className="form-grid">
      <PastDateField label="Fecha de firma" {...bind("signedOn")} />
      <CohortInput {...bind("cohort")} cohorts={cohorts} />
    </div>
  );
}
