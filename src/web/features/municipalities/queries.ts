import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Municipality } from "../../../contracts/municipalities.js";
import { foldForSearch } from "../../../domain/text.js";
import { api } from "../../api/client";

export const municipalitiesKey = ["municipalities"] as const;

/** All municipalities of the catalog (125 today): small enough to load once and filter here. */
export const municipalitiesQuery = queryOptions({
  queryKey: municipalitiesKey,
  queryFn: () => api.municipalities.list(),
  staleTime: 60 * 60_000,
});

export function useMunicipalities() {
  return useQuery(municipalitiesQuery);
}

/**
 * Filters like the server does: by name ignoring accents and case, or by the start of the INEGI
 * key (state+municipality "15106" or municipality "106").
 */
export function filterMunicipalities(list: readonly Municipality[], query: string): Municipality[] {
  const folded = foldForSearch(query);
  if (!folded) {
    return [...list];
  }
  if (/^\d+$/.test(folded)) {
    return list.filter((m) => m.cvegeo.startsWith(folded) || m.cveMun.startsWith(folded));
  }
  return list.filter((m) => foldForSearch(m.name).includes(folded));
}
