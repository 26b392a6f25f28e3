import { api } from "../../api/client";
import { type FirstReadOptions, useFirstRead } from "../../api/first-reads";
import { freshQueryOptions } from "../../api/fresh-reads";

// A module of its own, with no schema imports: the route loader of «Mi municipio», in the app's
// entry, asks for it before the page's code has arrived (features/municipality/first-reads.ts).

export const municipalDashboardQuery = (cvegeo: string) =>
  freshQueryOptions(["municipality", cvegeo, "dashboard"], () =>
    api.dashboard.municipality(cvegeo),
  );

/**
 * A municipality's dashboard. «Mi municipio» reads it for «Qué hacer ahora» and again in
 * «Avance»; both pass `refetchOnMount: false`, since the page's route loader asks each time the
 * page is opened (features/municipality/first-reads.ts): the page makes one request.
 */
export function useMunicipalDashboard(cvegeo: string, options?: FirstReadOptions) {
  return useFirstRead(municipalDashboardQuery(cvegeo), options);
}
