import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InstanceSurvey, OpenSurveyRequest } from "../../../contracts/surveys.js";
import { api } from "../../api/client";
import { useInvalidatingMutation } from "../../api/mutations";

export const surveyKeys = {
  ofInstance: (id: string) => ["tool-instance", id, "survey"] as const,
};

/** The survey of an M1 cycle, refreshed every 15 s while open: answers keep arriving. */
export function useInstanceSurvey(instanceId: string) {
  return useQuery({
    queryKey: surveyKeys.ofInstance(instanceId),
    queryFn: () => api.surveys.ofInstance(instanceId),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.survey?.status === "open" ? 15_000 : false),
  });
}

/** Stores the fresh survey and marks the tool (its documents and state) stale. */
function useApply(instanceId: string) {
  const queryClient = useQueryClient();
  return (survey: InstanceSurvey) => {
    queryClient.setQueryData(surveyKeys.ofInstance(instanceId), survey);
    void queryClient.invalidateQueries({ queryKey: ["tool-instance", instanceId] });
    void queryClient.invalidateQueries({ queryKey: ["municipality", survey.municipality.cvegeo] });
  };
}

export function useOpenSurvey(instanceId: string) {
  return useInvalidatingMutation(
    surveyKeys.ofInstance(instanceId),
    (body: NonNullable<OpenSurveyRequest>) => api.surveys.open(instanceId, body),
  );
}

export function useCloseSurvey(instanceId: string) {
  const apply = useApply(instanceId);
  return useMutation({ mutationFn: () => api.surveys.close(instanceId), onSuccess: apply });
}

export function useSetCommentHidden(instanceId: string) {
  const apply = useApply(instanceId);
  return useMutation({
    mutationFn: ({ id, hidden }: { id: string; hidden: boolean }) =>
      api.surveys.setCommentHidden(id, hidden),
    onSuccess: apply,
  });
}
