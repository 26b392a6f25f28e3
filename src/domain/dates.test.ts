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
  it("adds whole calendar months", () => {
    expect(addMonths("2022-11-16", 3)).toBe("2023-02-16");
    expect(addMonths("2022-11-16", 6)).toBe("2023-05-16");
    expect(addMonths("2022-11-16", 12)).toBe("2023-11-16");
    expect(addMonths("2022-11-16", 0)).toBe("2022-11-16");
  });

  it("clamps to the end of a shorter month", () => {
    expect(addMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(addMonths("2023-08-31", 1)).toBe("2023-09-30");
    expect(addMonths("2023-03-31", -1)).toBe("2023-02-28");
    expect(addMonths("2023-05-31", 6)).toBe("2023-11-30");
  });

  it("knows leap years, including the century rules", () => {
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(addMonths("2100-01-31", 1)).toBe("2100-02-28");
    expect(addMonths("2000-01-31", 1)).toBe("2000-02-29");
  });

  it("crosses year boundaries both ways", () => {
    expect(addMonths("2022-12-15", 1)).toBe("2023-01-15");
    expect(addMonths("2023-01-15", -1)).toBe("2022-12-15");
    expect(addMonths("2022-11-30", 27)).toBe("2025-02-28");
  });

  it("refuses fractional months and impossible dates", () => {
    expect(() => addMonths("2022-11-16", 1.5)).toThrow(RangeError);
    expect(() => addMonths("2023-02-29", 1)).toThrow(RangeError);
    expect(() => addMonths("16/11/2022", 1)).toThrow(RangeError);
  });
});

describe("dates", () => {
  it("validates calendar dates", () => {
    expect(isLocalDate("2024-02-29")).toBe(true);
    expect(isLocalDate("2023-02-29")).toBe(false);
    expect(isLocalDate("2023-13-01")).toBe(false);
    expect(isLocalDate("2023-1-01")).toBe(false);
    expect(parseLocalDate("2022-11-16")).toEqual({ year: 2022, month: 11, day: 16 });
  });

  it("counts days between dates, across leap days", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    expect(daysBetween("2023-03-01", "2023-02-28")).toBe(-1);
    expect(daysBetween("2022-11-16", "2023-11-16")).toBe(365);
  });

  it("takes today's date in Mexico City, not in UTC", () => {
    // 03:00 UTC on 1 March is still 29 February (21:00) in Mexico City (UTC-6, no DST since 2022).
    expect(localDateOf(new Date("2024-03-01T03:00:00Z"))).toBe("2024-02-29");
    expect(localDateOf(new Date("2024-03-01T07:00:00Z"))).toBe("2024-03-01");
  });

  it("orders ISO dates", () => {
    expect(compareDates("2023-01-02", "2023-01-10")).toBe(-1);
    expect(compareDates("2023-01-10", "2023-01-10")).toBe(0);
    expect(compareDates("2024-01-01", "2023-12-31")).toBe(1);
  });
});
