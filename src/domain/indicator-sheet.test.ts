import { describe, expect, it } from "vitest";
import {
  planSheetImport,
  type SheetPeriod,
  type SheetRow,
  sheetChangesByPeriod,
  sheetNumber,
} from "./indicator-sheet.js";
import { type AdoptedIndicator, INDICATOR_BATTERY_2022, parsePeriodKey } from "./indicators.js";

const items: AdoptedIndicator[] = INDICATOR_BATTERY_2022.map((item) => ({
  ...item,
  target: 10,
  excluded: false,
  exclusionReason: null,
}));

const period = (key: string) => {
  const parsed = parsePeriodKey(key);
  if (!parsed) {
    throw new Error(key);
  }
  return parsed;
};

const periods: SheetPeriod[] = [
  {
    period: period("2026-T1"),
    submitted: true,
    values: new Map([["IND01", { value: 5, note: null }]]),
  },
  {
    period: period("2026-T2"),
    submitted: false,
    values: new Map([
      ["IND01", { value: 7, note: null }],
      ["IND02", { value: 50, note: "previa" }],
    ]),
  },
  { period: period("2026-S1"), submitted: false, values: new Map() },
];

const row = (n: number, periodKey: unknown, code: unknown, value: unknown, note: unknown = null) =>
  ({ row: n, period: periodKey, code, value, note }) satisfies SheetRow;

describe("sheetNumber", () => {
  it("reads numbers, decimal commas and points, and empty cells", () => {
    expect(sheetNumber(12)).toBe(12);
    expect(sheetNumber("12,5")).toBe(12.5);
    expect(sheetNumber(" 3.25 ")).toBe(3.25);
    expect(sheetNumber("")).toBeNull();
    expect(sheetNumber(null)).toBeNull();
    expect(sheetNumber("doce")).toBe("invalid");
    expect(sheetNumber(Number.NaN)).toBe("invalid");
    expect(sheetNumber("1e5")).toBe("invalid");
  });
});

describe("planSheetImport", () => {
  it("says per row whether it is new, changed, the same or empty", () => {
    const plan = planSheetImport(items, periods, [
      row(2, "2026-T2", "IND01", 7),
      row(3, "2026-t2", "ind02", 60, "corregido"),
      row(4, "2026-T2", "IND03", "4,5"),
      row(5, "2026-T2", "IND04", null),
    ]);
    expect(plan.map((p) => p.change)).toEqual(["same", "changed", "new", "empty"]);
    expect(plan[1]).toMatchObject({ before: 50, after: 60, note: "corregido", code: "IND02" });
    expect(plan[2]).toMatchObject({ before: null, after: 4.5 });
    expect(plan.every((p) => p.message === null)).toBe(true);
  });

  it("counts a changed note as a change", () => {
    const [plan] = planSheetImport(items, periods, [row(2, "2026-T2", "IND02", 50, "otra")]);
    expect(plan?.change).toBe("changed");
  });

  it("refuses unknown periods, indicators of another periodicity, repeats and bad values", () => {
    const plan = planSheetImport(items, periods, [
      row(2, "2030-T1", "IND01", 1),
      row(3, "2026-T2", "IND06", 1),
      row(4, "2026-T2", "IND99", 1),
      row(5, "2026-T2", "IND01", 8),
      row(6, "2026-T2", "IND01", 9),
      row(7, "2026-T2", "IND02", 140),
      row(8, "2026-T2", "IND03", "pronto"),
      row(9, "2026-T2", "IND04", 1.5),
      row(10, "2026-T2", "IND05", 1, "x".repeat(501)),
      row(11, "", "", 1),
    ]);
    expect(plan.map((p) => p.change)).toEqual([
      "error",
      "error",
      "error",
      "changed",
      "error",
      "error",
      "error",
      "error",
      "error",
      "error",
    ]);
    expect(plan[0]?.message).toContain("2030-T1");
    expect(plan[1]?.message).toContain("no se reporta en");
    expect(plan[4]?.message).toContain("más de una fila");
    expect(plan[5]?.message).toContain("mayor que 100");
    expect(plan[6]?.message).toContain("Escriba un número");
    expect(plan[7]?.message).toContain("entero");
    expect(plan[8]?.message).toContain("500 caracteres");
    expect(plan[9]?.message).toContain("(vacío)");
  });

  it("refuses a value for a sent period but lets an empty row of it pass", () => {
    const plan = planSheetImport(items, periods, [
      row(2, "2026-T1", "IND01", 6),
      row(3, "2026-T1", "IND02", ""),
    ]);
    expect(plan[0]).toMatchObject({ change: "error" });
    expect(plan[0]?.message).toContain("ya se envió");
    expect(plan[1]).toMatchObject({ change: "empty", before: null });
  });
});

describe("sheetChangesByPeriod", () => {
  it("keeps only new and changed values, grouped by period", () => {
    const plan = planSheetImport(items, periods, [
      row(2, "2026-T2", "IND01", 7),
      row(3, "2026-T2", "IND02", 60),
      row(4, "2026-S1", "IND06", 3),
      row(5, "2026-T2", "IND03", null),
    ]);
    expect(Object.fromEntries(sheetChangesByPeriod(plan))).toEqual({
      "2026-T2": [{ code: "IND02", value: 60, note: null }],
      "2026-S1": [{ code: "IND06", value: 3, note: null }],
    });
  });
});
