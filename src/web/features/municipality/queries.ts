import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import { useFreshQuery } from "../../api/fresh-reads";

export const TIMELINE_PAGE_SIZE = 20;

export function useMunicipalityAgreement(cvegeo: string, enabled = true) {
  return useQuery({
    queryKey: ["municipality", cvegeo, "agreement"],
    queryFn: () => api.agreements.ofMunicipality(cvegeo),
    enabled,
    retry: false,
  });
}

export function useLiaisonHistory(cvegeo: string, enabled = true) {
  return useQuery({
    queryKey: ["municipality", cvegeo, "liaisons"],
    queryFn: () => api.liaisons.history(cvegeo),
    enabled,
  });
}

export function useTimeline(cvegeo: string, page: number) {
  return useFreshQuery(
    ["municipality", cvegeo, "timeline", page],
    () => api.timeline.list(cvegeo, { page, pageSize: TIMELINE_PAGE_SIZE }),
    {
      placeholderData: keepPreviousData,
    },
  );
}
