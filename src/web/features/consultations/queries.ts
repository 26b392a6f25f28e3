import type { ModerateConsultationComment } from "../../../contracts/document-drafts.js";
import { api } from "../../api/client";
import { pollWhileOpen, useFreshQuery } from "../../api/fresh-reads";
import { useStoringMutation } from "../../api/mutations";

export const consultationKeys = {
  ofInstance: (id: string) => ["tool-instance", id, "consultation"] as const,
};

/** M3's consultation, refreshed every 15 s while open: citizens' comments keep arriving. */
export function useInstanceConsultation(instanceId: string) {
  return useFreshQuery(
    consultationKeys.ofInstance(instanceId),
    () => api.consultations.ofInstance(instanceId),
    {
      refetchInterval: pollWhileOpen((data) => data?.consultation?.closedAt === null),
    },
  );
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
