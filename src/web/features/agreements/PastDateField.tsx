import { todayLocalDate } from "../../ui/format";
import { TextField } from "../../ui/TextField";
import type { FieldGroupProps } from "../../ui/useFormValues";
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
  values,
  onChange,
  cohorts,
  fieldError,
}: FieldGroupProps<SignatureValues> & {
  /** The cohorts so far, suggested. */
  cohorts: string[];
}) {
  return (
    <div className="form-grid">
      <PastDateField
        label="Fecha de firma"
        value={values.signedOn}
        onChange={(signedOn) => onChange({ signedOn })}
        error={fieldError("signedOn")}
      />
      <CohortInput
        value={values.cohort}
        onChange={(cohort) => onChange({ cohort })}
        cohorts={cohorts}
        error={fieldError("cohort")}
      />
    </div>
  );
}
