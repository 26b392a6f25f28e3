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

/**
 * The props that tie a field to one of a form's values: the value, the change it makes and the
 * message beside it (`<TextField label="…" {...bind("name")} />`).
 */
export function fieldBinder<V, F extends string>({
  values,
  onChange,
  fieldError,
}: {
  values: V;
  onChange: (patch: Partial<V>) => void;
  fieldError: (field: F) => string | undefined;
}) {
  return <K extends Extract<keyof V, string> & F>(field: K) => ({
    value: values[field],
    onChange: (value: V[K]) => {
      const patch: Partial<V> = {};
      patch[field] = value;
      onChange(patch);
    },
    error: fieldError(field),
  });
}
