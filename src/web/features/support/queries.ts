import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  CommitmentQuery,
  CommitmentStatusRequest,
  SupportActionDetail,
  SupportActionQuery,
} from "../../../contracts/support.js";
import { api } from "../../api/client";
import { type FirstReadOptions, useFirstRead } from "../../api/first-reads";
import { freshQueryOptions, useFreshQuery } from "../../api/fresh-reads";

export const supportKeys = {
  all: ["support"] as const,
  list: (query: SupportActionQuery) => ["support", "actions", query] as const,
  detail: (id: string) => ["support", "action", id] as const,
  commitments: (query: CommitmentQuery) => ["support", "commitments", query] as const,
  staff: ["support", "staff"] as const,
  suggestions: ["support", "suggestions"] as const,
  effectiveness: (days: number | undefined) => ["support", "effectiveness", days ?? null] as const,
};

export function useSupportActions(query: SupportActionQuery) {
  return useFreshQuery(supportKeys.list(query), () => api.supportActions.list(query), {
    placeholderData: keepPreviousData,
  });
}

export function useSupportAction(id: string) {
  // Several staff work on the same action: always refresh when the page opens.
  return useFreshQuery(supportKeys.detail(id), () => api.supportActions.get(id), {
    enabled: id !== "",
  });
}

export const commitmentsQuery = (query: CommitmentQuery) =>
  freshQueryOptions(supportKeys.commitments(query), () => api.commitments.list(query));

export function useCommitments(query: CommitmentQuery, options?: FirstReadOptions) {
  return useFirstRead({ ...commitmentsQuery(query), placeholderData: keepPreviousData }, options);
}

export function useStaff(enabled = true) {
  return useQuery({
    queryKey: supportKeys.staff,
    queryFn: api.supportActions.staff,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useSuggestions() {
  return useFreshQuery(supportKeys.suggestions, api.supportActions.suggestions);
}

export function useEffectiveness(days: number | undefined) {
  return useFreshQuery(
    supportKeys.effectiveness(days),
    () => api.supportActions.effectiveness(days === undefined ? {} : { days }),
    {
      placeholderData: keepPreviousData,
    },
  );
}

/**
 * A change to one action: stores the action as the server answered it and marks the lists
 * (actions, commitments, effectiveness) stale.
 */
export function useActionChange<V>(run: (variables: V) => Promise<SupportActionDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (detail) => {
      queryClient.setQueryData(supportKeys.detail(detail.id), detail);
      void queryClient.invalidateQueries({
        queryKey: supportKeys.all,
        predicate: (query) => query.queryKey[1] !== "action",
      });
    },
  });
}

export function useCommitmentStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CommitmentStatusRequest }) =>
      api.commitments.setStatus(id, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: supportKeys.all }),
  });
}
