/**
 * The portal home's first screen as HTML, rendered at build time (scripts/vite-portal-shell.ts)
 * and sent to visitors without a session, so the page's text paints before any JavaScript runs.
 * It is exactly what the browser's first render shows (nothing loaded yet: every query pending),
 * so the app hydrates it (src/web/main.tsx) without a mismatch: the same nodes stay, nothing is
 * painted twice. Never part of the browser bundle.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { Route, Routes, StaticRouter } from "react-router";
import { Layout } from "../../app/Layout";
import { PublicHomePage } from "./PublicHomePage";

export function renderPortalShell(): string {
  return renderToString(
    <QueryClientProvider client={new QueryClient()}>
      <StaticRouter location="/">
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<PublicHomePage />} />
          </Route>
        </Routes>
      </StaticRouter>
    </QueryClientProvider>,
  );
}
