import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { asPercent } from "../../../domain/scores.js";
import { api } from "../../api/client";

export const publicKeys = {
  summary: ["public", "summary"] as const,
  map: ["public", "map"] as const,
  ranking: (page: number, pageSize: number) => ["public", "ranking", page, pageSize] as const,
  search: (q: string) => ["public", "search", q] as const,
  municipality: (cvegeo: string) => ["public", "municipality", cvegeo] as const,
  indicators: (cvegeo: string) => ["public", "municipality", cvegeo, "indicators"] as const,
};

/** A municipality's public M2 indicators: sent periods, with the regional median where shown. */
export function usePublicIndicators(cvegeo: string) {
  return useQuery({
    queryKey: publicKeys.indicators(cvegeo),
    queryFn: () => api.indicators.ofMunicipality(cvegeo),
    staleTime: 60_000,
  });
}

/** The portal's home figures: totals, the first places and the map's colours. */
export function usePublicSummary() {
  return useQuery({ queryKey: publicKeys.summary, queryFn: api.public.summary, staleTime: 60_000 });
}

/** One page of the whole ranking; the previous page stays on screen while the next loads. */
export function usePublicRanking(page: number, pageSize: number) {
  return useQuery({
    queryKey: publicKeys.ranking(page, pageSize),
    queryFn: () => api.public.ranking({ page, pageSize }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** Municipalities matching a search (none asked for an empty query). */
export function usePublicSearch(q: string) {
  return useQuery({
    queryKey: publicKeys.search(q),
    queryFn: () => api.public.search(q),
    enabled: q !== "",
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The municipalities' outlines: they never change while the app runs. */
export function usePublicMap() {
  return useQuery({ queryKey: publicKeys.map, queryFn: api.public.map, staleTime: Infinity });
}

export function usePublicMunicipality(cvegeo: string) {
  return useQuery({
    queryKey: publicKeys.municipality(cvegeo),
    queryFn: () => api.public.municipality(cvegeo),
    staleTime: 60_000,
  });
}

/** A municipality's public page. */
export const publicMunicipalityPath = (cvegeo: string) => `/publico/municipios/${cvegeo}`;

/** The whole ranking. */
export const PUBLIC_RANKING_PATH = "/publico/clasificacion";

const percentFormat = new Intl.NumberFormat("es-MX", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** A 0..1 score as "45.3 %", the way every screen shows it; "—" when there is none. */
export function formatPercent(score: number | null | undefined): string {
  return score === null || score === undefined
    ? "—"
    : `${percentFormat.format(asPercent(score))} %`;
}

/** A percentage already in 0..100 (one decimal) as "45.3 %". */
export function formatPercentValue(percent: number): string {
  return `${percentFormat.format(percent)} %`;
}
