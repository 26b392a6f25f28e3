import fs from "node:fs";
import path from "node:path";
import { EVERY_PAGE_READS, routeReads, SIGNED_IN_PAGE_READS } from "../../contracts/page-reads.js";
import { type Encoded, encoded } from "./web-assets.js";

/** A lazy route of the app and the files its page needs (scripts/vite-route-preloads.ts). */
interface RoutePreload {
  path: string;
  scripts: string[];
  styles: string[];
}

/** Built file paths are `/assets/<name>`: nothing in them needs escaping in an attribute. */
const BUILT_FILE = /^\/assets\/[\w.-]+$/;

/**
 * A small file's bytes, read again only when its modification time moves (a rebuild while the
 * server runs). `version` changes whenever the bytes are read again.
 */
export function fileInMemory(file: string): () => { bytes: Buffer; version: number } | null {
  let read: { mtimeMs: number; bytes: Buffer; version: number } | undefined;
  return () => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) {
      return null;
    }
    if (read?.mtimeMs !== stat.mtimeMs) {
      read = {
        mtimeMs: stat.mtimeMs,
        bytes: fs.readFileSync(file),
        version: (read?.version ?? 0) + 1,
      };
    }
    return read;
  };
}

/** Whether a URL path matches a route's path (`:name` stands for one segment). */
export function matchesRoute(routePath: string, urlPath: string): boolean {
  const route = routePath.split("/").filter(Boolean);
  const url = urlPath.split("/").filter(Boolean);
  return (
    route.length === url.length &&
    route.every((segment, index) => segment.startsWith(":") || segment === url[index])
  );
}

/** The route a URL path opens: of those it matches, the one with the most fixed segments. */
export function routeFor<T extends { path: string }>(routes: T[], urlPath: string): T | null {
  let best: T | null = null;
  let bestFixed = -1;
  for (const route of routes) {
    if (matchesRoute(route.path, urlPath)) {
      const fixed = route.path.split("/").filter((s) => s && !s.startsWith(":")).length;
      if (fixed > bestFixed) {
        best = route;
        bestFixed = fixed;
      }
    }
  }
  return best;
}

/** The `:name` segments of a route's path, read from an address the route matches. */
export function routeParams(routePath: string, urlPath: string): Record<string, string> {
  const url = urlPath.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  routePath
    .split("/")
    .filter(Boolean)
    .forEach((segment, index) => {
      if (segment.startsWith(":")) {
        params[segment.slice(1)] = url[index] ?? "";
      }
    });
  return params;
}

const signedInRoutes = Object.keys(SIGNED_IN_PAGE_READS).map((path) => ({ path }));

/**
 * The `Link` header of a page of the app: the API reads it makes first (contracts/page-reads.ts),
 * fetched by the browser while the page's code arrives. A page's own reads are named only to a
 * request with a session cookie: without one they would only earn 401s.
 */
export function pageReadsLink(urlPath: string, signedIn: boolean): string {
  const reads = [...EVERY_PAGE_READS];
  const route = signedIn ? routeFor(signedInRoutes, urlPath) : null;
  if (route) {
    reads.push(
      ...routeReads(SIGNED_IN_PAGE_READS[route.path] ?? [], routeParams(route.path, urlPath)),
    );
  }
  return reads.map((read) => `<${read}>; rel=preload; as=fetch; crossorigin`).join(", ");
}

function withPreloads(html: Buffer, route: RoutePreload): Buffer {
  const links = [
    ...route.styles
      .filter((href) => BUILT_FILE.test(href))
      .map((href) => `<link rel="stylesheet" crossorigin href="${href}">`),
    ...route.scripts
      .filter((href) => BUILT_FILE.test(href))
      .map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
  ];
  const text = html.toString("utf8");
  const at = text.indexOf("</head>");
  if (at < 0 || links.length === 0) {
    return html;
  }
  return Buffer.from(`${text.slice(0, at)}    ${links.join("\n    ")}\n  ${text.slice(at)}`);
}

function parsePreloads(bytes: Buffer): RoutePreload[] {
  const parsed: unknown = JSON.parse(bytes.toString("utf8"));
  if (!Array.isArray(parsed)) {
    return [];
  }
  return parsed.filter(
    (entry): entry is RoutePreload =>
      typeof entry?.path === "string" &&
      Array.isArray(entry.scripts) &&
      Array.isArray(entry.styles) &&
      [...entry.scripts, ...entry.styles].every((item: unknown) => typeof item === "string"),
  );
}

/**
 * index.html for a client route, naming its page's code (`<link rel="modulepreload">`) when the
 * build listed it in route-preloads.json: the browser fetches the page's ~40 chunks alongside the
 * entry rather than once the entry has run and the router has asked for them (issue 19). Built
 * and compressed once per route and build.
 */
export function appPages(webDir: string): (urlPath: string) => Encoded | null {
  const index = fileInMemory(path.join(webDir, "index.html"));
  const preloadsFile = fileInMemory(path.join(webDir, "route-preloads.json"));
  let built = { key: "", routes: [] as RoutePreload[], pages: new Map<string, Encoded>() };
  return (urlPath) => {
    const html = index();
    if (!html) {
      return null;
    }
    const preloads = preloadsFile();
    const key = `${html.version}:${preloads?.version ?? 0}`;
    if (built.key !== key) {
      let routes: RoutePreload[] = [];
      try {
        routes = preloads ? parsePreloads(preloads.bytes) : [];
      } catch {
        // A damaged list only costs the preloads: the page still loads its code as it runs.
      }
      built = { key, routes, pages: new Map() };
    }
    const route = routeFor(built.routes, urlPath);
    const name = route?.path ?? "";
    let page = built.pages.get(name);
    if (!page) {
      page = encoded(route ? withPreloads(html.bytes, route) : html.bytes);
      built.pages.set(name, page);
    }
    return page;
  };
}

/**
 * A built HTML file, compressed once per build here rather than taken from the build's `.br` and
 * `.gz` copies, which a rebuild writes after the HTML: never a copy older than the file.
 */
export function builtHtml(file: string): () => Encoded | null {
  const read = fileInMemory(file);
  let kept: { version: number; body: Encoded } | undefined;
  return () => {
    const html = read();
    if (!html) {
      return null;
    }
    if (kept?.version !== html.version) {
      kept = { version: html.version, body: encoded(html.bytes) };
    }
    return kept.body;
  };
}
