import { describe, expect, it } from "vitest";
import type { PeriodReport } from "../../../contracts/indicators.js";
import { INDICATOR_BATTERY_2022 } from "../../../domain/indicators.js";
import {
  adoptionRequest,
  choiceProblems,
  correctionRequest,
  initialChoices,
  initialValues,
  parseNumber,
  registerValueText,
  saveRequest,
  usesRegisterFigure,
  valueProblems,
} from "./forms";

const battery = INDICATOR_BATTERY_2022.slice(0, 3);

describe("reading typed numbers", () => {
  it("accepts thousands separators and decimals, and tells empty from wrong", () => {
    expect(parseNumber(" 1,234.5 ")).toBe(1234.5);
    expect(parseNumber("90")).toBe(90);
    expect(parseNumber("")).toBeNull();
    expect(parseNumber("noventa")).toBeNaN();
    expect(parseNumber("1.2.3")).toBeNaN();
  });
});

describe("the adoption form", () => {
  it("starts empty and asks a target or a reason for each indicator", () => {
    const rows = initialChoices(battery, null);
    expect(rows.map((r) => r.target)).toEqual(["", "", ""]);
    const problems = choiceProblems(battery, rows);
    expect(Object.keys(problems)).toEqual(["IND01", "IND02", "IND03"]);
  });

  it("sends targets as numbers and left-out indicators with their reason", () => {
    const rows = [
      { code: "IND01", target: "1,200", excluded: false, reason: "" },
      { code: "IND02", target: "95", excluded: false, reason: "" },
      { code: "IND03", target: "", excluded: true, reason: "Sin registro de fechas" },
    ];
    expect(choiceProblems(battery, rows)).toEqual({});
    expect(adoptionRequest(2026, rows, 1)).toEqual({
      startYear: 2026,
      expectedRevision: 1,
      choices: [
        { code: "IND01", target: 1200, excluded: false, exclusionReason: null },
        { code: "IND02", target: 95, excluded: false, exclusionReason: null },
        { code: "IND03", target: null, excluded: true, exclusionReason: "Sin registro de fechas" },
      ],
    });
    expect(
      choiceProblems(battery, [
        { ...rows[0], target: "mil" } as (typeof rows)[0],
        ...rows.slice(1),
      ]),
    ).toEqual({
      IND01: "Escriba la meta como número, p. ej. 1,250 o 87.5.",
    });
  });
});

describe("the period form", () => {
  const report = {
    instanceId: "x",
    revision: 2,
    period: {} as PeriodReport["period"],
    rows: [
      {
        code: "IND01",
        name: "Solicitudes",
        unit: "solicitudes",
        valueType: "count",
        direction: "higher",
        formula: "",
        target: 10,
        value: 12,
        note: null,
        light: "green",
        linkedValue: null,
        registerFigure: null,
        corrections: [],
      },
      {
        code: "IND12",
        name: "Índice",
        unit: "puntos",
        valueType: "score",
        direction: "higher",
        formula: "",
        target: 80,
        value: null,
        note: null,
        light: null,
        linkedValue: 76.5,
        registerFigure: null,
        corrections: [],
      },
    ],
  } satisfies PeriodReport;

  it("fills stored values, and the survey's index for a linked indicator", () => {
    expect(initialValues(report).map((r) => r.value)).toEqual(["12", "76.5"]);
  });

  it("names the values that do not fit their type and sends the rest", () => {
    const rows = [
      { code: "IND01", value: "12.5", note: "" },
      { code: "IND12", value: "", note: " sin encuesta " },
    ];
    expect(valueProblems(report, rows)).toEqual({
      IND01: "Escriba un número entero, sin decimales.",
    });
    expect(saveRequest(rows, 2)).toEqual({
      expectedRevision: 2,
      values: [
        { code: "IND01", value: 12.5, note: null },
        { code: "IND12", value: null, note: "sin encuesta" },
      ],
    });
  });

  it("corrects only the values typed as another number, keeping the sent note", () => {
    const rows = [
      { code: "IND01", value: "14", note: "" },
      { code: "IND12", value: "", note: "" },
    ];
    expect(correctionRequest(report, rows)).toEqual([{ code: "IND01", value: 14, note: null }]);
    expect(correctionRequest(report, [{ code: "IND01", value: "12", note: "" }])).toEqual([]);
  });
});

describe("the training register's figure in the period form", () => {
  const figure = {
    measure: "peopleTrained",
    value: 1250,
    sessions: 3,
    hours: 7.5,
    peopleTrained: 1250,
    tools: ["R2", "R3"],
  } satisfies PeriodReport["rows"][number]["registerFigure"];

  it("offers the figure as typed text, and nothing without one or without sessions", () => {
    expect(registerValueText({ registerFigure: figure })).toBe("1250");
    expect(registerValueText({ registerFigure: null })).toBeNull();
    expect(
      registerValueText({ registerFigure: { ...figure, value: null, sessions: 0, tools: [] } }),
    ).toBeNull();
  });

  it("tells whether the typed value is the register's, however it was written", () => {
    expect(usesRegisterFigure({ registerFigure: figure }, "1,250")).toBe(true);
    expect(usesRegisterFigure({ registerFigure: figure }, "1249")).toBe(false);
    expect(usesRegisterFigure({ registerFigure: figure }, "")).toBe(false);
    expect(usesRegisterFigure({ registerFigure: null }, "1250")).toBe(false);
  });
});
