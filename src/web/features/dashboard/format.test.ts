import { describe } from "vitest";
import { itWrites } from "../../test/formatter-cases";
import { formatDays, formatPercent } from "./format";

describe("formatPercent", () => {
  itWrites(formatPercent, [
    // Always one decimal, as the report card and the exports do.
    [41.666, "41.7 %"],
    [0, "0.0 %"],
    [100, "100.0 %"],
    // A dash when there is no figure (a municipality without an agreement).
    [null, "—"],
    [undefined, "—"],
  ]);
});

describe("formatDays", () => {
  itWrites(formatDays, [
    // «día» for one and «días» otherwise.
    [1, "1 día"],
    [0, "0 días"],
    [3, "3 días"],
    // Rounded to one decimal before choosing the word.
    [0.96, "1 día"],
    [2.25, "2.3 días"],
    // Thousands grouped; a dash without a figure.
    [1000, "1,000 días"],
    [null, "—"],
  ]);
});
