import { describe, expect, it } from "vitest";
import type { Municipality } from "../../../contracts/municipalities.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";

const ctx = setUpTestApp();

const list = async (query = "") =>
  json<Municipality[]>(await ctx.app.inject({ method: "GET", url: `/api/municipalities${query}` }));

describe("GET /api/municipalities", () => {
  it("lists the 125 municipalities of the State of Mexico with INEGI keys, to anyone", async () => {
    const all = await list();
    expect(all).toHaveLength(125);
    expect(all[0]).toEqual({
      cvegeo: "15001",
      cveMun: "001",
      name: "Acambay de Ruíz Castañeda",
      population2020: 67872,
    });
    expect(all.at(-1)?.name).toBe("Tonanitla");
    expect(new Set(all.map((m) => m.cvegeo)).size).toBe(125);
    expect(all.reduce((sum, m) => sum + (m.population2020 ?? 0), 0)).toBe(16_992_418);
  });

  it("finds by name ignoring accents and case", async () => {
    expect((await list("?q=ruiz")).map((m) => m.cvegeo)).toEqual(["15001"]);
    expect((await list("?q=NEZAHUALCOYOTL")).map((m) => m.name)).toEqual(["Nezahualcóyotl"]);
    expect((await list("?q=atizapan")).map((m) => m.name)).toEqual([
      "Atizapán",
      "Atizapán de Zaragoza",
    ]);
  });

  it("finds by INEGI key, whole or municipal part", async () => {
    expect((await list("?q=15106")).map((m) => m.name)).toEqual(["Toluca"]);
    expect((await list("?q=106")).map((m) => m.name)).toEqual(["Toluca"]);
  });

  it("treats LIKE wildcards in the query as plain text", async () => {
    expect(await list("?q=%25")).toEqual([]);
    expect(await list("?q=_")).toEqual([]);
  });
});

describe("GET /api/municipalities/:cvegeo", () => {
  it("returns one, 404 for an unknown key and 400 for a malformed one", async () => {
    expect(
      json<Municipality>(await ctx.app.inject({ method: "GET", url: "/api/municipalities/15106" }))
        .name,
    ).toBe("Toluca");
    const unknown = await ctx.app.inject({ method: "GET", url: "/api/municipalities/15999" });
    expect(unknown.statusCode).toBe(404);
    expect(errorCode(unknown)).toBe("not_found");
    const malformed = await ctx.app.inject({ method: "GET", url: "/api/municipalities/toluca" });
    expect(errorOf(malformed, 400)).toMatchObject({ details: [{ field: "cvegeo" }] });
  });
});
