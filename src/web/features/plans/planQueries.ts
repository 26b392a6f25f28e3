import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  CreateImprovementActionRequest,
  UpdateImprovementActionRequest,
} from "../../../contracts/improvement-plans.js";
import { api } from "../../api/client";

const planKey = (cvegeo: string) => ["municipality", cvegeo, "improvement-plan"] as const;

export function useImprovementPlan(cvegeo: string) {
  return useQuery({ queryKey: planKey(cvegeo), queryFn: () => api.improvementPlans.get(cvegeo) });
}

export function useImprovementOverview() {
  return useQuery({
    queryKey: ["improvement-plans", "overview"],
    queryFn: () => api.improvementPlans.overview(),
  });
}

export function useProposeActions(cvegeo: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.improvementPlans.propose(cvegeo),
    onSuccess: (result) => queryClient.setQueryData(planKey(cvegeo), result.plan),
  });
}

export function useCreateAction(cvegeo: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateImprovementActionRequest) => api.improvementPlans.create(cvegeo, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planKey(cvegeo) }),
  });
}

export function useUpdateAction(cvegeo: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateImprovementActionRequest) => api.improvementPlans.update(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planKey(cvegeo) }),
  });
}
