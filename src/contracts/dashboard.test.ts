import { describe, expect, it } from "vitest";
import { type RankingRow, RegionalRanking, rankingColumns, rankingRows } from "./dashboard.js";

const rows: RankingRow[] = [
  {
    cvegeo: "15106",
    name: "Toluca",
    cohort: "Cohorte 2022",
    rank: 1,
    index: 41.7,
    dimensions: { E: 62.5, R: 50 },
    onTimeRate: 75,
    overdueTools: 3,
    inReview: 1,
    openObservations: 2,
  },
  {
    cvegeo: "15054",
    name: "Metepec",
    cohort: "Cohorte 2023",
    rank: 2,
    index: 5,
    dimensions: { E: 25, R: 0 },
    onTimeRate: null,
    overdueTools: 12,
    inReview: 0,
    openObservations: 0,
  },
];

describe("the ranking's columns", () => {
  it("turn back into the same rows, in the same order", () => {
    const table = rankingColumns("2024-01-10", ["E", "R"], rows);
    expect(RegionalRanking.parse(table)).toEqual(table);
    expect(table.columns.dimensions).toEqual([
      [62.5, 25],
      [50, 0],
    ]);
    expect(rankingRows(table)).toEqual(rows);
  });

  it("are empty for a region without participants", () => {
    const table = rankingColumns("2024-01-10", ["E"], []);
    expect(table.columns.cvegeo).toEqual([]);
    expect(rankingRows(table)).toEqual([]);
  });
});
