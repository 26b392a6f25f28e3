import { afterEach, describe, expect, it, vi } from "vitest";
import { itWrites } from "../test/formatter-cases";
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatLocalDate,
  formatNumber,
  plural,
  todayLocalDate,
} from "./format";

afterEach(() => {
  vi.useRealTimers();
});

describe("formatDate", () => {
  itWrites(formatDate, [
    // dd/mm/aaaa.
    ["2022-11-16T18:00:00Z", "16/11/2022"],
    // The day in Mexico City, not in UTC nor in the machine's zone: 03:00 UTC is still the
    // evening before in Mexico City (UTC-6).
    ["2022-11-16T03:00:00Z", "15/11/2022"],
    ["2022-11-16T06:00:00Z", "16/11/2022"],
    // Mexico City dropped daylight saving time at the end of October 2022: 05:30 UTC is 00:30 in
    // July 2022 (UTC-5, summer time), 23:30 the day before in July 2023.
    ["2022-07-01T05:30:00Z", "01/07/2022"],
    ["2023-07-01T05:30:00Z", "30/06/2023"],
    // An empty string for a missing or unreadable date.
    [null, ""],
    [undefined, ""],
    ["", ""],
    ["no es fecha", ""],
  ]);
});

describe("formatDateTime", () => {
  itWrites(formatDateTime, [
    // dd/mm/aaaa HH:mm on a 24-hour clock in Mexico City.
    ["2022-11-16T15:30:00Z", "16/11/2022 09:30"],
    ["2022-11-17T05:59:00Z", "16/11/2022 23:59"],
    // Midnight is 00, not 24.
    ["2022-11-16T06:05:00Z", "16/11/2022 00:05"],
    // An empty string for a missing or unreadable moment.
    [null, ""],
    ["2022-13-45T99:00", ""],
  ]);
});

describe("formatLocalDate", () => {
  itWrites(formatLocalDate, [
    // A calendar date rewritten without moving it across a time zone.
    ["2022-11-16", "16/11/2022"],
    ["2023-01-01", "01/01/2023"],
    // An empty string for anything but aaaa-mm-dd.
    [null, ""],
    ["2022-11-16T00:00:00Z", ""],
    ["16/11/2022", ""],
  ]);
});

describe("todayLocalDate", () => {
  it("is today in Mexico City as aaaa-mm-dd, for date inputs", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-03T18:00:00Z"));
    expect(todayLocalDate()).toBe("2026-12-03");
  });

  it("is still yesterday in Mexico City shortly after midnight UTC", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2027-01-01T02:00:00Z"));
    expect(todayLocalDate()).toBe("2026-12-31");
  });
});

describe("formatNumber", () => {
  itWrites(formatNumber, [
    // Thousands grouped as es-MX does.
    [1234567.5, "1,234,567.5"],
    [0, "0"],
    // A dash for a missing number.
    [null, "—"],
    [undefined, "—"],
  ]);
});

describe("plural", () => {
  it("uses the singular for one only", () => {
    expect(plural(1, "herramienta", "herramientas")).toBe("1 herramienta");
    expect(plural(0, "herramienta", "herramientas")).toBe("0 herramientas");
    expect(plural(1500, "municipio", "municipios")).toBe("1,500 municipios");
  });
});

describe("formatBytes", () => {
  itWrites(formatBytes, [
    // Small files in whole kB, never 0 kB.
    [100, "1 kB"],
    [120 * 1024, "120 kB"],
    // From 1 MB, with one decimal.
    [1024 * 1024, "1 MB"],
    [2.44 * 1024 * 1024, "2.4 MB"],
    [25 * 1024 * 1024, "25 MB"],
    // Never 1,024 kB for a file just under 1 MB.
    [1024 * 1023.6, "1 MB"],
    [1024 * 1023.4, "1,023 kB"],
  ]);
});
