import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NewTrainingSession, TrainingRegister } from "../../../contracts/document-drafts.js";
import { api } from "../../api/client";

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

/** Each write answers with the whole register: store it. */
function useStore(instanceId: string) {
  const queryClient = useQueryClient();
  return (register: TrainingRegister) =>
    queryClient.setQueryData(trainingKeys.ofInstance(instanceId), register);
}

export function useRecordTraining(instanceId: string) {
  const store = useStore(instanceId);
  return useMutation({
    mutationFn: (session: NewTrainingSession) => api.trainings.record(instanceId, session),
    onSuccess: store,
  });
}

export function useCorrectTraining(instanceId: string) {
  const store = useStore(instanceId);
  return useMutation({
    mutationFn: ({ id, session }: { id: string; session: NewTrainingSession }) =>
      api.trainings.correct(id, session),
    onSuccess: store,
  });
}

export function useRemoveTraining(instanceId: string) {
  const store = useStore(instanceId);
  return useMutation({
    mutationFn: (id: string) => api.trainings.remove(id),
    onSuccess: store,
  });
}
