import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHECK_EVERY_MS,
  DAILY_RUN_OFFSET_MINUTES,
  nextCheckAt,
  nextLocalDate,
  startOfLocalDay,
  zoneOffsetMs,
} from "./daily-schedule.js";
import { localDateOf } from "./dates.js";

const MX = "America/Mexico_City";

describe("zoneOffsetMs", () => {
  it("is -6 h in Mexico City (no daylight saving since 2022) and 0 in UTC", () => {
    expect(zoneOffsetMs(new Date("2025-01-15T12:00:00Z"), MX)).toBe(-6 * 3_600_000);
    expect(zoneOffsetMs(new Date("2025-07-15T12:00:00Z"), MX)).toBe(-6 * 3_600_000);
    expect(zoneOffsetMs(new Date("2025-07-15T12:00:00Z"), "UTC")).toBe(0);
  });

  it("follows daylight saving where a zone has it", () => {
    expect(zoneOffsetMs(new Date("2025-01-15T12:00:00Z"), "America/New_York")).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(new Date("2025-07-15T12:00:00Z"), "America/New_York")).toBe(-4 * 3_600_000);
  });
});

describe("startOfLocalDay", () => {
  it("is 06:00 UTC for a day in Mexico City", () => {
    expect(startOfLocalDay("2025-03-10", MX).toISOString()).toBe("2025-03-10T06:00:00.000Z");
  });

  it("handles a day on which the clock changes", () => {
    // New York springs forward on 09/03/2025 at 02:00: the day still starts at 05:00 UTC.
    expect(startOfLocalDay("2025-03-09", "America/New_York").toISOString()).toBe(
      "2025-03-09T05:00:00.000Z",
    );
    expect(startOfLocalDay("2025-03-10", "America/New_York").toISOString()).toBe(
      "2025-03-10T04:00:00.000Z",
    );
  });

  it("is the first instant of that local date (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (offset) => {
        const day = localDateOf(new Date(Date.UTC(2020, 0, 1 + offset, 12)), MX);
        const start = startOfLocalDay(day, MX);
        expect(localDateOf(start, MX)).toBe(day);
        expect(localDateOf(new Date(start.getTime() - 1), MX)).not.toBe(day);
      }),
    );
  });
});

describe("nextLocalDate", () => {
  it.each([
    ["2025-01-31", "2025-02-01"],
    ["2024-02-28", "2024-02-29"],
    ["2024-12-31", "2025-01-01"],
  ] as const)("crosses months, years and 29 February: %s is followed by %s", (date, next) => {
    expect(nextLocalDate(date)).toBe(next);
  });
});

describe("nextCheckAt", () => {
  it("waits until 00:05 in Mexico City when that comes within the hour", () => {
    // 23:30 local (05:30 UTC) → 00:05 local (06:05 UTC).
    expect(nextCheckAt(new Date("2025-03-10T05:30:00Z"), MX).toISOString()).toBe(
      `2025-03-10T06:0${DAILY_RUN_OFFSET_MINUTES}:00.000Z`,
    );
  });

  it("otherwise checks again in an hour", () => {
    const now = new Date("2025-03-10T15:00:00Z");
    expect(nextCheckAt(now, MX).getTime()).toBe(now.getTime() + CHECK_EVERY_MS);
  });

  it("right after the daily start, the next start is tomorrow's (so checks hourly)", () => {
    const now = new Date("2025-03-10T06:05:00Z");
    expect(nextCheckAt(now, MX).getTime()).toBe(now.getTime() + CHECK_EVERY_MS);
  });

  it("is always in the future and at most an hour away (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 * 24 * 60 }), (minutes) => {
        const now = new Date(Date.UTC(2024, 0, 1) + minutes * 60_000);
        const next = nextCheckAt(now, MX).getTime();
        expect(next).toBeGreaterThan(now.getTime());
        expect(next - now.getTime()).toBeLessThanOrEqual(CHECK_EVERY_MS);
      }),
    );
  });
});
