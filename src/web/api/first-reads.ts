import { type QueryKey, type UseQueryOptions, useQuery } from "@tanstack/react-query";

/**
 * How a page reads what its route's loader may already have asked for: it passes
 * `refetchOnMount: false` there (features/municipality/first-reads.ts), so the page makes one
 * request and not two.
 */
export interface FirstReadOptions {
  refetchOnMount?: boolean;
}

/** A query that its route's loader may have started; elsewhere it is read again on mount. */
export function useFirstRead<TQueryFnData, TError, TData, TQueryKey extends QueryKey>(
  query: UseQueryOptions<TQueryFnData, TError, TData, TQueryKey>,
  { refetchOnMount = true }: FirstReadOptions = {},
) {
  return useQuery({ ...query, refetchOnMount });
}
