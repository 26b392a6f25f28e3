import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Diagnostic, SaveDiagnosticRequest } from "../../../contracts/participation.js";
import { api } from "../../api/client";

export const diagnosticKey = (cvegeo: string) => ["municipality", cvegeo, "diagnostic"] as const;

export function useDiagnostic(cvegeo: string, enabled = true) {
  return useQuery({
    queryKey: diagnosticKey(cvegeo),
    queryFn: () => api.diagnostic.get(cvegeo),
    enabled,
    staleTime: 0,
  });
}

function useStore(cvegeo: string) {
  const queryClient = useQueryClient();
  return (diagnostic: Diagnostic) => {
    queryClient.setQueryData(diagnosticKey(cvegeo), diagnostic);
    void queryClient.invalidateQueries({ queryKey: ["municipality", cvegeo, "tools"] });
  };
}

export function useSaveDiagnostic(cvegeo: string) {
  const store = useStore(cvegeo);
  return useMutation({
    mutationFn: (body: SaveDiagnosticRequest) => api.diagnostic.save(cvegeo, body),
    onSuccess: store,
  });
}

export function useSubmitDiagnostic(cvegeo: string) {
  const store = useStore(cvegeo);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.diagnostic.submit(cvegeo),
    onSuccess: (diagnostic) => {
      store(diagnostic);
      void queryClient.invalidateQueries({ queryKey: ["review-queue"] });
    },
  });
}
