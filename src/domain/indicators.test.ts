import { describe, expect, it } from "vitest";
import {
  adoptionProblems,
  correctionReasonProblem,
  INDICATOR_BATTERY_2022,
  indicatorBattery,
  indicatorValueProblem,
  needsReportReminder,
  parsePeriodKey,
  periodicitiesOf,
  periodOf,
  periodStanding,
  quartileStanding,
  regionalComparison,
  reportablePeriods,
  reportReminderKey,
  showsRegion,
  startYearProblem,
  submitPeriodProblem,
  trafficLight,
} from "./indicators.js";

const byCode = (code: string) => {
  const found = INDICATOR_BATTERY_2022.find((item) => item.code === code);
  if (!found) {
    throw new Error(code);
  }
  return found;
};

describe("the 2022 battery", () => {
  it("has twelve indicators with distinct codes, each fully described", () => {
    const battery = indicatorBattery(1);
    expect(battery).toHaveLength(12);
    expect(new Set(battery.map((item) => item.code)).size).toBe(12);
    for (const item of battery) {
      expect(
        item.name && item.definition && item.formula && item.unit && item.sourceText,
      ).toBeTruthy();
    }
  });

  it("links the satisfaction index to the M1 survey, yearly", () => {
    const linked = INDICATOR_BATTERY_2022.filter((item) => item.source === "survey");
    expect(linked.map((item) => [item.code, item.periodicity])).toEqual([["IND12", "yearly"]]);
  });

  it("uses quarterly, semester and yearly periods", () => {
    expect(periodicitiesOf(INDICATOR_BATTERY_2022)).toEqual(["quarterly", "semester", "yearly"]);
  });
});

describe("periods", () => {
  it("reads each kind of key and refuses others", () => {
    expect(parsePeriodKey("2024-T2")).toMatchObject({
      periodicity: "quarterly",
      startsOn: "2024-04-01",
      endsOn: "2024-06-30",
      dueOn: "2024-07-30",
      label: "2.º trimestre 2024",
    });
    expect(parsePeriodKey("2024-02")).toMatchObject({
      endsOn: "2024-02-29",
      label: "febrero 2024",
    });
    expect(parsePeriodKey("2023-S2")).toMatchObject({
      startsOn: "2023-07-01",
      endsOn: "2023-12-31",
    });
    expect(parsePeriodKey("2023")).toMatchObject({ periodicity: "yearly", dueOn: "2024-01-30" });
    for (const bad of ["2024-T5", "2024-13", "2024-S3", "24-T1", "2024-Q1", ""]) {
      expect(parsePeriodKey(bad)).toBeNull();
    }
  });

  it("finds the period of a date", () => {
    expect(periodOf("quarterly", "2024-11-15").key).toBe("2024-T4");
    expect(periodOf("semester", "2024-06-30").key).toBe("2024-S1");
  });

  it("lists only the periods that have ended, from the first year", () => {
    expect(reportablePeriods("quarterly", 2024, "2024-10-01").map((p) => p.key)).toEqual([
      "2024-T1",
      "2024-T2",
      "2024-T3",
    ]);
    expect(reportablePeriods("quarterly", 2024, "2024-09-30").map((p) => p.key)).toEqual([
      "2024-T1",
      "2024-T2",
    ]);
    expect(reportablePeriods("yearly", 2024, "2024-12-31")).toEqual([]);
  });

  it("stands pending until 30 days after it ends, then late; reported late after that day", () => {
    const period = parsePeriodKey("2024-T1");
    if (!period) {
      throw new Error();
    }
    expect(periodStanding(period, null, "2024-04-30")).toBe("pending");
    expect(periodStanding(period, null, "2024-05-01")).toBe("late");
    expect(periodStanding(period, "2024-04-30", "2024-06-01")).toBe("submitted");
    expect(periodStanding(period, "2024-05-01", "2024-06-01")).toBe("submitted_late");
  });

  it("reminds a week before it is due and while late, once a week", () => {
    const period = parsePeriodKey("2024-T1");
    if (!period) {
      throw new Error();
    }
    expect(needsReportReminder(period, false, "2024-04-22")).toBe(false);
    expect(needsReportReminder(period, false, "2024-04-23")).toBe(true);
    expect(needsReportReminder(period, true, "2024-05-10")).toBe(false);
    expect(reportReminderKey("a", period, "2024-04-23")).toBe(
      reportReminderKey("a", period, "2024-04-30"),
    );
    const late = ["2024-05-01", "2024-05-02", "2024-05-20"].map((d) =>
      reportReminderKey("a", period, d),
    );
    expect(new Set(late).size).toBeGreaterThan(1);
    expect(late[0]).not.toBe(reportReminderKey("a", period, "2024-04-30"));
  });
});

