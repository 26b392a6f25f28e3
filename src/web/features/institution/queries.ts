import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";

export const institutionKey = ["institution"] as const;

/** The institution that runs this instance: its names and logo (public). */
export function useInstitution() {
  return useQuery({
    queryKey: institutionKey,
    queryFn: api.institution.get,
    staleTime: 10 * 60_000,
  });
}
