import { useQuery } from "@tanstack/react-query";
import type { ModerateConsultationComment } from "../../../contracts/document-drafts.js";
import { api } from "../../api/client";
import { useStoringMutation } from "../../api/mutations";

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

// Each write answers with the whole consultation: it is stored.

export function useOpenConsultation(instanceId: string) {
  return useStoringMutation(consultationKeys.ofInstance(instanceId), () =>
    api.consultations.open(instanceId),
  );
}

export function useCloseConsultation(instanceId: string) {
  return useStoringMutation(consultationKeys.ofInstance(instanceId), () =>
    api.consultations.close(instanceId),
  );
}

export function useModerateComment(instanceId: string) {
  return useStoringMutation(
    consultationKeys.ofInstance(instanceId),
    ({ id, ...body }: { id: string } & ModerateConsultationComment) =>
      api.consultations.moderate(id, body),
  );
}
