import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useDebouncedValue } from "./useDebouncedValue";

/** The page number in the address (`pagina`), or 1 when missing or invalid. */
export function readPage(search: URLSearchParams): number {
  const page = Number(search.get("pagina") ?? "1");
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/**
 * Filters and paging kept in the address. `update` sets or clears parameters (an empty value
 * clears one), going back to the first page unless `pagina` is among them.
 */
export function useSearchFilters<F>(read: (search: URLSearchParams) => F) {
  const [search, setSearch] = useSearchParams();

  function update(changes: Record<string, string | null | undefined>) {
    setSearch(
      (current) => {
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
      },
      { replace: true },
    );
  }

  return { filters: read(search), update };
}

/**
 * `useSearchFilters` with a search box: its text (`q`) reaches the address once typing pauses.
 */
export function useUrlFilters<F extends { q?: string }>(read: (search: URLSearchParams) => F) {
  const { filters, update } = useSearchFilters(read);
  const [text, setText] = useState(filters.q ?? "");
  const debouncedText = useDebouncedValue(text.trim());

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text drives this.
  useEffect(() => {
    if (debouncedText !== (filters.q ?? "")) {
      update({ q: debouncedText || undefined });
    }
  }, [debouncedText]);

  return { filters, text, setText, update };
}
