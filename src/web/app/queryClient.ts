import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isApiError } from "../api/client";
import { sessionKey, sessionQuery } from "../features/auth/session";
import { institutionQuery } from "../features/institution/queries";

/**
 * One query client for the app. A 401 anywhere means the session ended (expired, or the account
 * was deactivated): forget it, and the route guards send the person to the sign-in page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== sessionKey[0]) {
          forgetSessionOn401(error);
        }
      },
    }),
    mutationCache: new MutationCache({ onError: (error) => forgetSessionOn401(error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors (4xx) will not get better by retrying; network and 5xx errors might.
        retry: (failures, error) =>
          failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });

  function forgetSessionOn401(error: unknown) {
    if (isApiError(error) && error.status === 401 && error.code === "unauthenticated") {
      client.setQueryData(sessionKey, null);
    }
  }

  return client;
}

/**
 * The app's query client, already asking for what every page shows (the session, the header's
 * names): the server names the same reads in every page's response (contracts/page-reads.ts).
 */
export function startQueryClient(): QueryClient {
  const client = createQueryClient();
  void client.prefetchQuery(sessionQuery);
  void client.prefetchQuery(institutionQuery);
  return client;
}
