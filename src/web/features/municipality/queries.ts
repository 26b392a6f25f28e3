import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";

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
  return useQuery({
    queryKey: ["municipality", cvegeo, "timeline", page],
    queryFn: () => api.timeline.list(cvegeo, { page, pageSize: TIMELINE_PAGE_SIZE }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
