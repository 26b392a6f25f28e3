import { describe, expect, it } from "vitest";
import { formatDuration, formatLocalDateTime, formatRate } from "./labels";

describe("formatDuration", () => {
  it("writes minutes alone under an hour", () => {
    expect(formatDuration(45)).toBe("45 min");
    expect(formatDuration(15)).toBe("15 min");
  });

  it("writes whole hours without minutes", () => {
    expect(formatDuration(120)).toBe("2 h");
    expect(formatDuration(24 * 60)).toBe("24 h");
  });

  it("writes hours and minutes", () => {
    expect(formatDuration(90)).toBe("1 h 30 min");
    expect(formatDuration(61)).toBe("1 h 1 min");
  });
});

describe("formatRate", () => {
  it("turns a rate from 0 to 1 into a whole percentage", () => {
    expect(formatRate(0.25)).toBe("25 %");
    expect(formatRate(2 / 3)).toBe("67 %");
    expect(formatRate(0)).toBe("0 %");
    expect(formatRate(1)).toBe("100 %");
  });

  it("shows a dash when nothing was measured", () => {
    expect(formatRate(null)).toBe("—");
  });
});

describe("formatLocalDateTime", () => {
  it("writes an action's local date and time as dd/mm/aaaa HH:MM, without shifting zones", () => {
    expect(formatLocalDateTime("2022-11-16", "10:00")).toBe("16/11/2022 10:00");
    expect(formatLocalDateTime("2023-01-01", "00:30")).toBe("01/01/2023 00:30");
  });
});
