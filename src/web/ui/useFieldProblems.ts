import { useCallback, useState } from "react";
import { isApiError } from "../api/client";

/** What a form found wrong before sending, per field. */
export type Problems<F extends string> = Partial<Record<F, string | undefined>>;

/**
 * The messages shown beside a form's fields: the problems the form found itself, or else those
 * the server named in `error` (the submission's error). `check` shows what was found and says
 * whether the form may be sent.
 */
export function useFieldProblems<F extends string>(_fields: readonly F[], error: unknown) {
  const [problems, setProblems] = useState<Problems<F>>({});
  const apiError = isApiError(error) ? error : null;
  /** Forgets the problems found (stable, for effects that reset the form). */
  const clear = useCallback(() => setProblems({}), []);

  /** Shows the problems found; true when there are none. */
  function check(found: Problems<F>): boolean {
    setProblems(found);
    return !Object.values(found).some(Boolean);
  }

  return {
    check,
    clear,
    fieldError: (field: F): string | undefined => problems[field] ?? apiError?.fieldMessage(field),
  };
}
