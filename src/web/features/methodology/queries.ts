import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";

/** The public methodology page. */
export const METHODOLOGY_PATH = "/metodologia";

/** The technical sheet of the index, from the model in force. */
export function useMethodology() {
  return useQuery({
    queryKey: ["public", "methodology"] as const,
    queryFn: api.public.methodology,
    staleTime: 60_000,
  });
}
