import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { Plugin } from "vite";

/** The file the server reads to name a page's code in its HTML (src/server/plugins/web.ts). */
export const ROUTE_PRELOADS_FILE = "route-preloads.json";

/** A client route whose page code loads on demand, and the built files that code needs. */
export interface RoutePreload {
  /** The route's path as the router declares it, from the root: `/municipios/:cvegeo`. */
  path: string;
  /** The page's chunk and every chunk it imports that the entry does not already load. */
  scripts: string[];
  /** The stylesheets of those chunks. */
  styles: string[];
}

/** A lazy route of the router: its path and the module its `lazy` imports. */
export interface LazyRoute {
  path: string;
  module: string;
}

/**
 * The router's lazy routes, read from its source: every object literal with a string `path` and a
 * `lazy` that calls `import("…")`, its path joined to those of the objects around it.
 */
export function lazyRoutes(source: string, fileName = "router.tsx"): LazyRoute[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const routes: LazyRoute[] = [];
  const visit = (node: ts.Node, parentPath: string) => {
    let here = parentPath;
    if (ts.isObjectLiteralExpression(node)) {
      const own = stringProperty(node, "path");
      if (own !== null) {
        here = own.startsWith("/") ? own : `${parentPath.replace(/\/$/, "")}/${own}`;
      }
      const lazy = property(node, "lazy");
      const module = lazy && importedModule(lazy);
      if (own !== null && module) {
        routes.push({ path: here, module });
      }
    }
    ts.forEachChild(node, (child) => visit(child, here));
  };
  visit(file, "");
  return routes;
}

function property(node: ts.ObjectLiteralExpression, name: string): ts.Expression | null {
  for (const member of node.properties) {
    if (ts.isPropertyAssignment(member) && member.name.getText() === name) {
      return member.initializer;
    }
  }
  return null;
}

function stringProperty(node: ts.ObjectLiteralExpression, name: string): string | null {
  const value = property(node, name);
  return value && ts.isStringLiteralLike(value) ? value.text : null;
}

/** The specifier of the first `import("…")` inside an expression. */
function importedModule(node: ts.Node): string | null {
  if (
    ts.isCallExpression(node) &&
    node.expression.kind === ts.SyntaxKind.ImportKeyword &&
    node.arguments[0] &&
    ts.isStringLiteralLike(node.arguments[0])
  ) {
    return node.arguments[0].text;
  }
  return ts.forEachChild(node, importedModule) ?? null;
}

interface ChunkFacts {
  fileName: string;
  isEntry: boolean;
  isDynamicEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  css: string[];
}

/** Each lazy route with the files its page needs beyond what the entry loads. */
export function routePreloads(routes: LazyRoute[], routerDir: string, chunks: ChunkFacts[]) {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const closure = (start: string[]) => {
    const seen = new Set<string>();
    const pending = [...start];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (!seen.has(name)) {
        seen.add(name);
        pending.push(...(byFile.get(name)?.imports ?? []));
      }
    }
    return seen;
  };
  const loaded = closure(chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName));
  const withoutExtension = (file: string) => file.replace(/\.[cm]?[jt]sx?$/, "");
  const preloads: RoutePreload[] = [];
  const missing: string[] = [];
  for (const route of routes) {
    const target = withoutExtension(path.resolve(routerDir, route.module));
    const page = chunks.find(
      (chunk) =>
        chunk.isDynamicEntry &&
        chunk.facadeModuleId !== null &&
        withoutExtension(chunk.facadeModuleId) === target,
    );
    if (!page) {
      missing.push(route.path);
      continue;
    }
    const files = [...closure([page.fileName])].filter((name) => !loaded.has(name));
    const styles = new Set(files.flatMap((name) => byFile.get(name)?.css ?? []));
    preloads.push({
      path: route.path,
      scripts: files.map((name) => `/${name}`),
      styles: [...styles].map((name) => `/${name}`),
    });
  }
  return { preloads, missing };
}

/**
 * Writes route-preloads.json: for each lazy page of the router, the chunks and stylesheets it
 * needs. The server names them in the HTML it sends for that page (`<link rel="modulepreload">`),
 * so the browser fetches the page's code together with the entry instead of after it has run
 * (issue 19: «Mi municipio» waited for ~40 chunks that were only asked for once the entry had run).
 */
export function routePreloadsPlugin(routerFile: string): Plugin {
  return {
    name: "mrtm-route-preloads",
    apply: "build",
    generateBundle(_options, bundle) {
      const routes = lazyRoutes(fs.readFileSync(routerFile, "utf8"), routerFile);
      const chunks: ChunkFacts[] = Object.values(bundle).flatMap((item) =>
        item.type === "chunk"
          ? [
              {
                fileName: item.fileName,
                isEntry: item.isEntry,
                isDynamicEntry: item.isDynamicEntry,
                facadeModuleId: item.facadeModuleId,
                imports: item.imports,
                css: [...(item.viteMetadata?.importedCss ?? [])],
              },
            ]
          : [],
      );
      const { preloads, missing } = routePreloads(routes, path.dirname(routerFile), chunks);
      if (missing.length > 0) {
        this.warn(`no chunk found for the lazy routes ${missing.join(", ")}`);
      }
      this.emitFile({
        type: "asset",
        fileName: ROUTE_PRELOADS_FILE,
        source: `${JSON.stringify(preloads, null, 1)}\n`,
      });
    },
  };
}
