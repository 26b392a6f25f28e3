import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReviewRequest, ToolInstanceDetail } from "../../../contracts/participation.js";
import { api, type EvidenceUpload } from "../../api/client";
import { type FirstReadOptions, useFirstRead } from "../../api/first-reads";
import { freshQueryOptions } from "../../api/fresh-reads";

export const toolKeys = {
  ofMunicipality: (cvegeo: string) => ["municipality", cvegeo, "tools"] as const,
  detail: (id: string) => ["tool-instance", id] as const,
};

export const municipalityToolsQuery = (cvegeo: string) =>
  freshQueryOptions(toolKeys.ofMunicipality(cvegeo), () => api.tools.ofMunicipality(cvegeo));

export function useMunicipalityTools(cvegeo: string, options?: FirstReadOptions) {
  return useFirstRead(municipalityToolsQuery(cvegeo), options);
}

/**
 * One instance in detail. Others act on it too (reviewer, liaison): the tool page's route loader
 * asks again each time the page opens (app/router.tsx), so the page itself does not on mount.
 */
export const toolInstanceQuery = (id: string) =>
  freshQueryOptions(toolKeys.detail(id), () => api.tools.get(id));

export function useToolInstance(id: string) {
  return useQuery({ ...toolInstanceQuery(id), refetchOnMount: false });
}

/**
 * A write that answers with the instance's fresh detail: the detail is stored, and the
 * municipality's lists (tools, diagnostic, queue) are marked stale.
 */
function useDetailMutation<V = void>(mutationFn: (variables: V) => Promise<ToolInstanceDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (detail) => {
      queryClient.setQueryData(toolKeys.detail(detail.id), detail);
      void queryClient.invalidateQueries({
        queryKey: ["municipality", detail.municipality.cvegeo],
      });
      void queryClient.invalidateQueries({ queryKey: ["review-queue"] });
    },
  });
}

export function useUploadEvidence(id: string) {
  return useDetailMutation((upload: EvidenceUpload) => api.tools.uploadEvidence(id, upload));
}

export function useSubmitTool(id: string) {
  return useDetailMutation(() => api.tools.submit(id));
}

export function useReviewTool(id: string) {
  return useDetailMutation((body: ReviewRequest) => api.tools.review(id, body));
}

export function useAnswerObservation() {
  return useDetailMutation(({ id, answer }: { id: string; answer: string }) =>
    api.tools.answerObservation(id, answer),
  );
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
  return useDetailMutation(({ id, reason }: { id: string; reason: string }) =>
    api.evidence.withdraw(id, reason),
  );
}

export function useSetEvidencePublic() {
  return useDetailMutation(({ id, isPublic }: { id: string; isPublic: boolean }) =>
    api.evidence.setPublic(id, isPublic),
  );
}
