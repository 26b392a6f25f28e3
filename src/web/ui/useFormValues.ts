import { useCallback, useState } from "react";

/**
 * A form's values kept in one object: `change` sets some of them, `reset` replaces them all.
 * Groups of fields take `values` and `change` (see `FieldGroupProps`) instead of a value and a
 * setter per field.
 */
export function useFormValues<V extends object>(initial: V | (() => V)) {
  const [values, reset] = useState<V>(initial);
  const change = useCallback(
    (patch: Partial<V>) => reset((current) => ({ ...current, ...patch })),
    [],
  );
  return { values, change, reset };
}

/** What a group of fields that edits part of a form's values is given. */
export interface FieldGroupProps<V> {
  values: V;
  onChange: (patch: Partial<V>) => void;
  /** The message beside one of the group's fields, if any. */
  fieldError: (field: Extract<keyof V, string>) => string | undefined;
}
