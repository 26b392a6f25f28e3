import { useQuery } from "@tanstack/react-query";
import { asPercent } from "../../../domain/scores.js";
import { api } from "../../api/client";

export const publicKeys = {
  summary: ["public", "summary"] as const,
  map: ["public", "map"] as const,
  municipality: (cvegeo: string) => ["public", "municipality", cvegeo] as const,
};

/** The portal's home figures: every municipality with its index and place. */
export function usePublicSummary(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: publicKeys.summary,
    queryFn: api.public.summary,
    staleTime: 60_000,
    enabled: options.enabled ?? true,
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
