import { createHash } from "node:crypto";
import { createServer, type Plugin } from "vite";

/** The file the server sends for "/" to visitors without a session (see src/server/plugins/web.ts). */
export const PORTAL_SHELL_FILE = "portal.html";

/**
 * Writes portal.html: index.html with the portal home's first screen already rendered inside
 * #root (src/web/features/public/prerender.tsx, rendered through Vite's SSR module loader). A
 * citizen's browser paints the heading and text from the HTML alone; the app then takes over
 * with the same markup. Measured in bench/public-home.js; see docs/decisions/0007-public-map.md.
 */
export function portalShell(): Plugin {
  let root = "";
  return {
    name: "mrtm-portal-shell",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      root = config.root;
    },
    async generateBundle(_options, bundle) {
      const index = bundle["index.html"];
      if (index?.type !== "asset") {
        return;
      }
      const server = await createServer({
        configFile: false,
        root,
        logLevel: "error",
        appType: "custom",
        server: { middlewareMode: true, hmr: false, watch: null },
        optimizeDeps: { noDiscovery: true, include: [] },
      });
      try {
        const module = (await server.ssrLoadModule("/features/public/prerender.tsx")) as {
          renderPortalShell: () => string;
        };
        const html = String(index.source)
          .replace(
            '<div id="root"></div>',
            `<div id="root" data-portal-shell="">${module.renderPortalShell()}</div>`,
          )
          .replace("<title>MRTM</title>", "<title>Avance de los municipios · MRTM</title>");
        if (!html.includes("data-portal-shell")) {
          throw new Error('index.html has no empty <div id="root"></div> to fill');
        }
        const deferred = deferEntry(html);
        if (deferred.boot) {
          this.emitFile({ type: "asset", ...deferred.boot });
        }
        this.emitFile({ type: "asset", fileName: PORTAL_SHELL_FILE, source: deferred.html });
      } catch (error) {
        // Never break everyone's build for the shell: without portal.html the server sends
        // index.html (a later first paint, which e2e/public.e2e.test.ts notices).
        this.warn(`portal.html not written: the portal's first screen did not render (${error})`);
      } finally {
        await server.close();
      }
    },
  };
}

/**
 * Starts the app only once the pre-rendered screen has painted: the entry is fetched at once
 * (modulepreload) but run from a tiny module that waits for the next frame. Otherwise, when the
 * scripts arrive fast, evaluating them (hundreds of milliseconds on a slow phone) can run before
 * the browser's first paint and hold the ready HTML off the screen.
 */
function deferEntry(html: string): {
  html: string;
  boot: { fileName: string; source: string } | null;
} {
  const tag = /<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html);
  const entry = tag?.[1];
  if (!tag || !entry) {
    return { html, boot: null };
  }
  const source = [
    "// Starts the app once the pre-rendered first screen has painted (scripts/vite-portal-shell.ts).",
    `const start = () => import(${JSON.stringify(entry)});`,
    'if (document.visibilityState === "hidden") {',
    "  start();",
    "} else {",
    "  requestAnimationFrame(() => setTimeout(start));",
    "}",
    "",
  ].join("\n");
  const fileName = `assets/portal-boot-${createHash("sha256").update(source).digest("hex").slice(0, 8)}.js`;
  return {
    html: html.replace(
      tag[0],
      `<link rel="modulepreload" crossorigin href="${entry}">\n    <script type="module" crossorigin src="/${fileName}"></script>`,
    ),
    boot: { fileName, source },
  };
}
