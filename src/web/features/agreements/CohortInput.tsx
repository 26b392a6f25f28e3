import { useId } from "react";
import { Field } from "../../ui/Field";

/** A free-text cohort with the existing cohorts as suggestions. */
export function CohortInput({
  value,
  onChange,
  cohorts,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  cohorts: string[];
  error?: string | undefined;
}) {
  const listId = useId();
  return (
    <Field label="Cohorte" hint='Por ejemplo, "Cohorte 2022".' required error={error}>
      {(control) => (
        <>
          <input
            {...control}
            className="input"
            list={listId}
            value={value}
            autoComplete="off"
            onChange={(event) => onChange(event.target.value)}
          />
          <datalist id={listId}>
            {cohorts.map((cohort) => (
              <option key={cohort} value={cohort} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
