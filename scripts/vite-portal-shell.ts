import { createHash } from "node:crypto";
import { createServer, type Plugin } from "vite";
import { EVERY_PAGE_READS } from "../src/contracts/page-reads.js";

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
 * Holds everything but the stylesheet off until the pre-rendered screen has painted, so that
 * before its first paint the portal asks for what a page without JavaScript would: the HTML and
 * its stylesheet (issue 18). The entry, its chunks (Vite's `<link rel="modulepreload">`) and the
 * app's first reads (`EVERY_PAGE_READS`, which other pages get in a `Link` header) are named in
 * a tiny module that waits for the next frame, then preloads them all at once and imports the
 * entry. Named in the HTML, the 13 scripts and 2 reads took the browser's six connections and
 * the server's attention ahead of the stylesheet, which comes last in Vite's head, and their
 * compilation took the main thread: the first paint came ~1.5× later than the static page's
 * (bench/public-home.js).
 */
export function deferEntry(html: string): {
  html: string;
  boot: { fileName: string; source: string } | null;
} {
  const tag = /<script type="module" crossorigin src="(\/assets\/[\w.-]+\.js)"><\/script>/.exec(
    html,
  );
  const entry = tag?.[1];
  if (!tag || !entry) {
    return { html, boot: null };
  }
  const preloads = /\s*<link rel="modulepreload" crossorigin href="(\/assets\/[\w.-]+\.js)">/g;
  const chunks = [...html.matchAll(preloads)].map((match) => match[1]);
  const source = [
    "// Starts the app once the pre-rendered first screen has painted (scripts/vite-portal-shell.ts).",
    "const preload = (href, rel, as) => {",
    '  const link = document.createElement("link");',
    "  link.rel = rel;",
    "  if (as) {",
    "    link.as = as;",
    "  }",
    '  link.crossOrigin = "anonymous";',
    "  link.href = href;",
    "  document.head.append(link);",
    "};",
    "const start = () => {",
    `  for (const read of ${JSON.stringify(EVERY_PAGE_READS)}) {`,
    '    preload(read, "preload", "fetch");',
    "  }",
    `  for (const chunk of ${JSON.stringify(chunks)}) {`,
    '    preload(chunk, "modulepreload");',
    "  }",
    `  return import(${JSON.stringify(entry)});`,
    "};",
    'if (document.visibilityState === "hidden") {',
    "  start();",
    "} else {",
    "  requestAnimationFrame(() => setTimeout(start));",
    "}",
    "",
  ].join("\n");
  const fileName = `assets/portal-boot-${createHash("sha256").update(source).digest("hex").slice(0, 8)}.js`;
  const head = html.replace(tag[0], "").replace(preloads, "");
  return {
    // After the stylesheet, which is then the only thing the head asks for before the body.
    html: head.replace(
      "</head>",
      `  <script type="module" crossorigin src="/${fileName}"></script>\n  </head>`,
    ),
    boot: { fileName, source },
  };
}
