import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { withChanges } from "./searchParams";
import { useDebouncedValue } from "./useDebouncedValue";

export { readPage } from "./searchParams";

/**
 * Filters and paging kept in the address. `update` sets or clears parameters (an empty value
 * clears one), going back to the first page unless `pagina` is among them; `setPage` shows a page.
 */
export function useSearchFilters<F>(read: (search: URLSearchParams) => F) {
  const [search, setSearch] = useSearchParams();

  function update(changes: Record<string, string | null | undefined>) {
    setSearch((current) => withChanges(current, changes), { replace: true });
  }

  function setPage(page: number) {
    update({ pagina: String(page) });
  }

  return { filters: read(search), update, setPage };
}

/**
 * `useSearchFilters` with a search box: its text (`q`) reaches the address once typing pauses.
 */
export function useUrlFilters<F extends { q?: string }>(read: (search: URLSearchParams) => F) {
  const { filters, update, setPage } = useSearchFilters(read);
  const [text, setText] = useState(filters.q ?? "");
  const debouncedText = useDebouncedValue(text.trim());

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text drives this.
  useEffect(() => {
    if (debouncedText !== (filters.q ?? "")) {
      update({ q: debouncedText || undefined });
    }
  }, [debouncedText]);

  return { filters, text, setText, update, setPage };
}
