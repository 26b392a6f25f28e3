/**
 * Whether the server sent the portal home's pre-rendered first screen (portal.html: the home of a
 * visitor without a session, see scripts/vite-portal-shell.ts). Read once, before React hydrates
 * the pre-rendered markup, so the first render shows the same screen instead of a spinner.
 */
export const servedPortalShell =
  typeof document !== "undefined" &&
  document.getElementById("root")?.hasAttribute("data-portal-shell") === true;
