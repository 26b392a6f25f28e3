import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";

export const modelKeys = {
  published: ["model", "published"] as const,
  versions: ["model", "versions"] as const,
  version: (id: string) => ["model", "versions", id] as const,
};

/** The model in force (public). */
export function usePublishedModel() {
  return useQuery({
    queryKey: modelKeys.published,
    queryFn: api.model.published,
    staleTime: 5 * 60_000,
  });
}

export function useModelVersions() {
  return useQuery({ queryKey: modelKeys.versions, queryFn: api.model.versions });
}

export function useModelVersion(id: string) {
  return useQuery({ queryKey: modelKeys.version(id), queryFn: () => api.model.version(id) });
}
