import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lazyRoutes, routePreloads } from "./vite-route-preloads.js";

const ROUTER = path.resolve(import.meta.dirname, "../src/web/app/router.tsx");

describe("the router's lazy routes, read from its source", () => {
  it("joins nested paths and keeps only routes whose lazy imports a module", () => {
    const source = `
      const page = () => import("./NotARoute");
      createBrowserRouter([
        { path: "/", element: <Layout />, children: [
          { index: true, element: <Home /> },
          { path: "tablero", lazy: async () => ({ Component: (await import("../features/Board")).Board }) },
          { path: "municipios/:cvegeo", children: [
            { path: "diagnostico", lazy: async () => ({ Component: (await import("./Diag")).Diag }) },
          ] },
          { path: "modelo", element: <Model /> },
        ] },
      ]);`;
    expect(lazyRoutes(source)).toEqual([
      { path: "/tablero", module: "../features/Board" },
      { path: "/municipios/:cvegeo/diagnostico", module: "./Diag" },
    ]);
  });

  it("finds the app's own pages, «Mi municipio» among them", () => {
    const routes = lazyRoutes(fs.readFileSync(ROUTER, "utf8"));
    expect(routes).toContainEqual({
      path: "/municipios/:cvegeo",
      module: "../features/municipality/MunicipalityPage",
    });
    expect(routes.map((route) => route.path)).toEqual(
      expect.arrayContaining(["/tablero", "/brechas", "/revision", "/herramientas/:id"]),
    );
    expect(new Set(routes.map((route) => route.path)).size).toBe(routes.length);
  });
});

describe("the files a lazy page needs", () => {
  const chunk = (
    fileName: string,
    facts: Partial<Parameters<typeof routePreloads>[2][0]> = {},
  ) => ({
    fileName,
    isEntry: false,
    isDynamicEntry: false,
    facadeModuleId: null,
    imports: [],
    css: [],
    ...facts,
  });

  it("lists the page's chunk and its imports the entry does not load, with their styles", () => {
    const { preloads, missing } = routePreloads(
      [
        { path: "/tablero", module: "../features/Board" },
        { path: "/perdido", module: "../features/Gone" },
      ],
      "/app/src/web/app",
      [
        chunk("assets/index.js", { isEntry: true, imports: ["assets/react.js"] }),
        chunk("assets/react.js"),
        chunk("assets/Board.js", {
          isDynamicEntry: true,
          facadeModuleId: "/app/src/web/features/Board.tsx",
          imports: ["assets/react.js", "assets/charts.js"],
          css: ["assets/Board.css"],
        }),
        chunk("assets/charts.js", { imports: ["assets/format.js"], css: ["assets/charts.css"] }),
        chunk("assets/format.js", { imports: ["assets/charts.js"] }),
      ],
    );
    expect(missing).toEqual(["/perdido"]);
    expect(preloads).toHaveLength(1);
    expect(preloads[0]?.path).toBe("/tablero");
    expect([...(preloads[0]?.scripts ?? [])].sort()).toEqual([
      "/assets/Board.js",
      "/assets/charts.js",
      "/assets/format.js",
    ]);
    expect([...(preloads[0]?.styles ?? [])].sort()).toEqual([
      "/assets/Board.css",
      "/assets/charts.css",
    ]);
  });
});
