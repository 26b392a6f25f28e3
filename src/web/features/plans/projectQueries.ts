import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  CreateProjectCardRequest,
  UpdateProjectCardRequest,
} from "../../../contracts/project-cards.js";
import { api } from "../../api/client";

const listKey = (cvegeo: string) => ["municipality", cvegeo, "project-cards"] as const;
const cardKey = (id: string) => ["project-card", id] as const;

export function useProjectCards(cvegeo: string) {
  return useQuery({ queryKey: listKey(cvegeo), queryFn: () => api.projectCards.list(cvegeo) });
}

export function useProjectCard(id: string, enabled = true) {
  return useQuery({ queryKey: cardKey(id), queryFn: () => api.projectCards.get(id), enabled });
}

/** Saving a card moves E4's deadline: the list, the card and the municipality's tools refresh. */
function useRefresh(cvegeo: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["municipality", cvegeo] });
}

export function useCreateProjectCard(cvegeo: string) {
  const refresh = useRefresh(cvegeo);
  return useMutation({
    mutationFn: (body: CreateProjectCardRequest) => api.projectCards.create(cvegeo, body),
    onSuccess: refresh,
  });
}

export function useUpdateProjectCard(cvegeo: string, id: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(cvegeo);
  return useMutation({
    mutationFn: (body: UpdateProjectCardRequest) => api.projectCards.update(id, body),
    onSuccess: (card) => {
      queryClient.setQueryData(cardKey(id), card);
      return refresh();
    },
  });
}
