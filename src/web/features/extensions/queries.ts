import { useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  DecideExtensionRequest,
  RequestExtensionRequest,
} from "../../../contracts/extensions.js";
import type { ExtensionStatus } from "../../../domain/extensions.js";
import { api } from "../../api/client";
import { useFreshQuery } from "../../api/fresh-reads";

export const extensionKeys = {
  all: ["extensions"] as const,
  list: (status?: ExtensionStatus) => ["extensions", "list", status ?? "all"] as const,
  ofInstance: (instanceId: string) => ["extensions", "instance", instanceId] as const,
};

export function useExtensions(status?: ExtensionStatus) {
  return useFreshQuery(extensionKeys.list(status), () => api.extensions.list(status));
}

export function useInstanceExtensions(instanceId: string) {
  return useFreshQuery(extensionKeys.ofInstance(instanceId), () =>
    api.extensions.ofInstance(instanceId),
  );
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
