import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { InstanceSurvey, OpenSurveyRequest } from "../../../contracts/surveys.js";
import { api } from "../../api/client";
import { pollWhileOpen, useFreshQuery } from "../../api/fresh-reads";
import { useInvalidatingMutation } from "../../api/mutations";

export const surveyKeys = {
  ofInstance: (id: string) => ["tool-instance", id, "survey"] as const,
};

/** The survey of an M1 cycle, refreshed every 15 s while open: answers keep arriving. */
export function useInstanceSurvey(instanceId: string) {
  return useFreshQuery(
    surveyKeys.ofInstance(instanceId),
    () => api.surveys.ofInstance(instanceId),
    {
      refetchInterval: pollWhileOpen((data) => data?.survey?.status === "open"),
    },
  );
}

/**
 * A write that answers with the whole survey: it is stored, and the tool (its documents and
 * state) and the municipality's lists are marked stale.
 */
function useSurveyMutation<V = void>(
  instanceId: string,
  mutationFn: (variables: V) => Promise<InstanceSurvey>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (survey) => {
      queryClient.setQueryData(surveyKeys.ofInstance(instanceId), survey);
      void queryClient.invalidateQueries({ queryKey: ["tool-instance", instanceId] });
      void queryClient.invalidateQueries({
        queryKey: ["municipality", survey.municipality.cvegeo],
      });
    },
  });
}

export function useOpenSurvey(instanceId: string) {
  return useInvalidatingMutation(
    surveyKeys.ofInstance(instanceId),
    (body: NonNullable<OpenSurveyRequest>) => api.surveys.open(instanceId, body),
  );
}

export function useCloseSurvey(instanceId: string) {
  return useSurveyMutation(instanceId, () => api.surveys.close(instanceId));
}

export function useSetCommentHidden(instanceId: string) {
  return useSurveyMutation(instanceId, ({ id, hidden }: { id: string; hidden: boolean }) =>
    api.surveys.setCommentHidden(id, hidden),
  );
}
