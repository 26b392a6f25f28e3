import { describe, expect, it } from "vitest";
import type { RankingRow } from "../../../contracts/dashboard.js";
import { nextSorting, rankingRows, type Sorting } from "./ranking";

function row(cvegeo: string, name: string, rank: number, changes: Partial<RankingRow> = {}) {
  return {
    cvegeo,
    name,
    cohort: "Cohorte 2022",
    rank,
    index: 100 - rank * 10,
    dimensions: { E: 50 },
    onTimeRate: 50,
    overdueTools: 0,
    inReview: 0,
    openObservations: 0,
    ...changes,
  } satisfies RankingRow;
}

const ROWS: RankingRow[] = [
  row("15106", "Toluca", 1, { onTimeRate: 80, dimensions: { E: 90 }, overdueTools: 2 }),
  row("15057", "Naucalpan de Juárez", 2, { onTimeRate: null, dimensions: {}, overdueTools: 5 }),
  row("15013", "Atizapán de Zaragoza", 2, { onTimeRate: 20, cohort: "Cohorte 2023" }),
  row("15033", "Ecatepec de Morelos", 4, { onTimeRate: 60, overdueTools: 5 }),
  row("15104", "Tlalnepantla de Baz", 5, { onTimeRate: null, dimensions: { E: 10 } }),
];

const names = (rows: RankingRow[]) => rows.map((r) => r.name);
const sort = (sorting: Sorting, query = "") => names(rankingRows(ROWS, query, sorting));

describe("rankingRows: order", () => {
  it("starts by place, ties in the order the server sent", () => {
    expect(sort({ key: "rank", descending: false })).toEqual([
      "Toluca",
      "Naucalpan de Juárez",
      "Atizapán de Zaragoza",
      "Ecatepec de Morelos",
      "Tlalnepantla de Baz",
    ]);
  });

  it("sorts names alphabetically ignoring accents", () => {
    expect(sort({ key: "name", descending: false })).toEqual([
      "Atizapán de Zaragoza",
      "Ecatepec de Morelos",
      "Naucalpan de Juárez",
      "Tlalnepantla de Baz",
      "Toluca",
    ]);
  });

  it("breaks ties by place, whichever the direction", () => {
    expect(sort({ key: "overdueTools", descending: true })).toEqual([
      "Naucalpan de Juárez",
      "Ecatepec de Morelos",
      "Toluca",
      "Atizapán de Zaragoza",
      "Tlalnepantla de Baz",
    ]);
  });

  it("puts rows without an on-time rate last, ascending and descending", () => {
    const last = ["Naucalpan de Juárez", "Tlalnepantla de Baz"];
    expect(sort({ key: "onTimeRate", descending: false })).toEqual([
      "Atizapán de Zaragoza",
      "Ecatepec de Morelos",
      "Toluca",
      ...last,
    ]);
    expect(sort({ key: "onTimeRate", descending: true })).toEqual([
      "Toluca",
      "Ecatepec de Morelos",
      "Atizapán de Zaragoza",
      ...last,
    ]);
  });

  it("sorts by a dimension's column, municipalities without it last", () => {
    expect(sort({ key: "dimension:E", descending: true })).toEqual([
      "Toluca",
      "Atizapán de Zaragoza",
      "Ecatepec de Morelos",
      "Tlalnepantla de Baz",
      "Naucalpan de Juárez",
    ]);
  });

  it("does not reorder the rows it was given", () => {
    const before = names(ROWS);
    rankingRows(ROWS, "", { key: "name", descending: true });
    expect(names(ROWS)).toEqual(before);
  });
});

describe("rankingRows: search", () => {
  const byRank: Sorting = { key: "rank", descending: false };

  it("finds a name without accents or capitals", () => {
    expect(sort(byRank, "ATIZAPAN")).toEqual(["Atizapán de Zaragoza"]);
    expect(sort(byRank, "  de  ")).toEqual([
      "Naucalpan de Juárez",
      "Atizapán de Zaragoza",
      "Ecatepec de Morelos",
      "Tlalnepantla de Baz",
    ]);
  });

  it("finds a municipality by the start of its INEGI key only", () => {
    expect(sort(byRank, "1510")).toEqual(["Toluca", "Tlalnepantla de Baz"]);
    expect(sort(byRank, "106")).toEqual([]);
  });
});

describe("nextSorting", () => {
  it("flips the direction when the same column is chosen again", () => {
    expect(nextSorting({ key: "index", descending: true }, "index", true)).toEqual({
      key: "index",
      descending: false,
    });
  });

  it("starts a new column in its own direction", () => {
    expect(nextSorting({ key: "index", descending: false }, "name", false)).toEqual({
      key: "name",
      descending: false,
    });
    expect(nextSorting({ key: "name", descending: false }, "index", true)).toEqual({
      key: "index",
      descending: true,
    });
  });
});
