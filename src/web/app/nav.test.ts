import { describe, expect, it } from "vitest";
import { groupHolds, isNavGroup, type NavEntry, navFor } from "./nav";

function labels(entries: NavEntry[]): string[] {
  return entries.map((entry) => (isNavGroup(entry) ? `[${entry.label}]` : entry.label));
}

describe("navFor", () => {
  it("shows a visitor the public portal's four links", () => {
    expect(labels(navFor(null))).toEqual([
      "Avance municipal",
      "Modelo",
      "Municipios",
      "Datos abiertos",
    ]);
  });

  it("shows municipal people their municipality first, then the public links, all flat", () => {
    const entries = navFor({ role: "liaison", municipality: { cvegeo: "15106", name: "Toluca" } });
    expect(labels(entries)).toEqual([
      "Mi trabajo",
      "Mi municipio",
      "Colaboradores",
      "Avisos",
      "Acompañamiento",
      "Avance municipal",
      "Modelo",
      "Municipios",
      "Datos abiertos",
    ]);
    expect(entries[0]).toMatchObject({ to: "/mi-trabajo" });
    expect(entries[1]).toMatchObject({ to: "/municipios/15106" });
  });

  it("puts a reviewer's daily work first, analysis and the public portal in menus", () => {
    expect(labels(navFor({ role: "reviewer", municipality: null }))).toEqual([
      "Mi trabajo",
      "Tablero",
      "Revisión",
      "Convenios",
      "Acompañamiento",
      "[Análisis]",
      "[Portal]",
    ]);
  });

  it("gives an admin the administration screens as a second menu", () => {
    const entries = navFor({ role: "admin", municipality: null });
    expect(labels(entries).slice(-2)).toEqual(["[Portal]", "[Administración]"]);
    const admin = entries.at(-1);
    expect(admin && isNavGroup(admin) ? admin.items.map((item) => item.to) : []).toEqual([
      "/usuarios",
      "/importar",
      "/revisores",
      "/modelo/editor",
      "/institucion",
      "/bitacora",
      "/correo-saliente",
    ]);
  });
});

describe("groupHolds", () => {
  const portal = navFor({ role: "reviewer", municipality: null })
    .filter(isNavGroup)
    .find((group) => group.label === "Portal");
  it("marks the group of the current page, also below a link's path", () => {
    expect(portal && groupHolds(portal, "/publico/clasificacion")).toBe(true);
    expect(portal && groupHolds(portal, "/modelo")).toBe(true);
  });
  it("does not claim a page under a link that must match exactly", () => {
    expect(portal && groupHolds(portal, "/modelo/editor")).toBe(false);
    expect(portal && groupHolds(portal, "/municipios/15106")).toBe(false);
  });
});