describe("values", () => {
  it("checks each type's range, wholeness and decimals in Spanish", () => {
    const count = byCode("IND01");
    const percent = byCode("IND02");
    const days = byCode("IND03");
    expect(indicatorValueProblem(count, 12)).toBeNull();
    expect(indicatorValueProblem(count, 1.5)).toBe("Escriba un número entero, sin decimales.");
    expect(indicatorValueProblem(count, -1)).toBe("El valor no puede ser negativo.");
    expect(indicatorValueProblem(count, "3")).toBe("Escriba un número.");
    expect(indicatorValueProblem(count, Number.NaN)).toBe("Escriba un número.");
    expect(indicatorValueProblem(percent, 100)).toBeNull();
    expect(indicatorValueProblem(percent, 100.5)).toBe("El valor no puede ser mayor que 100 (%).");
    expect(indicatorValueProblem(days, 4.25)).toBeNull();
    expect(indicatorValueProblem(days, 4.255)).toBe("Use a lo más dos decimales.");
    expect(indicatorValueProblem(days, 400)).toMatch(/mayor que 365/);
  });

  it("asks a target for each adopted indicator and a reason for each left out", () => {
    const battery = INDICATOR_BATTERY_2022.slice(0, 3);
    const ok = [
      { code: "IND01", target: 100, excluded: false, exclusionReason: null },
      { code: "IND02", target: 90, excluded: false, exclusionReason: null },
      { code: "IND03", target: null, excluded: true, exclusionReason: "Sin sistema de registro" },
    ];
    expect(adoptionProblems(battery, ok)).toEqual([]);
    const problems = adoptionProblems(battery, [
      { code: "IND01", target: null, excluded: false, exclusionReason: null },
      { code: "IND02", target: 120, excluded: false, exclusionReason: null },
      { code: "IND09", target: 1, excluded: false, exclusionReason: null },
      { code: "IND01", target: 1, excluded: false, exclusionReason: null },
    ]);
    expect(problems.map((p) => p.field)).toEqual(["IND01", "IND02", "IND09", "IND01", "IND03"]);
    expect(problems[1]?.message).toMatch(/^Meta de «Solicitudes respondidas/);
    const none = battery.map((item) => ({
      code: item.code,
      target: null,
      excluded: true,
      exclusionReason: "No aplica",
    }));
    expect(adoptionProblems(battery, none)).toEqual([
      { field: "battery", message: "Adopte al menos un indicador de la batería." },
    ]);
    const reasonless = adoptionProblems(battery, [
      ...ok.slice(0, 2),
      { code: "IND03", target: null, excluded: true, exclusionReason: "  " },
    ]);
    expect(reasonless[0]?.message).toMatch(/no aplica/);
  });

  it("lets reporting start up to two years back", () => {
    expect(startYearProblem(2024, "2026-03-01")).toBeNull();
    expect(startYearProblem(2023, "2026-03-01")).toBe(
      "El primer año de reporte debe estar entre 2024 y 2026.",
    );
    expect(startYearProblem(2027, "2026-03-01")).not.toBeNull();
  });
});

describe("reading values", () => {
  it("lights a value against its target respecting the direction", () => {
    expect(trafficLight("higher", 90, 95)).toBe("green");
    expect(trafficLight("higher", 90, 85)).toBe("yellow");
    expect(trafficLight("higher", 90, 80)).toBe("red");
    expect(trafficLight("lower", 5, 4)).toBe("green");
    expect(trafficLight("lower", 5, 5.5)).toBe("yellow");
    expect(trafficLight("lower", 5, 7)).toBe("red");
    expect(trafficLight("lower", 0, 1)).toBe("yellow");
    expect(trafficLight("lower", 0, 2)).toBe("red");
    expect(trafficLight("higher", null, 3)).toBeNull();
    expect(trafficLight("higher", 3, null)).toBeNull();
  });

  it("compares the region by median and quartiles", () => {
    expect(regionalComparison([])).toBeNull();
    expect(regionalComparison([7])).toEqual({ count: 1, min: 7, q1: 7, median: 7, q3: 7, max: 7 });
    expect(regionalComparison([4, 1, 3, 2])).toEqual({
      count: 4,
      min: 1,
      q1: 1.75,
      median: 2.5,
      q3: 3.25,
      max: 4,
    });
    expect(regionalComparison([10, 2, 30, 4, 5])?.median).toBe(5);
  });

  it("places a value in its quartile, the best quarter first whatever the direction", () => {
    const region = { count: 5, min: 0, q1: 10, median: 20, q3: 30, max: 40 };
    expect(quartileStanding("higher", region, 35)).toBe("top");
    expect(quartileStanding("higher", region, 25)).toBe("upper");
    expect(quartileStanding("higher", region, 15)).toBe("lower");
    expect(quartileStanding("higher", region, 5)).toBe("bottom");
    expect(quartileStanding("lower", region, 5)).toBe("top");
    expect(quartileStanding("lower", region, 35)).toBe("bottom");
  });
});

describe("what is shown and sent", () => {
  it("shows the region to staff, and to others only for public indicators with 3 or more", () => {
    expect(showsRegion({ staff: true }, false, 1)).toBe(true);
    expect(showsRegion({ staff: false }, false, 10)).toBe(false);
    expect(showsRegion({ staff: false }, true, 2)).toBe(false);
    expect(showsRegion({ staff: false }, true, 3)).toBe(true);
  });

  it("refuses a period already sent or with missing values", () => {
    expect(submitPeriodProblem("draft", [])).toBeNull();
    expect(submitPeriodProblem("submitted", [])).toBe("Este periodo ya se envió.");
    expect(submitPeriodProblem(null, ["Visitas", "Capacitaciones"])).toBe(
      "Falta el valor de: Visitas, Capacitaciones.",
    );
  });
});

describe("correctionReasonProblem", () => {
  it("asks for a reason that says something, and not too long", () => {
    expect(correctionReasonProblem("")).toContain("al menos 10");
    expect(correctionReasonProblem("   error   ")).toContain("al menos 10");
    expect(correctionReasonProblem("Se omitieron 4 solicitudes.")).toBeNull();
    expect(correctionReasonProblem("x".repeat(501))).toContain("500");
  });
});
