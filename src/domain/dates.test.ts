import { describe, expect, it } from "vitest";
import {
  addMonths,
  compareDates,
  daysBetween,
  isLocalDate,
  localDateOf,
  parseLocalDate,
} from "./dates.js";

describe("addMonths", () => {
  it.each([
    // Whole calendar months.
    ["2022-11-16", 3, "2023-02-16"],
    ["2022-11-16", 6, "2023-05-16"],
    ["2022-11-16", 12, "2023-11-16"],
    ["2022-11-16", 0, "2022-11-16"],
    // Clamped to the end of a shorter month.
    ["2023-01-31", 1, "2023-02-28"],
    ["2023-08-31", 1, "2023-09-30"],
    ["2023-03-31", -1, "2023-02-28"],
    ["2023-05-31", 6, "2023-11-30"],
    // Leap years, including the century rules.
    ["2024-01-31", 1, "2024-02-29"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-02-29", 48, "2028-02-29"],
    ["2100-01-31", 1, "2100-02-28"],
    ["2000-01-31", 1, "2000-02-29"],
    // Across year boundaries both ways.
    ["2022-12-15", 1, "2023-01-15"],
    ["2023-01-15", -1, "2022-12-15"],
    ["2022-11-30", 27, "2025-02-28"],
  ] as const)("adds to %s %i months: %s", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ["2022-11-16", 1.5],
    ["2023-02-29", 1],
    ["16/11/2022", 1],
  ] as const)("refuses fractional months and impossible dates (%s, %d)", (date, months) => {
    expect(() => addMonths(date, months)).toThrow(RangeError);
  });
});

describe("dates", () => {
  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2023-13-01", false],
    ["2023-1-01", false],
  ] as const)("validates the calendar date %s: %s", (date, valid) => {
    expect(isLocalDate(date)).toBe(valid);
  });

  it("parses a calendar date", () => {
    expect(parseLocalDate("2022-11-16")).toEqual({ year: 2022, month: 11, day: 16 });
  });

  it.each([
    ["2024-02-28", "2024-03-01", 2],
    ["2023-02-28", "2023-03-01", 1],
    ["2023-03-01", "2023-02-28", -1],
    ["2022-11-16", "2023-11-16", 365],
  ] as const)("counts days between dates, across leap days: %s to %s is %i", (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it("takes today's date in Mexico City, not in UTC", () => {
    // 03:00 UTC on 1 March is still 29 February (21:00) in Mexico City (UTC-6, no DST since 2022).
    expect(localDateOf(new Date("2024-03-01T03:00:00Z"))).toBe("2024-02-29");
    expect(localDateOf(new Date("2024-03-01T07:00:00Z"))).toBe("2024-03-01");
  });

  it.each([
    ["2023-01-02", "2023-01-10", -1],
    ["2023-01-10", "2023-01-10", 0],
    ["2024-01-01", "2023-12-31", 1],
  ] as const)("orders ISO dates: %s against %s is %i", (a, b, order) => {
    expect(compareDates(a, b)).toBe(order);
  });
});
