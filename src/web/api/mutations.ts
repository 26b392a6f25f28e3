import {
  type QueryClient,
  type QueryKey,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";

/** A mutation whose success does something to the app's queries. */
function useMutationThen<R, V>(
  mutationFn: (variables: V) => Promise<R>,
  then: (queryClient: QueryClient, answer: R) => unknown,
) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: (answer) => then(queryClient, answer) });
}

/**
 * A write that answers with the whole of what `queryKey` reads (a register, a consultation…):
 * the answer is stored there, so the page shows it without asking again.
 */
export function useStoringMutation<R, V = void>(
  queryKey: QueryKey,
  mutationFn: (variables: V) => Promise<R>,
) {
  return useMutationThen(mutationFn, (queryClient, answer) =>
    queryClient.setQueryData(queryKey, answer),
  );
}

/**
 * A write after which what `queryKey` reads is stale: those queries are asked again, and the
 * mutation ends when the ones on screen have their new answer.
 */
export function useInvalidatingMutation<R, V = void>(
  queryKey: QueryKey,
  mutationFn: (variables: V) => Promise<R>,
) {
  return useMutationThen(mutationFn, (queryClient) => queryClient.invalidateQueries({ queryKey }));
}
