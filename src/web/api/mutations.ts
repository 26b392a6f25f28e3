import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";

/**
 * A write that answers with the whole of what `queryKey` reads (a register, a consultation…):
 * the answer is stored there, so the page shows it without asking again.
 */
export function useStoringMutation<R, V = void>(
  queryKey: QueryKey,
  mutationFn: (variables: V) => Promise<R>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (answer) => queryClient.setQueryData(queryKey, answer),
  });
}

/**
 * A write after which what `queryKey` reads is stale: those queries are asked again, and the
 * mutation ends when the ones on screen have their new answer.
 */
export function useInvalidatingMutation<R, V = void>(
  queryKey: QueryKey,
  mutationFn: (variables: V) => Promise<R>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
}
