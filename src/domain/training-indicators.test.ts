import { describe, expect, it } from "vitest";
import { INDICATOR_BATTERY_2022, parsePeriodKey } from "./indicators.js";
import {
  REGISTER_INDICATORS,
  type RegisteredTraining,
  registerFigure,
  registerFigureBasis,
  registerMeasureOf,
  trainingsInPeriod,
} from "./training-indicators.js";

const period = (key: string) => {
  const found = parsePeriodKey(key);
  if (!found) {
    throw new Error(key);
  }
  return found;
};

const session = (toolCode: string, heldOn: string, peopleTrained: number, hours = 2) => ({
  toolCode,
  heldOn,
  peopleTrained,
  hours,
});

/** A register across the first quarter of 2026 and its edges, in R2 and R3 cycles. */
const REGISTER: RegisteredTraining[] = [
  session("R2", "2025-12-31", 50),
  session("R2", "2026-01-01", 12, 1.5),
  session("R3", "2026-02-14", 30, 3),
  session("R2", "2026-03-31", 8),
  session("R3", "2026-04-01", 40),
];

describe("which indicators the training register feeds", () => {
  it("maps sessions to IND08 and people trained to IND09, and nothing else", () => {
    expect(registerMeasureOf("IND08")).toBe("sessions");
    expect(registerMeasureOf("IND09")).toBe("peopleTrained");
    expect(
      INDICATOR_BATTERY_2022.filter((item) => registerMeasureOf(item.code) !== null).map(
        (item) => item.code,
      ),
    ).toEqual(["IND08", "IND09"]);
    expect(registerFigure("IND01", REGISTER, period("2026-T1"))).toBeNull();
  });

  it("feeds only indicators of the battery, all counts", () => {
    for (const code of Object.keys(REGISTER_INDICATORS)) {
      expect(INDICATOR_BATTERY_2022.find((item) => item.code === code)?.valueType).toBe("count");
    }
  });
});

describe("the sessions of a period", () => {
  it("takes the first and the last day of the period, not the day before or after", () => {
    expect(trainingsInPeriod(REGISTER, period("2026-T1")).map((s) => s.heldOn)).toEqual([
      "2026-01-01",
      "2026-02-14",
      "2026-03-31",
    ]);
  });

  it("follows the period's length: a month, a semester, a year", () => {
    expect(trainingsInPeriod(REGISTER, period("2026-02"))).toHaveLength(1);
    expect(trainingsInPeriod(REGISTER, period("2026-S1"))).toHaveLength(4);
    expect(trainingsInPeriod(REGISTER, period("2025"))).toHaveLength(1);
  });

  it("ignores sessions of a tool that keeps no register", () => {
    expect(trainingsInPeriod([session("C2", "2026-02-01", 5)], period("2026-T1"))).toEqual([]);
  });
});

describe("the register's figure", () => {
  it("counts the sessions of both tools for IND08, with its basis", () => {
    expect(registerFigure("IND08", REGISTER, period("2026-T1"))).toEqual({
      measure: "sessions",
      value: 3,
      sessions: 3,
      hours: 6.5,
      peopleTrained: 50,
      tools: ["R2", "R3"],
    });
  });

  it("adds up people session by session for IND09: the same person twice counts twice", () => {
    const twice = [session("R2", "2026-05-04", 10), session("R2", "2026-05-11", 10)];
    expect(registerFigure("IND09", twice, period("2026-T2"))).toMatchObject({
      measure: "peopleTrained",
      value: 20,
      sessions: 2,
      tools: ["R2"],
    });
    expect(registerFigure("IND09", REGISTER, period("2026-T2"))).toMatchObject({
      value: 40,
      tools: ["R3"],
    });
  });

  it("proposes no figure for a period without sessions, rather than a zero", () => {
    expect(registerFigure("IND08", REGISTER, period("2026-T3"))).toEqual({
      measure: "sessions",
      value: null,
      sessions: 0,
      hours: 0,
      peopleTrained: 0,
      tools: [],
    });
  });

  it("says what the figure rests on, and that people are not distinct", () => {
    const t1 = period("2026-T1");
    const people = registerFigure("IND09", REGISTER, t1);
    expect(people && registerFigureBasis(people, t1)).toBe(
      "Registro de capacitaciones: 3 sesiones de R2 y R3 del 01/01/2026 al 31/03/2026 (6.5 h, 50 personas). El dato es la suma de las personas capacitadas en cada sesión: quien asistió a dos sesiones cuenta dos veces (el registro no distingue personas).",
    );
    const one = registerFigure("IND08", [session("R3", "2026-02-01", 1)], period("2026-02"));
    expect(one && registerFigureBasis(one, period("2026-02"))).toBe(
      "Registro de capacitaciones: 1 sesión de R3 del 01/02/2026 al 28/02/2026 (2 h, 1 persona). El dato es el número de sesiones con fecha en el periodo.",
    );
    const none = registerFigure("IND08", REGISTER, period("2026-T3"));
    expect(none && registerFigureBasis(none, period("2026-T3"))).toBe(
      "El registro de capacitaciones (R2 y R3) no tiene sesiones con fecha del 01/07/2026 al 30/09/2026.",
    );
  });
});
