import { describe, expect, it } from "vitest";
import { orderOf, PAGE_SIZE, readParams, sortOf } from "./params";

const read = (query: string) => readParams(new URLSearchParams(query));

describe("readParams", () => {
  it("reads the Spanish address into the API's parameters", () => {
    expect(
      read(
        "cohorte=Cohorte+2022&dimension=E&estado=changes_requested&vencidas=si&orden=gaps&orden-dir=asc&pagina=3",
      ),
    ).toEqual({
      cohort: "Cohorte 2022",
      dimension: "E",
      state: "changes_requested",
      overdue: "true",
      sort: "gaps",
      order: "asc",
      page: 3,
      pageSize: PAGE_SIZE,
    });
  });

  it("starts on the first page with nothing filtered", () => {
    expect(read("")).toEqual({
      cohort: undefined,
      dimension: undefined,
      state: undefined,
      overdue: undefined,
      sort: undefined,
      order: undefined,
      page: 1,
      pageSize: PAGE_SIZE,
    });
  });

  it("reads «vencidas=no» as only tools not overdue", () => {
    expect(read("vencidas=no").overdue).toBe("false");
    expect(read("vencidas=quizas").overdue).toBeUndefined();
  });

  it("ignores a state or a direction it does not know (an old or edited link)", () => {
    expect(read("estado=aprobada").state).toBeUndefined();
    expect(read("orden-dir=arriba").order).toBeUndefined();
  });

  it("falls back to page 1 for a page that is not a positive whole number", () => {
    for (const page of ["0", "-2", "1.5", "dos", ""]) {
      expect(read(`pagina=${page}`).page, page).toBe(1);
    }
  });

  it("treats an emptied filter as no filter", () => {
    expect(read("cohorte=&dimension=").cohort).toBeUndefined();
    expect(read("cohorte=&dimension=").dimension).toBeUndefined();
  });
});

describe("sortOf and orderOf", () => {
  it("sorts by a tool's column from «tool:CODE»", () => {
    expect(sortOf("tool:E2")).toEqual({ tool: "E2" });
  });

  it("knows the summary sorts and falls back to the name", () => {
    expect(sortOf("gaps")).toBe("gaps");
    expect(sortOf("overdue")).toBe("overdue");
    expect(sortOf("index")).toBe("index");
    expect(sortOf(undefined)).toBe("name");
    expect(sortOf("algo")).toBe("name");
  });

  it("takes the sort's own direction unless one is chosen", () => {
    expect(orderOf(read(""))).toBe("asc");
    expect(orderOf(read("orden=gaps"))).toBe("desc");
    expect(orderOf(read("orden=overdue"))).toBe("desc");
    expect(orderOf(read("orden=tool:E2"))).toBe("asc");
    expect(orderOf(read("orden=gaps&orden-dir=asc"))).toBe("asc");
  });
});
