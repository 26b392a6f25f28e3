import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";

/** The open-data catalogue: datasets, their stable URLs and the data dictionary. */
export function useOpenDataCatalog() {
  return useQuery({
    queryKey: ["public", "open-data"] as const,
    queryFn: api.public.openData,
    staleTime: 60_000,
  });
}
