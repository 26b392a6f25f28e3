import { useQuery } from "@tanstack/react-query";
import { rankingRows } from "../../../contracts/dashboard.js";
import { api } from "../../api/client";

export function useRegionalDashboard() {
  return useQuery({
    queryKey: ["dashboard", "regional"],
    queryFn: () => api.dashboard.regional(),
    // The server recomputes on every change; ask again whenever the screen is opened.
    staleTime: 0,
  });
}

/** Every participant's row: for the map and the ranking, loaded beside the figures. */
export function useRegionalRanking() {
  return useQuery({
    queryKey: ["dashboard", "regional", "ranking"],
    queryFn: async () => rankingRows(await api.dashboard.ranking()),
    staleTime: 0,
  });
}
