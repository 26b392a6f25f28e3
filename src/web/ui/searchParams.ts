/**
 * Filters and paging kept in the address: the pure part of `useSearchFilters`, and the readers
 * every list page uses. The address speaks Spanish (`?estado=…&pagina=2`); what it holds is
 * checked, since a person may edit it or follow an old link.
 */

/** The page number in the address (`pagina`), or 1 when missing or invalid. */
export function readPage(search: URLSearchParams): number {
  const page = Number(search.get("pagina") ?? "1");
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** The value when it is one of `values` (a state, a role…); otherwise nothing is filtered. */
export function oneOf<V extends string>(values: readonly V[], value: string | null): V | undefined {
  return values.find((candidate) => candidate === value);
}

/**
 * The address after `changes`: a value sets its parameter, an empty one clears it; any change
 * goes back to the first page unless it names `pagina` itself.
 */
export function withChanges(
  current: URLSearchParams,
  changes: Record<string, string | null | undefined>,
): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
  }
  if (!("pagina" in changes)) {
    next.delete("pagina");
  }
  return next;
}
