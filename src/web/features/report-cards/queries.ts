import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import { useInvalidatingMutation } from "../../api/mutations";

const cardsKey = (cvegeo: string) => ["municipality", cvegeo, "report-cards"] as const;

export function useReportCards(cvegeo: string) {
  return useQuery({
    queryKey: cardsKey(cvegeo),
    queryFn: () => api.reportCards.list(cvegeo),
  });
}

export function useIssueReportCard(cvegeo: string) {
  return useInvalidatingMutation(cardsKey(cvegeo), () => api.reportCards.issue(cvegeo));
}
