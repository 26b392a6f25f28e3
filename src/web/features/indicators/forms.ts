/**
 * The pure logic of the M2 screens: the adoption form's rows and the period form's values, read
 * from what people type and checked with the same domain rules the server applies.
 */
import type {
  AdoptIndicatorsRequest,
  CorrectPeriodRequest,
  IndicatorAdoption,
  PeriodReport,
  SavePeriodRequest,
} from "../../../contracts/indicators.js";
import {
  adoptionProblems,
  type IndicatorDefinition,
  indicatorValueProblem,
  type PeriodStanding,
  type TrafficLight,
} from "../../../domain/indicators.js";
import type { BadgeTone } from "../../ui/Badge";

/** One indicator in the adoption form, as typed. */
export interface ChoiceRow {
  code: string;
  target: string;
  excluded: boolean;
  reason: string;
}

/**
 * A number as people type it in Mexico: «1,234.5» or «1234.5», spaces ignored; null when empty,
 * NaN when it is not a number.
 */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[\s,]/g, "");
  if (cleaned === "") {
    return null;
  }
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

const typed = (value: number | null | undefined) =>
  value === null || value === undefined ? "" : String(value);

/** The form's rows: the current adoption's choices, or every indicator with an empty target. */
export function initialChoices(
  battery: readonly IndicatorDefinition[],
  adoption: IndicatorAdoption | null,
): ChoiceRow[] {
  return battery.map((item) => {
    const adopted = adoption?.items.find((a) => a.code === item.code);
    return {
      code: item.code,
      target: typed(adopted?.target),
      excluded: adopted?.excluded ?? false,
      reason: adopted?.exclusionReason ?? "",
    };
  });
}

export function adoptionRequest(
  startYear: number,
  rows: readonly ChoiceRow[],
  expectedRevision: number | undefined,
): AdoptIndicatorsRequest {
  return {
    startYear,
    expectedRevision,
    choices: rows.map((row) => {
      const target = row.excluded ? null : parseNumber(row.target);
      return {
        code: row.code,
        target: target !== null && Number.isNaN(target) ? null : target,
        excluded: row.excluded,
        exclusionReason: row.excluded ? row.reason : null,
      };
    }),
  };
}

/** The adoption form's problems by indicator code (the server's rule), before sending. */
export function choiceProblems(
  battery: readonly IndicatorDefinition[],
  rows: readonly ChoiceRow[],
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const row of rows) {
    if (!row.excluded && Number.isNaN(parseNumber(row.target))) {
      problems[row.code] = "Escriba la meta como número, p. ej. 1,250 o 87.5.";
    }
  }
  for (const problem of adoptionProblems(battery, adoptionRequest(0, rows, undefined).choices)) {
    problems[problem.field] ??= problem.message;
  }
  return problems;
}

/** One indicator of the period form, as typed. */
export interface ValueRow {
  code: string;
  value: string;
  note: string;
}

/** The period form's rows: the stored values, or the survey's index for a linked indicator. */
export function initialValues(report: PeriodReport): ValueRow[] {
  return report.rows.map((row) => ({
    code: row.code,
    value: typed(row.value ?? row.linkedValue),
    note: row.note ?? "",
  }));
}

/**
 * The register's figure as the form types it, or null when there is none to take (the indicator
 * is not fed by the R2/R3 register, or no session falls in the period).
 */
export function registerValueText(row: Pick<PeriodReport["rows"][number], "registerFigure">) {
  const value = row.registerFigure?.value;
  return value === null || value === undefined ? null : String(value);
}

/** Whether the value typed for an indicator is the register's figure (to say it was taken). */
export function usesRegisterFigure(
  row: Pick<PeriodReport["rows"][number], "registerFigure">,
  typedValue: string,
): boolean {
  const figure = registerValueText(row);
  return figure !== null && parseNumber(typedValue) === Number(figure);
}

/** The period form's problems by indicator code, before sending. */
export function valueProblems(
  report: PeriodReport,
  rows: readonly ValueRow[],
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const row of rows) {
    const definition = report.rows.find((r) => r.code === row.code);
    const value = parseNumber(row.value);
    if (!definition || value === null) {
      continue;
    }
    const problem = indicatorValueProblem(definition, value);
    if (problem) {
      problems[row.code] = problem;
    }
  }
  return problems;
}

export function saveRequest(
  rows: readonly ValueRow[],
  expectedRevision: number,
): SavePeriodRequest {
  return {
    expectedRevision,
    values: rows.map((row) => ({
      code: row.code,
      value: parseNumber(row.value),
      note: row.note.trim() === "" ? null : row.note.trim(),
    })),
  };
}

/** The values a correction changes: those typed as a number other than the one sent. */
export function correctionRequest(
  report: PeriodReport,
  rows: readonly ValueRow[],
): CorrectPeriodRequest["values"] {
  return rows.flatMap((row) => {
    const sent = report.rows.find((r) => r.code === row.code);
    const value = parseNumber(row.value);
    return sent && value !== null && value !== sent.value
      ? [{ code: row.code, value, note: sent.note }]
      : [];
  });
}

export const LIGHT_TONES: Record<TrafficLight, BadgeTone> = {
  green: "success",
  yellow: "warning",
  red: "danger",
};

export const STANDING_TONES: Record<PeriodStanding, BadgeTone> = {
  pending: "info",
  late: "danger",
  submitted: "success",
  submitted_late: "warning",
};
