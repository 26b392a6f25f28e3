import { useQuery } from "@tanstack/react-query";
import type { NewTrainingSession } from "../../../contracts/document-drafts.js";
import { api } from "../../api/client";
import { useStoringMutation } from "../../api/mutations";

export const trainingKeys = {
  ofInstance: (id: string) => ["tool-instance", id, "trainings"] as const,
};

/** The register of trainings delivered in an R2 or R3 cycle, with its totals. */
export function useTrainingRegister(instanceId: string) {
  return useQuery({
    queryKey: trainingKeys.ofInstance(instanceId),
    queryFn: () => api.trainings.ofInstance(instanceId),
  });
}

// Each write answers with the whole register: it is stored.

export function useRecordTraining(instanceId: string) {
  return useStoringMutation(trainingKeys.ofInstance(instanceId), (session: NewTrainingSession) =>
    api.trainings.record(instanceId, session),
  );
}

export function useCorrectTraining(instanceId: string) {
  return useStoringMutation(
    trainingKeys.ofInstance(instanceId),
    ({ id, session }: { id: string; session: NewTrainingSession }) =>
      api.trainings.correct(id, session),
  );
}

export function useRemoveTraining(instanceId: string) {
  return useStoringMutation(trainingKeys.ofInstance(instanceId), (id: string) =>
    api.trainings.remove(id),
  );
}
