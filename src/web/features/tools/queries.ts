import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReviewRequest, ToolInstanceDetail } from "../../../contracts/participation.js";
import { api, type EvidenceUpload } from "../../api/client";

export const toolKeys = {
  ofMunicipality: (cvegeo: string) => ["municipality", cvegeo, "tools"] as const,
  detail: (id: string) => ["tool-instance", id] as const,
};

export const municipalityToolsQuery = (cvegeo: string) =>
  queryOptions({
    queryKey: toolKeys.ofMunicipality(cvegeo),
    queryFn: () => api.tools.ofMunicipality(cvegeo),
    staleTime: 0,
  });

/** `refetchOnMount: false` where a route's loader has just asked (features/municipality/first-reads.ts). */
export function useMunicipalityTools(cvegeo: string, options: { refetchOnMount?: boolean } = {}) {
  return useQuery({
    ...municipalityToolsQuery(cvegeo),
    refetchOnMount: options.refetchOnMount ?? true,
  });
}

/**
 * One instance in detail. Others act on it too (reviewer, liaison): the tool page's route loader
 * asks again each time the page opens (app/router.tsx), so the page itself does not on mount.
 */
export const toolInstanceQuery = (id: string) =>
  queryOptions({
    queryKey: toolKeys.detail(id),
    queryFn: () => api.tools.get(id),
    staleTime: 0,
  });

export function useToolInstance(id: string) {
  return useQuery({ ...toolInstanceQuery(id), refetchOnMount: false });
}

/** Stores a fresh detail and marks the municipality's lists (tools, diagnostic, queue) stale. */
function useApplyDetail() {
  const queryClient = useQueryClient();
  return (detail: ToolInstanceDetail) => {
    queryClient.setQueryData(toolKeys.detail(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: ["municipality", detail.municipality.cvegeo] });
    void queryClient.invalidateQueries({ queryKey: ["review-queue"] });
  };
}

export function useUploadEvidence(id: string) {
  const apply = useApplyDetail();
  return useMutation({
    mutationFn: (upload: EvidenceUpload) => api.tools.uploadEvidence(id, upload),
    onSuccess: apply,
  });
}

export function useSubmitTool(id: string) {
  const apply = useApplyDetail();
  return useMutation({ mutationFn: () => api.tools.submit(id), onSuccess: apply });
}

export function useReviewTool(id: string) {
  const apply = useApplyDetail();
  return useMutation({
    mutationFn: (body: ReviewRequest) => api.tools.review(id, body),
    onSuccess: apply,
  });
}

export function useAnswerObservation() {
  const apply = useApplyDetail();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: string }) =>
      api.tools.answerObservation(id, answer),
    onSuccess: apply,
  });
}

/** Deletes a draft version; the detail (and the municipality's lists) are read again. */
export function useDeleteEvidence(instanceId: string, cvegeo: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (evidenceId: string) => api.evidence.remove(evidenceId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: toolKeys.detail(instanceId) });
      void queryClient.invalidateQueries({ queryKey: ["municipality", cvegeo] });
    },
  });
}

export function useWithdrawEvidence() {
  const apply = useApplyDetail();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.evidence.withdraw(id, reason),
    onSuccess: apply,
  });
}

export function useSetEvidencePublic() {
  const apply = useApplyDetail();
  return useMutation({
    mutationFn: ({ id, isPublic }: { id: string; isPublic: boolean }) =>
      api.evidence.setPublic(id, isPublic),
    onSuccess: apply,
  });
}
