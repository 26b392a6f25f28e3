import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  AdoptIndicatorsRequest,
  CorrectPeriodRequest,
  PeriodReport,
  SavePeriodRequest,
} from "../../../contracts/indicators.js";
import { api } from "../../api/client";

export const indicatorKeys = {
  ofInstance: (id: string) => ["tool-instance", id, "indicators"] as const,
  period: (id: string, period: string) => ["tool-instance", id, "indicators", period] as const,
  comparison: (code: string, period: string | undefined) =>
    ["indicators", "comparison", code, period ?? null] as const,
};

export function useInstanceIndicators(instanceId: string) {
  return useQuery({
    queryKey: indicatorKeys.ofInstance(instanceId),
    queryFn: () => api.indicators.ofInstance(instanceId),
  });
}

/** Adopting stores the fresh view and marks the tool (its documents and state) stale. */
export function useAdoptIndicators(instanceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AdoptIndicatorsRequest) => api.indicators.adopt(instanceId, body),
    onSuccess: (data) => {
      queryClient.setQueryData(indicatorKeys.ofInstance(instanceId), data);
      void queryClient.invalidateQueries({ queryKey: ["tool-instance", instanceId] });
    },
  });
}

export function usePeriodReport(instanceId: string, period: string) {
  return useQuery({
    queryKey: indicatorKeys.period(instanceId, period),
    queryFn: () => api.indicators.period(instanceId, period),
  });
}

function useApplyPeriod(instanceId: string, period: string) {
  const queryClient = useQueryClient();
  return (report: PeriodReport) => {
    queryClient.setQueryData(indicatorKeys.period(instanceId, period), report);
    void queryClient.invalidateQueries({
      queryKey: indicatorKeys.ofInstance(instanceId),
      exact: true,
    });
  };
}

export function useSavePeriod(instanceId: string, period: string) {
  return useMutation({
    mutationFn: (body: SavePeriodRequest) => api.indicators.savePeriod(instanceId, period, body),
    onSuccess: useApplyPeriod(instanceId, period),
  });
}

export function useCorrectPeriod(instanceId: string, period: string) {
  return useMutation({
    mutationFn: (body: CorrectPeriodRequest) =>
      api.indicators.correctPeriod(instanceId, period, body),
    onSuccess: useApplyPeriod(instanceId, period),
  });
}

export function useSubmitPeriod(instanceId: string, period: string) {
  return useMutation({
    mutationFn: (expectedRevision: number) =>
      api.indicators.submitPeriod(instanceId, period, expectedRevision),
    onSuccess: useApplyPeriod(instanceId, period),
  });
}

/** A capture sheet checked (apply = false) or saved; saving marks the periods and series stale. */
export function useImportSheet(instanceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, apply }: { file: File; apply: boolean }) =>
      api.indicators.importSheet(instanceId, file, apply),
    onSuccess: (result) => {
      if (result.applied) {
        void queryClient.invalidateQueries({ queryKey: indicatorKeys.ofInstance(instanceId) });
      }
    },
  });
}

export function useIndicatorCatalogue() {
  return useQuery({ queryKey: ["indicators", "catalogue"], queryFn: api.indicators.catalogue });
}

export function useIndicatorComparison(code: string, period: string | undefined) {
  return useQuery({
    queryKey: indicatorKeys.comparison(code, period),
    queryFn: () => api.indicators.comparison(code, period),
    enabled: code !== "",
  });
}
