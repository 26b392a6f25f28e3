import { StrictMode } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { App } from "./app/App";
import { servedPortalShell } from "./features/public/shell";
import "./styles/base.css";
import "./styles/components.css";
import "./styles/cycle.css";

const root = document.getElementById("root");
if (!root) {
  throw new Error("Falta el elemento #root en index.html.");
}
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
if (servedPortalShell) {
  // The portal home arrived rendered (portal.html): adopt its markup rather than paint it again.
  // A mismatch would make React throw the markup away and render anew; say so in the console,
  // where e2e/public.e2e.test.ts looks for it.
  hydrateRoot(root, app, {
    onRecoverableError: (error) => console.error("[hidratación]", error),
  });
} else {
  createRoot(root).render(app);
}
