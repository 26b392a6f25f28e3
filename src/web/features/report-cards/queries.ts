import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

const cardsKey = (cvegeo: string) => ["municipality", cvegeo, "report-cards"] as const;

export function useReportCards(cvegeo: string) {
  return useQuery({
    queryKey: cardsKey(cvegeo),
    queryFn: () => api.reportCards.list(cvegeo),
  });
}

export function useIssueReportCard(cvegeo: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.reportCards.issue(cvegeo),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cardsKey(cvegeo) }),
  });
}
