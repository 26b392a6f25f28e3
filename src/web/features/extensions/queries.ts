import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  DecideExtensionRequest,
  RequestExtensionRequest,
} from "../../../contracts/extensions.js";
import type { ExtensionStatus } from "../../../domain/extensions.js";
import { api } from "../../api/client";

export const extensionKeys = {
  all: ["extensions"] as const,
  list: (status?: ExtensionStatus) => ["extensions", "list", status ?? "all"] as const,
  ofInstance: (instanceId: string) => ["extensions", "instance", instanceId] as const,
};

export function useExtensions(status?: ExtensionStatus) {
  return useQuery({
    queryKey: extensionKeys.list(status),
    queryFn: () => api.extensions.list(status),
    staleTime: 0,
  });
}

export function useInstanceExtensions(instanceId: string) {
  return useQuery({
    queryKey: extensionKeys.ofInstance(instanceId),
    queryFn: () => api.extensions.ofInstance(instanceId),
    staleTime: 0,
  });
}

/** After a request or a decision: the requests, the tool (its deadline) and its lists are stale. */
function useRefreshAfterChange() {
  const queryClient = useQueryClient();
  return (instanceId: string, cvegeo: string) => {
    void queryClient.invalidateQueries({ queryKey: extensionKeys.all });
    void queryClient.invalidateQueries({ queryKey: ["tool-instance", instanceId] });
    void queryClient.invalidateQueries({ queryKey: ["municipality", cvegeo] });
  };
}

export function useRequestExtension(instanceId: string) {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: (body: RequestExtensionRequest) => api.extensions.request(instanceId, body),
    onSuccess: (created) => refresh(instanceId, created.municipality.cvegeo),
  });
}

export function useDecideExtension() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DecideExtensionRequest }) =>
      api.extensions.decide(id, body),
    onSuccess: (decided) => refresh(decided.toolInstanceId, decided.municipality.cvegeo),
  });
}
