/**
 * The addresses the server names in a page's `Link` header (contracts/page-reads.ts) are the ones
 * the app asks for first: a difference would make the browser fetch twice, preloaded and again.
 */
import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { lazyRoutes } from "../../../scripts/vite-route-preloads.js";
import { EVERY_PAGE_READS, routeReads, SIGNED_IN_PAGE_READS } from "../../contracts/page-reads.js";
import { prefetchMunicipalityPage } from "../features/municipality/first-reads";
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

  it("belong to routes the router declares", () => {
    const source = fs.readFileSync(new URL("./router.tsx", import.meta.url), "utf8");
    const paths = lazyRoutes(source).map((route) => route.path);
    for (const path of Object.keys(SIGNED_IN_PAGE_READS)) {
      expect(paths).toContain(path);
    }
  });
});
