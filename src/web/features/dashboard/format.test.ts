import { describe, expect, it } from "vitest";
import { formatDays, formatPercent } from "./format";

describe("formatPercent", () => {
  it("always shows one decimal, as the report card and the exports do", () => {
    expect(formatPercent(41.666)).toBe("41.7 %");
    expect(formatPercent(0)).toBe("0.0 %");
    expect(formatPercent(100)).toBe("100.0 %");
  });

  it("shows a dash when there is no figure (a municipality without an agreement)", () => {
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(undefined)).toBe("—");
  });
});

describe("formatDays", () => {
  it("says «día» for one and «días» otherwise", () => {
    expect(formatDays(1)).toBe("1 día");
    expect(formatDays(0)).toBe("0 días");
    expect(formatDays(3)).toBe("3 días");
  });

  it("rounds to one decimal before choosing the word", () => {
    expect(formatDays(0.96)).toBe("1 día");
    expect(formatDays(2.25)).toBe("2.3 días");
  });

  it("groups thousands and shows a dash without a figure", () => {
    expect(formatDays(1000)).toBe("1,000 días");
    expect(formatDays(null)).toBe("—");
  });
});
