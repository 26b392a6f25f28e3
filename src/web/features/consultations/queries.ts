import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  InstanceConsultation,
  ModerateConsultationComment,
} from "../../../contracts/document-drafts.js";
import { api } from "../../api/client";

export const consultationKeys = {
  ofInstance: (id: string) => ["tool-instance", id, "consultation"] as const,
};

/** M3's consultation, refreshed every 15 s while open: citizens' comments keep arriving. */
export function useInstanceConsultation(instanceId: string) {
  return useQuery({
    queryKey: consultationKeys.ofInstance(instanceId),
    queryFn: () => api.consultations.ofInstance(instanceId),
    staleTime: 0,
    refetchInterval: (query) => {
      const consultation = query.state.data?.consultation;
      return consultation && consultation.closedAt === null ? 15_000 : false;
    },
  });
}

/** Each write answers with the whole consultation: store it. */
function useStore(instanceId: string) {
  const queryClient = useQueryClient();
  return (consultation: InstanceConsultation) =>
    queryClient.setQueryData(consultationKeys.ofInstance(instanceId), consultation);
}

export function useOpenConsultation(instanceId: string) {
  const store = useStore(instanceId);
  return useMutation({
    mutationFn: () => api.consultations.open(instanceId),
    onSuccess: store,
  });
}

export function useCloseConsultation(instanceId: string) {
  const store = useStore(instanceId);
  return useMutation({
    mutationFn: () => api.consultations.close(instanceId),
    onSuccess: store,
  });
}

export function useModerateComment(instanceId: string) {
  const store = useStore(instanceId);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & ModerateConsultationComment) =>
      api.consultations.moderate(id, body),
    onSuccess: store,
  });
}
