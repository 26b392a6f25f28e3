import { SelectField, type SelectOption } from "./SelectField";

/** A drop-down that filters a list: `field` of the read filters, kept in the address as `param`. */
export interface FilterSelect<F> {
  label: string;
  param: string;
  field: keyof F;
  /** The first option's label, which filters nothing ("Todos", "Todas"). */
  blank: string;
  options: readonly SelectOption[];
}

/**
 * The drop-downs of a list's filters, from a table: each shows its field of `filters` and sets its
 * address parameter through `update` (`useSearchFilters`).
 */
export function FilterSelects<F extends object>({
  selects,
  filters,
  update,
}: {
  selects: readonly FilterSelect<F>[];
  filters: F;
  update: (changes: Record<string, string>) => void;
}) {
  return selects.map((select) => (
    <SelectField
      key={select.param}
      label={select.label}
      value={String(filters[select.field] ?? "")}
      onChange={(value) => update({ [select.param]: value })}
      blank={select.blank}
      options={select.options}
    />
  ));
}
