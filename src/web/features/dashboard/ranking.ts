/** The regional ranking as its table sorts and searches it: the pure part of `RankingTable`. */
import type { RankingRow } from "../../../contracts/dashboard.js";
import { foldForSearch } from "../../../domain/text.js";

/** A column to sort by; a dimension's column is `dimension:<code>`. */
export type SortKey =
  | "rank"
  | "index"
  | "name"
  | "cohort"
  | "onTimeRate"
  | "overdueTools"
  | "inReview"
  | "openObservations"
  | `dimension:${string}`;

export interface Sorting {
  key: SortKey;
  descending: boolean;
}

function sortValue(row: RankingRow, key: SortKey): number | string | null {
  if (key.startsWith("dimension:")) {
    return row.dimensions[key.slice("dimension:".length)] ?? null;
  }
  switch (key) {
    case "rank":
      return row.rank;
    case "index":
      return row.index;
    case "name":
      return foldForSearch(row.name);
    case "cohort":
      return row.cohort;
    case "onTimeRate":
      return row.onTimeRate;
    case "overdueTools":
      return row.overdueTools;
    case "inReview":
      return row.inReview;
    case "openObservations":
      return row.openObservations;
    default:
      return null;
  }
}

/**
 * Orders two rows by the sorting's column, ties by rank; rows without a value (no on-time rate
 * yet) go last whichever the direction.
 */
export function compareRows(a: RankingRow, b: RankingRow, sorting: Sorting): number {
  const x = sortValue(a, sorting.key);
  const y = sortValue(b, sorting.key);
  if (x === null || y === null) {
    return x === y ? a.rank - b.rank : x === null ? 1 : -1;
  }
  const order =
    typeof x === "number" && typeof y === "number"
      ? x - y
      : String(x).localeCompare(String(y), "es");
  return (sorting.descending ? -order : order) || a.rank - b.rank;
}

/**
 * The rows whose name (without accents or case) contains the search, or whose INEGI key starts
 * with it, in the chosen order. Does not change `rows`.
 */
export function rankingRows(
  rows: readonly RankingRow[],
  query: string,
  sorting: Sorting,
): RankingRow[] {
  const folded = foldForSearch(query);
  return rows
    .filter(
      (row) => !folded || foldForSearch(row.name).includes(folded) || row.cvegeo.startsWith(folded),
    )
    .sort((a, b) => compareRows(a, b, sorting));
}

/** Sorting by a column; the same column again flips the direction. Scores start high first. */
export function nextSorting(current: Sorting, key: SortKey, startDescending: boolean): Sorting {
  return current.key === key
    ? { key, descending: !current.descending }
    : { key, descending: startDescending };
}
