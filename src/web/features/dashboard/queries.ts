import { rankingRows } from "../../../contracts/dashboard.js";
import { api } from "../../api/client";
import { useFreshQuery } from "../../api/fresh-reads";

/** The server recomputes on every change; ask again whenever the screen is opened. */
export function useRegionalDashboard() {
  return useFreshQuery(["dashboard", "regional"], () => api.dashboard.regional());
}

/** Every participant's row: for the map and the ranking, loaded beside the figures. */
export function useRegionalRanking() {
  return useFreshQuery(["dashboard", "regional", "ranking"], async () =>
    rankingRows(await api.dashboard.ranking()),
  );
}
