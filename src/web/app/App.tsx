import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { RouterProvider } from "react-router/dom";
import { sessionQuery } from "../features/auth/session";
import { institutionQuery } from "../features/institution/queries";
import { createQueryClient } from "./queryClient";
import { createRouter } from "./router";

/** The query client, already asking for what every page shows (the session, the header's names). */
function startQueryClient() {
  const client = createQueryClient();
  void client.prefetchQuery(sessionQuery);
  void client.prefetchQuery(institutionQuery);
  return client;
}

export function App() {
  const [queryClient] = useState(startQueryClient);
  const [router] = useState(() => createRouter(queryClient));
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
