import { describe, expect, it } from "vitest";
import { offsetMinutes, transitions, vtimezone, zonedDateTime } from "./time-zone.js";

const MX = "America/Mexico_City";

describe("offsetMinutes", () => {
  it("knows Mexico City's offsets before and after daylight saving time ended in 2022", () => {
    expect(offsetMinutes(MX, Date.UTC(2022, 5, 15))).toBe(-300);
    expect(offsetMinutes(MX, Date.UTC(2022, 11, 15))).toBe(-360);
    expect(offsetMinutes(MX, Date.UTC(2024, 5, 15))).toBe(-360);
    expect(offsetMinutes("UTC", Date.UTC(2024, 5, 15))).toBe(0);
    expect(offsetMinutes("Asia/Kolkata", Date.UTC(2024, 5, 15))).toBe(330);
  });
});

describe("transitions", () => {
  it("finds the 2022 changes to the minute, and none since", () => {
    expect(transitions(MX, Date.UTC(2022, 0, 1), Date.UTC(2023, 0, 1))).toEqual([
      // 3 Apr 2022, 02:00 CST = 08:00 UTC; 30 Oct 2022, 02:00 CDT = 07:00 UTC.
      { at: Date.UTC(2022, 3, 3, 8), from: -360, to: -300 },
      { at: Date.UTC(2022, 9, 30, 7), from: -300, to: -360 },
    ]);
    expect(transitions(MX, Date.UTC(2023, 0, 1), Date.UTC(2027, 0, 1))).toEqual([]);
  });
});

describe("vtimezone", () => {
  it("writes one observance for a zone without changes in the range", () => {
    expect(vtimezone(MX, 2024, 2025).split("\r\n")).toEqual([
      "BEGIN:VTIMEZONE",
      "TZID:America/Mexico_City",
      "X-LIC-LOCATION:America/Mexico_City",
      "BEGIN:STANDARD",
      "DTSTART:20240101T000000",
      "TZOFFSETFROM:-0600",
      "TZOFFSETTO:-0600",
      "END:STANDARD",
      "END:VTIMEZONE",
    ]);
  });

  it("writes each change with its local onset and labels the higher offset daylight time", () => {
    const lines = vtimezone(MX, 2022, 2022).split("\r\n");
    expect(lines.slice(3)).toEqual([
      "BEGIN:STANDARD",
      "DTSTART:20220101T000000",
      "TZOFFSETFROM:-0600",
      "TZOFFSETTO:-0600",
      "END:STANDARD",
      "BEGIN:DAYLIGHT",
      "DTSTART:20220403T020000",
      "TZOFFSETFROM:-0600",
      "TZOFFSETTO:-0500",
      "END:DAYLIGHT",
      "BEGIN:STANDARD",
      "DTSTART:20221030T020000",
      "TZOFFSETFROM:-0500",
      "TZOFFSETTO:-0600",
      "END:STANDARD",
      "END:VTIMEZONE",
    ]);
  });
});

describe("zonedDateTime", () => {
  it("gives the wall-clock fields of an instant in the zone, whatever the process's zone", () => {
    const noon = zonedDateTime(new Date("2024-01-10T18:00:00Z"), MX);
    expect(noon).toMatchObject({ year: 2024, month: 1, day: 10, hour: 12, minute: 0, second: 0 });
    expect(noon.timeZoneId).toBe(MX);
    expect(noon.toPlainDateTime().toString()).toBe("2024-01-10T12:00:00");
    expect(noon.toInstant().epochMilliseconds).toBe(Date.UTC(2024, 0, 10, 18));
    const summer = zonedDateTime(new Date("2022-06-15T04:30:00Z"), MX);
    expect(summer).toMatchObject({ year: 2022, month: 6, day: 14, hour: 23, minute: 30 });
  });
});
