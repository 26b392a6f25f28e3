import { describe, expect, it } from "vitest";
import { readAuditFilters } from "../audit/filters";
import { readOutboxFilters } from "../notifications/filters";
import { effectiveScope, readReviewQueueFilters } from "../review-queue/filters";
import { readUserFilters, USERS_PAGE_SIZE } from "./filters";

const params = (query: string) => new URLSearchParams(query);

describe("readUserFilters", () => {
  it("reads the search, the role, active or not, and the page", () => {
    expect(readUserFilters(params("q=ana&rol=liaison&activa=false&pagina=3"))).toEqual({
      q: "ana",
      role: "liaison",
      active: "false",
      page: 3,
      pageSize: USERS_PAGE_SIZE,
    });
  });

  it("ignores a role or a state that does not exist", () => {
    const filters = readUserFilters(params("rol=superadmin&activa=si"));
    expect(filters.role).toBeUndefined();
    expect(filters.active).toBeUndefined();
  });
});

describe("readAuditFilters", () => {
  it("reads an action and an entity of the catalogue", () => {
    const filters = readAuditFilters(params("accion=user.created&entidad=user&q=ana"));
    expect(filters).toMatchObject({ action: "user.created", entityType: "user", q: "ana" });
  });

  it("ignores an action or an entity the catalogue does not know (an old link)", () => {
    const filters = readAuditFilters(params("accion=user.exploded&entidad=planet"));
    expect(filters.action).toBeUndefined();
    expect(filters.entityType).toBeUndefined();
  });
});

describe("readOutboxFilters", () => {
  it("reads a delivery status it knows", () => {
    expect(readOutboxFilters(params("estado=held")).status).toBe("held");
    expect(readOutboxFilters(params("estado=perdido")).status).toBeUndefined();
  });
});

describe("readReviewQueueFilters", () => {
  it("reads municipality, tool, dimension and cohort; empty ones filter nothing", () => {
    expect(
      readReviewQueueFilters(
        params("municipio=15106&herramienta=E2&dimension=E&cohorte=Cohorte+2022"),
      ),
    ).toEqual({
      scope: undefined,
      municipality: "15106",
      tool: "E2",
      dimension: "E",
      cohort: "Cohorte 2022",
    });
    expect(readReviewQueueFilters(params("municipio=&herramienta="))).toEqual({
      scope: undefined,
      municipality: undefined,
      tool: undefined,
      dimension: undefined,
      cohort: undefined,
    });
  });
});

describe("the review queue's scope", () => {
  it("opens a reviewer's queue on «Mis municipios», «Todos» one click away; an admin's on all", () => {
    expect(readReviewQueueFilters(params("alcance=todos")).scope).toBe("all");
    expect(readReviewQueueFilters(params("alcance=mis")).scope).toBe("mine");
    expect(readReviewQueueFilters(params("alcance=otro")).scope).toBeUndefined();
    expect(effectiveScope(undefined, "reviewer")).toBe("mine");
    expect(effectiveScope("all", "reviewer")).toBe("all");
    expect(effectiveScope(undefined, "admin")).toBe("all");
    expect(effectiveScope("mine", "admin")).toBe("mine");
  });
});
