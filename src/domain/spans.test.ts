import { describe, expect, it } from "vitest";
import {
  calendarSpan,
  describeDeadline,
  describeDeadlineByDaysLeft,
  describeSpan,
} from "./spans.js";

describe("calendarSpan", () => {
  it("counts whole months first, then the days left over, in either order", () => {
    expect(calendarSpan("2022-11-16", "2026-08-20")).toEqual({ years: 3, months: 9, days: 4 });
    expect(calendarSpan("2026-08-20", "2022-11-16")).toEqual({ years: 3, months: 9, days: 4 });
    expect(calendarSpan("2026-01-10", "2026-02-09")).toEqual({ years: 0, months: 0, days: 30 });
    expect(calendarSpan("2026-01-10", "2026-02-10")).toEqual({ years: 0, months: 1, days: 0 });
    expect(calendarSpan("2026-03-03", "2026-03-03")).toEqual({ years: 0, months: 0, days: 0 });
  });

  it("counts a month from the end of a longer month as the months are added", () => {
    expect(calendarSpan("2023-01-31", "2023-02-28")).toEqual({ years: 0, months: 1, days: 0 });
    expect(calendarSpan("2024-01-31", "2024-03-01")).toEqual({ years: 0, months: 1, days: 1 });
    expect(calendarSpan("2024-02-29", "2025-02-28")).toEqual({ years: 1, months: 0, days: 0 });
  });
});

describe("describeSpan", () => {
  it("says days under a month, months and days under a year, years and months after", () => {
    expect(describeSpan({ years: 0, months: 0, days: 1 })).toBe("1 día");
    expect(describeSpan({ years: 0, months: 0, days: 12 })).toBe("12 días");
    expect(describeSpan({ years: 0, months: 1, days: 0 })).toBe("1 mes");
    expect(describeSpan({ years: 0, months: 1, days: 5 })).toBe("1 mes y 5 días");
    expect(describeSpan({ years: 0, months: 2, days: 1 })).toBe("2 meses y 1 día");
    expect(describeSpan({ years: 1, months: 0, days: 20 })).toBe("1 año");
    expect(describeSpan({ years: 3, months: 9, days: 4 })).toBe("3 años y 9 meses");
    expect(describeSpan({ years: 2, months: 1, days: 0 })).toBe("2 años y 1 mes");
  });
});

describe("describeDeadline", () => {
  it.each([
    // A deadline of today.
    ["2026-05-10", "2026-05-10", "Vence hoy"],
    // How long ago a deadline passed.
    ["2026-05-09", "2026-05-10", "Vencida hace 1 día"],
    ["2026-04-28", "2026-05-10", "Vencida hace 12 días"],
    ["2026-04-05", "2026-05-10", "Vencida hace 1 mes y 5 días"],
    ["2026-03-10", "2026-05-10", "Vencida hace 2 meses"],
    // 1,386 days.
    ["2022-11-16", "2026-09-02", "Vencida hace 3 años y 9 meses"],
    // How long is left, one thing left in the singular.
    ["2026-05-11", "2026-05-10", "Falta 1 día"],
    ["2026-05-22", "2026-05-10", "Faltan 12 días"],
    ["2026-06-10", "2026-05-10", "Falta 1 mes"],
    ["2026-06-15", "2026-05-10", "Faltan 1 mes y 5 días"],
    ["2028-07-10", "2026-05-10", "Faltan 2 años y 2 meses"],
  ])("says a deadline of %s as of %s: %s", (deadline, today, said) => {
    expect(describeDeadline(deadline, today)).toBe(said);
  });

  it.each([
    ["2022-11-16", -1386, "Vencida hace 3 años y 9 meses"],
    ["2026-05-10", 0, "Vence hoy"],
    ["2026-05-22", 12, "Faltan 12 días"],
  ] as const)(
    "counts from the day the server counted its days left from: %s, %i days left",
    (deadline, left, said) => {
      expect(describeDeadlineByDaysLeft(deadline, left)).toBe(said);
    },
  );
});
