import { todayLocalDate } from "../../ui/format";
import { TextField } from "../../ui/TextField";
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

/** An agreement's signature date and cohort, side by side. */
export function SignatureFields({
  signedOn,
  onSignedOn,
  cohort,
  onCohort,
  cohorts,
  fieldError,
}: {
  signedOn: string;
  onSignedOn: (value: string) => void;
  cohort: string;
  onCohort: (value: string) => void;
  /** The cohorts so far, suggested. */
  cohorts: string[];
  fieldError: (field: "signedOn" | "cohort") => string | undefined;
}) {
  return (
    <div className="form-grid">
      <PastDateField
        label="Fecha de firma"
        value={signedOn}
        onChange={onSignedOn}
        error={fieldError("signedOn")}
      />
      <CohortInput
        value={cohort}
        onChange={onCohort}
        cohorts={cohorts}
        error={fieldError("cohort")}
      />
    </div>
  );
}
