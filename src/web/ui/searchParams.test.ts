import { describe, expect, it } from "vitest";
import { oneOf, readPage, withChanges } from "./searchParams";

const params = (query: string) => new URLSearchParams(query);

describe("readPage", () => {
  it("reads a positive whole page number", () => {
    expect(readPage(params("pagina=4"))).toBe(4);
  });

  it("goes to the first page for anything else", () => {
    for (const page of ["", "0", "-1", "2.5", "dos", "1e400"]) {
      expect(readPage(params(`pagina=${page}`)), page).toBe(1);
    }
    expect(readPage(params(""))).toBe(1);
  });
});

describe("oneOf", () => {
  const STATES = ["open", "closed"] as const;

  it("keeps a value of the list", () => {
    expect(oneOf(STATES, "closed")).toBe("closed");
  });

  it("drops a value out of the list, a different case, or none", () => {
    expect(oneOf(STATES, "abierto")).toBeUndefined();
    expect(oneOf(STATES, "OPEN")).toBeUndefined();
    expect(oneOf(STATES, null)).toBeUndefined();
  });
});

describe("withChanges", () => {
  it("sets, replaces and clears parameters, keeping the others", () => {
    const next = withChanges(params("estado=open&q=toluca&municipio=15106"), {
      estado: "closed",
      q: "",
      municipio: null,
      tipo: "training",
    });
    expect(Object.fromEntries(next)).toEqual({ estado: "closed", tipo: "training" });
  });

  it("goes back to the first page when a filter changes", () => {
    expect(withChanges(params("estado=open&pagina=3"), { estado: "closed" }).get("pagina")).toBe(
      null,
    );
  });

  it("changes the page when asked to, keeping the filters", () => {
    const next = withChanges(params("estado=open&pagina=3"), { pagina: "4" });
    expect(next.toString()).toBe("estado=open&pagina=4");
  });

  it("leaves the address it was given as it was", () => {
    const current = params("estado=open&pagina=3");
    withChanges(current, { estado: "closed" });
    expect(current.toString()).toBe("estado=open&pagina=3");
  });
});
