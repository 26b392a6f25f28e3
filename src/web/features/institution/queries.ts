import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";

export const institutionKey = ["institution"] as const;

/** The institution that runs this instance: its names and logo (public). */
export const institutionQuery = queryOptions({
  queryKey: institutionKey,
  queryFn: api.institution.get,
  staleTime: 10 * 60_000,
});

export function useInstitution() {
  return useQuery(institutionQuery);
}
