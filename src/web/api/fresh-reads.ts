import { type QueryKey, queryOptions, type UseQueryOptions, useQuery } from "@tanstack/react-query";

type MoreOptions<T, K extends QueryKey> = Omit<
  UseQueryOptions<T, Error, T, K>,
  "queryKey" | "queryFn" | "staleTime"
>;

/*
 * Reads that others change while this person works (queues, support actions, a tool's state…)
 * are asked again whenever a screen that shows them opens, rather than kept for the app's 30 s.
 */

export function useFreshQuery<T, K extends QueryKey>(
  queryKey: K,
  queryFn: () => Promise<T>,
  options: MoreOptions<T, K> = {},
) {
  return useQuery({ queryKey, queryFn, staleTime: 0, ...options });
}

/** The same as options, for a read a route's loader also starts (see `first-reads.ts`). */
export function freshQueryOptions<T, K extends QueryKey>(queryKey: K, queryFn: () => Promise<T>) {
  return queryOptions({ queryKey, queryFn, staleTime: 0 });
}

/** How often a read that is still open (a survey, a consultation) asks for new answers. */
const OPEN_POLL_MS = 15_000;

/** A `refetchInterval`: every 15 s while `isOpen` says the read's answer is still open. */
export function pollWhileOpen<T>(isOpen: (data: T | undefined) => boolean) {
  return (query: { state: { data: T | undefined } }) =>
    isOpen(query.state.data) ? OPEN_POLL_MS : false;
}
