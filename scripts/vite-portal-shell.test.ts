import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { EVERY_PAGE_READS } from "../src/contracts/page-reads.js";
import { deferEntry } from "./vite-portal-shell.js";

/** The head Vite writes: the entry, its chunks, then the stylesheet. */
const BUILT = `<!doctype html>
<html lang="es-MX">
  <head>
    <meta charset="UTF-8" />
    <title>Avance de los municipios · MRTM</title>
    <script type="module" crossorigin src="/assets/index-Dj1.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/Alert-CQ2.js">
    <link rel="modulepreload" crossorigin href="/assets/chunk-YD3.js">
    <link rel="stylesheet" crossorigin href="/assets/index-ai4.css">
  </head>
  <body>
    <div id="root" data-portal-shell=""><h1>Avance</h1></div>
  </body>
</html>`;

/** Runs the boot module against a stand-in document; what it appended and imported. */
function runBoot(source: string, visibilityState: "visible" | "hidden") {
  const appended: { rel: string; as?: string; crossOrigin: string; href: string }[] = [];
  const imported: string[] = [];
  const frames: (() => void)[] = [];
  const timers: (() => void)[] = [];
  const context = vm.createContext({
    document: {
      visibilityState,
      createElement: () => ({}),
      head: { append: (link: (typeof appended)[number]) => appended.push(link) },
    },
    requestAnimationFrame: (callback: () => void) => frames.push(callback),
    setTimeout: (callback: () => void) => timers.push(callback),
    __import: (specifier: string) => imported.push(specifier),
  });
  // vm scripts cannot `import()` without a loader: the same call through a stand-in.
  vm.runInContext(source.replace("import(", "__import("), context);
  return { appended, imported, frames, timers };
}

describe("the portal's boot module (portal.html)", () => {
  it("leaves the stylesheet the only thing the head asks for, and the boot module after it", () => {
    const deferred = deferEntry(BUILT);
    expect(deferred.boot?.fileName).toMatch(/^assets\/portal-boot-[0-9a-f]{8}\.js$/);
    const head = deferred.html.slice(0, deferred.html.indexOf("</head>"));
    expect(head).not.toContain("modulepreload");
    expect(head).not.toContain("/assets/index-Dj1.js");
    expect(head).not.toContain("/api/");
    const stylesheet = head.indexOf(
      '<link rel="stylesheet" crossorigin href="/assets/index-ai4.css">',
    );
    const boot = head.indexOf(
      `<script type="module" crossorigin src="/${deferred.boot?.fileName}"></script>`,
    );
    expect(stylesheet).toBeGreaterThan(0);
    expect(boot).toBeGreaterThan(stylesheet);
    expect(deferred.html).toContain('<div id="root" data-portal-shell=""><h1>Avance</h1></div>');
  });

  it("once the first frame has painted, preloads the first reads and the chunks, then imports the entry", () => {
    const source = deferEntry(BUILT).boot?.source ?? "";
    const boot = runBoot(source, "visible");
    expect(boot.appended).toEqual([]);
    expect(boot.imported).toEqual([]);
    for (const frame of boot.frames) {
      frame();
    }
    expect(boot.imported).toEqual([]);
    for (const timer of boot.timers) {
      timer();
    }
    expect(boot.appended).toEqual([
      ...EVERY_PAGE_READS.map((href) => ({
        rel: "preload",
        as: "fetch",
        crossOrigin: "anonymous",
        href,
      })),
      { rel: "modulepreload", crossOrigin: "anonymous", href: "/assets/Alert-CQ2.js" },
      { rel: "modulepreload", crossOrigin: "anonymous", href: "/assets/chunk-YD3.js" },
    ]);
    expect(boot.imported).toEqual(["/assets/index-Dj1.js"]);
  });

  it("starts at once in a tab that is not shown (no frame would come)", () => {
    const boot = runBoot(deferEntry(BUILT).boot?.source ?? "", "hidden");
    expect(boot.frames).toEqual([]);
    expect(boot.imported).toEqual(["/assets/index-Dj1.js"]);
  });

  it("leaves an HTML without the entry's script as it is", () => {
    const html = BUILT.replace(/<script[^>]*><\/script>/, "");
    expect(deferEntry(html)).toEqual({ html, boot: null });
  });
});
