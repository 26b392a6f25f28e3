import { afterEach, describe, expect, it, vi } from "vitest";
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
  it("writes dd/mm/aaaa", () => {
    expect(formatDate("2022-11-16T18:00:00Z")).toBe("16/11/2022");
  });

  it("reads the day in Mexico City, not in UTC nor in the machine's zone", () => {
    // 03:00 UTC is still the evening before in Mexico City (UTC-6).
    expect(formatDate("2022-11-16T03:00:00Z")).toBe("15/11/2022");
    expect(formatDate("2022-11-16T06:00:00Z")).toBe("16/11/2022");
  });

  it("knows Mexico City dropped daylight saving time at the end of October 2022", () => {
    // 05:30 UTC: 00:30 in July 2022 (UTC-5, summer time), 23:30 the day before in July 2023.
    expect(formatDate("2022-07-01T05:30:00Z")).toBe("01/07/2022");
    expect(formatDate("2023-07-01T05:30:00Z")).toBe("30/06/2023");
  });

  it("gives an empty string for a missing or unreadable date", () => {
    expect(formatDate(null)).toBe("");
    expect(formatDate(undefined)).toBe("");
    expect(formatDate("")).toBe("");
    expect(formatDate("no es fecha")).toBe("");
  });
});

describe("formatDateTime", () => {
  it("writes dd/mm/aaaa HH:mm on a 24-hour clock in Mexico City", () => {
    expect(formatDateTime("2022-11-16T15:30:00Z")).toBe("16/11/2022 09:30");
    expect(formatDateTime("2022-11-17T05:59:00Z")).toBe("16/11/2022 23:59");
  });

  it("writes midnight as 00, not 24", () => {
    expect(formatDateTime("2022-11-16T06:05:00Z")).toBe("16/11/2022 00:05");
  });

  it("gives an empty string for a missing or unreadable moment", () => {
    expect(formatDateTime(null)).toBe("");
    expect(formatDateTime("2022-13-45T99:00")).toBe("");
  });
});

describe("formatLocalDate", () => {
  it("rewrites a calendar date without moving it across a time zone", () => {
    expect(formatLocalDate("2022-11-16")).toBe("16/11/2022");
    expect(formatLocalDate("2023-01-01")).toBe("01/01/2023");
  });

  it("gives an empty string for anything but aaaa-mm-dd", () => {
    expect(formatLocalDate(null)).toBe("");
    expect(formatLocalDate("2022-11-16T00:00:00Z")).toBe("");
    expect(formatLocalDate("16/11/2022")).toBe("");
  });
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

describe("formatNumber and plural", () => {
  it("groups thousands as es-MX does", () => {
    expect(formatNumber(1234567.5)).toBe("1,234,567.5");
    expect(formatNumber(0)).toBe("0");
  });

  it("shows a dash for a missing number", () => {
    expect(formatNumber(null)).toBe("—");
    expect(formatNumber(undefined)).toBe("—");
  });

  it("uses the singular for one only", () => {
    expect(plural(1, "herramienta", "herramientas")).toBe("1 herramienta");
    expect(plural(0, "herramienta", "herramientas")).toBe("0 herramientas");
    expect(plural(1500, "municipio", "municipios")).toBe("1,500 municipios");
  });
});

describe("formatBytes", () => {
  it("writes small files in whole kB, never 0 kB", () => {
    expect(formatBytes(100)).toBe("1 kB");
    expect(formatBytes(120 * 1024)).toBe("120 kB");
  });

  it("writes files from 1 MB with one decimal", () => {
    expect(formatBytes(1024 * 1024)).toBe("1 MB");
    expect(formatBytes(2.44 * 1024 * 1024)).toBe("2.4 MB");
    expect(formatBytes(25 * 1024 * 1024)).toBe("25 MB");
  });

  it("never writes 1,024 kB for a file just under 1 MB", () => {
    expect(formatBytes(1024 * 1023.6)).toBe("1 MB");
    expect(formatBytes(1024 * 1023.4)).toBe("1,023 kB");
  });
});
