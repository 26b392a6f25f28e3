import type { QueryClient } from "@tanstack/react-query";
import { OPEN_COMMITMENTS_SHOWN } from "../../../contracts/page-reads.js";
import type { CommitmentQuery } from "../../../contracts/support.js";
import { municipalDashboardQuery } from "../dashboard/municipal-query";
import { municipalitiesQuery } from "../municipalities/queries";
import { commitmentsQuery } from "../support/queries";
import { municipalityToolsQuery } from "../tools/queries";

export const openCommitments = (cvegeo: string): CommitmentQuery => ({
  municipality: cvegeo,
  status: "open",
  pageSize: OPEN_COMMITMENTS_SHOWN,
});

/**
 * Asks for what a municipality's page shows first (the tools, «Qué hacer ahora»'s dashboard and
 * commitments, the municipality's name) as soon as its address is opened, from the route's
 * loader: the requests then travel while the page's code loads and the session is checked,
 * instead of after both (issue 19). The page's own hooks read the same queries, so nothing is
 * asked twice; a person who may not see the municipality gets the server's 404s, which the page
 * never shows (it shows «Municipio no disponible» without reading them). The server names the same
 * addresses in the page's response (contracts/page-reads.ts), so the browser has usually asked for
 * them before this runs.
 */
export function prefetchMunicipalityPage(client: QueryClient, cvegeo: string): void {
  void client.prefetchQuery(municipalityToolsQuery(cvegeo));
  void client.prefetchQuery(municipalDashboardQuery(cvegeo));
  void client.prefetchQuery(commitmentsQuery(openCommitments(cvegeo)));
  void client.prefetchQuery(municipalitiesQuery);
}
