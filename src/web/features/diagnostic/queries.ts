import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import type { Diagnostic, SaveDiagnosticRequest } from "../../../contracts/participation.js";
import { api } from "../../api/client";
import { useFreshQuery } from "../../api/fresh-reads";
import { toolKeys } from "../tools/queries";

export const diagnosticKey = (cvegeo: string) => ["municipality", cvegeo, "diagnostic"] as const;

export function useDiagnostic(cvegeo: string, enabled = true) {
  return useFreshQuery(diagnosticKey(cvegeo), () => api.diagnostic.get(cvegeo), {
    enabled,
  });
}

/**
 * A write that answers with the whole diagnostic: it is stored, and what it feeds (the
 * municipality's tools, the comparison of rounds, and `alsoStale`) is read again.
 */
function useDiagnosticMutation<V = void>(
  cvegeo: string,
  mutationFn: (variables: V) => Promise<Diagnostic>,
  alsoStale?: QueryKey,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (diagnostic) => {
      queryClient.setQueryData(diagnosticKey(cvegeo), diagnostic);
      void queryClient.invalidateQueries({ queryKey: ["municipality", cvegeo, "tools"] });
      void queryClient.invalidateQueries({ queryKey: diagnosticComparisonKey(cvegeo) });
      if (alsoStale) {
        void queryClient.invalidateQueries({ queryKey: alsoStale });
      }
    },
  });
}

export function useSaveDiagnostic(cvegeo: string) {
  return useDiagnosticMutation(cvegeo, (body: SaveDiagnosticRequest) =>
    api.diagnostic.save(cvegeo, body),
  );
}

/** Submitting puts the diagnostic's tools in the review queue. */
export function useSubmitDiagnostic(cvegeo: string) {
  return useDiagnosticMutation(cvegeo, () => api.diagnostic.submit(cvegeo), ["review-queue"]);
}

/** One picked supporting document, sent as evidence of its row's tool instance. */
export interface DiagnosticDocumentUpload {
  instanceId: string;
  file: File;
  effectiveOn: string;
  onProgress: (fraction: number) => void;
}

/**
 * Uploads a row's supporting document. The diagnostic itself is refreshed by the caller once all
 * of a save's uploads are done, so a refetch started here cannot overwrite the answers just saved.
 */
export function useUploadDiagnosticDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ instanceId, file, effectiveOn, onProgress }: DiagnosticDocumentUpload) =>
      api.tools.uploadEvidence(instanceId, {
        file,
        effectiveOn: effectiveOn || undefined,
        isPublic: false,
        onProgress,
      }),
    onSuccess: (detail) => queryClient.setQueryData(toolKeys.detail(detail.id), detail),
  });
}

export const diagnosticComparisonKey = (cvegeo: string) =>
  ["municipality", cvegeo, "diagnostic", "comparison"] as const;

/** The previous round beside the current one (from the second round on). */
export function useDiagnosticComparison(cvegeo: string) {
  return useFreshQuery(diagnosticComparisonKey(cvegeo), () => api.diagnostic.comparison(cvegeo));
}

/** Starts a new round once a new administration is recorded (the liaison). */
export function useStartDiagnosticRound(cvegeo: string) {
  return useDiagnosticMutation(cvegeo, () => api.diagnostic.startRound(cvegeo));
}
