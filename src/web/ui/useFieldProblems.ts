import { useCallback, useState } from "react";
import { isApiError } from "../api/client";

/** What a form found wrong before sending, per field. */
export type Problems<F extends string> = Partial<Record<F, string | undefined>>;

/**
 * The messages shown beside a form's fields: the problems the form found itself, or else those
 * the server named in `error` (the submission's error). `check` shows what was found and says
 * whether the form may be sent.
 *
 * With `values` (the fields' current values), a message goes away as soon as its field changes
 * from the value it was found on (the value `check` saw), so a fixed field stops showing a stale
 * message; it comes back only if the field returns to that value or the next check finds it.
 */
export function useFieldProblems<F extends string>(
  _fields: readonly F[],
  error: unknown,
  values?: Partial<Record<F, unknown>>,
) {
  const [problems, setProblems] = useState<Problems<F>>({});
  const [checked, setChecked] = useState<Partial<Record<F, unknown>> | null>(null);
  const apiError = isApiError(error) ? error : null;
  /** Forgets the problems found (stable, for effects that reset the form). */
  const clear = useCallback(() => {
    setProblems({});
    setChecked(null);
  }, []);

  /** Shows the problems found; true when there are none. */
  function check(found: Problems<F>): boolean {
    setProblems(found);
    setChecked(values ? { ...values } : null);
    return !Object.values(found).some(Boolean);
  }

  /** Whether the field still holds the value its message was found on. */
  function unchanged(field: F): boolean {
    if (!values || !checked || !(field in values)) {
      return true;
    }
    return Object.is(values[field], checked[field]);
  }

  return {
    check,
    clear,
    fieldError: (field: F): string | undefined =>
      unchanged(field) ? (problems[field] ?? apiError?.fieldMessage(field)) : undefined,
  };
}
