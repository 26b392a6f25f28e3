/**
 * The addresses the server names in a page's `Link` header (contracts/page-reads.ts) are the ones
 * the app asks for first: a difference would make the browser fetch twice, preloaded and again.
 */
import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { lazyRoutes } from "../../../scripts/vite-route-preloads.js";
import { EVERY_PAGE_READS, routeReads, SIGNED_IN_PAGE_READS } from "../../contracts/page-reads.js";
import { prefetchMunicipalityPage } from "../features/municipality/first-reads";
import { toolInstanceQuery } from "../features/tools/queries";
import { createQueryClient, startQueryClient } from "./queryClient";

let asked: string[];

beforeEach(() => {
  asked = [];
  vi.stubGlobal("fetch", async (url: string) => {
    asked.push(url);
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the first reads the server names for a page", () => {
  it("are what every page asks for as the app starts", () => {
    startQueryClient();
    expect(asked).toEqual(EVERY_PAGE_READS);
  });

  it("are what a municipality's page asks for from its route's loader", () => {
    prefetchMunicipalityPage(createQueryClient(), "15106");
    const templates = SIGNED_IN_PAGE_READS["/municipios/:cvegeo"] ?? [];
    expect(asked).toEqual(routeReads(templates, { cvegeo: "15106" }));
    expect(asked).toHaveLength(4);
  });

  it("are what a tool's page asks for from its route's loader", () => {
    const id = "0b7f4c1e-5d7a-4a57-9a53-2f1e8f0c9d11";
    void createQueryClient().prefetchQuery(toolInstanceQuery(id));
    const templates = SIGNED_IN_PAGE_READS["/herramientas/:id"] ?? [];
    expect(asked).toEqual(routeReads(templates, { id }));
    expect(asked).toHaveLength(1);
    const source = fs.readFileSync(new URL("./router.tsx", import.meta.url), "utf8");
    expect(source).toContain("queryClient.prefetchQuery(toolInstanceQuery(params.id");
  });

  it("belong to routes the router declares", () => {
    const source = fs.readFileSync(new URL("./router.tsx", import.meta.url), "utf8");
    const paths = lazyRoutes(source).map((route) => route.path);
    for (const path of Object.keys(SIGNED_IN_PAGE_READS)) {
      expect(paths).toContain(path);
    }
  });
});
