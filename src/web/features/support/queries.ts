import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  CommitmentQuery,
  CommitmentStatusRequest,
  SupportActionDetail,
  SupportActionQuery,
} from "../../../contracts/support.js";
import { api } from "../../api/client";
import { type FirstReadOptions, useFirstRead } from "../../api/first-reads";

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
  return useQuery({
    queryKey: supportKeys.list(query),
    queryFn: () => api.supportActions.list(query),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useSupportAction(id: string) {
  // Several staff work on the same action: always refresh when the page opens.
  return useQuery({
    queryKey: supportKeys.detail(id),
    queryFn: () => api.supportActions.get(id),
    staleTime: 0,
    enabled: id !== "",
  });
}

export const commitmentsQuery = (query: CommitmentQuery) =>
  queryOptions({
    queryKey: supportKeys.commitments(query),
    queryFn: () => api.commitments.list(query),
    staleTime: 0,
  });

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
  return useQuery({
    queryKey: supportKeys.suggestions,
    queryFn: api.supportActions.suggestions,
    staleTime: 0,
  });
}

export function useEffectiveness(days: number | undefined) {
  return useQuery({
    queryKey: supportKeys.effectiveness(days),
    queryFn: () => api.supportActions.effectiveness(days === undefined ? {} : { days }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
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
