/**
 * How the R2/R3 training register feeds M2's indicators (issue 15): which indicator takes which
 * register total, and which sessions fall into a reporting period. The figure is a suggestion the
 * liaison takes or overrides (form and capture sheet alike), never a value written for them. No
 * I/O: the server reads the municipality's sessions and asks these functions.
 */

import { labelledCodes } from "./codes.js";
import { compareDates, type LocalDate, shownDate } from "./dates.js";
import type { IndicatorPeriod } from "./indicators.js";
import { keepsTrainingRegister, TRAINING_TOOLS, trainingTotals } from "./trainings.js";

export type TrainingTool = (typeof TRAINING_TOOLS)[number];

/**
 * The register totals an indicator may take, with what each is in words the form and the sheet
 * show. People are added up session by session: the register records a count per session, not
 * who attended, so a person trained twice counts twice. IND09 asks for distinct people; the label
 * says the figure is not that.
 */
export const [REGISTER_MEASURES, REGISTER_MEASURE_LABELS] = labelledCodes({
  sessions: "el número de sesiones con fecha en el periodo",
  peopleTrained:
    "la suma de las personas capacitadas en cada sesión: quien asistió a dos sesiones cuenta dos veces (el registro no distingue personas)",
});
export type RegisterMeasure = (typeof REGISTER_MEASURES)[number];

/**
 * Which indicator takes which total, by the indicator's code. Codes are stable across batteries
 * (decision 0014) and are kept in every adoption's snapshot, so an adoption made before this rule
 * existed is fed too.
 */
export const REGISTER_INDICATORS: Readonly<Record<string, RegisterMeasure>> = {
  IND08: "sessions",
  IND09: "peopleTrained",
};

/** The total of the register an indicator takes, or null when the register does not feed it. */
export function registerMeasureOf(code: string): RegisterMeasure | null {
  return REGISTER_INDICATORS[code] ?? null;
}

/** One session of the municipality's register, with the tool (R2 or R3) of its cycle. */
export interface RegisteredTraining {
  toolCode: string;
  heldOn: LocalDate;
  hours: number;
  peopleTrained: number;
}

/**
 * The sessions that count for a period: those of an R2 or R3 cycle (any cycle: a calendar quarter
 * does not follow the yearly cycles of the agreement) held on a day from the period's first to its
 * last, both included.
 */
export function trainingsInPeriod<T extends RegisteredTraining>(
  sessions: readonly T[],
  period: Pick<IndicatorPeriod, "startsOn" | "endsOn">,
): T[] {
  return sessions.filter(
    (session) =>
      keepsTrainingRegister(session.toolCode) &&
      compareDates(session.heldOn, period.startsOn) >= 0 &&
      compareDates(session.heldOn, period.endsOn) <= 0,
  );
}

/** What the register says for one indicator and period, with what the figure rests on. */
export interface RegisterFigure {
  measure: RegisterMeasure;
  /** The figure to propose; null when no session falls in the period (see `registerFigure`). */
  value: number | null;
  sessions: number;
  hours: number;
  /** People trained, added up session by session. */
  peopleTrained: number;
  /** The tools whose registers hold the sessions counted, R2 before R3. */
  tools: TrainingTool[];
}

/**
 * The register's figure for an indicator in a period, or null when the register does not feed
 * the indicator. With no session in the period the figure is null, not 0: a register kept
 * elsewhere (or not yet written) is not evidence that no training took place.
 */
export function registerFigure(
  code: string,
  sessions: readonly RegisteredTraining[],
  period: Pick<IndicatorPeriod, "startsOn" | "endsOn">,
): RegisterFigure | null {
  const measure = registerMeasureOf(code);
  if (measure === null) {
    return null;
  }
  const counted = trainingsInPeriod(sessions, period);
  const totals = trainingTotals(counted);
  return {
    measure,
    value: counted.length === 0 ? null : totals[measure],
    ...totals,
    tools: TRAINING_TOOLS.filter((tool) => counted.some((session) => session.toolCode === tool)),
  };
}

/**
 * What the figure rests on, in one Spanish sentence for the form's hint and the sheet's column:
 * «3 sesiones de R2 y R3 del 01/01/2026 al 31/03/2026 (7.5 h, 45 personas): …».
 */
export function registerFigureBasis(
  figure: RegisterFigure,
  period: Pick<IndicatorPeriod, "startsOn" | "endsOn">,
): string {
  const range = `del ${shownDate(period.startsOn)} al ${shownDate(period.endsOn)}`;
  if (figure.sessions === 0) {
    return `El registro de capacitaciones (R2 y R3) no tiene sesiones con fecha ${range}.`;
  }
  const sessions = figure.sessions === 1 ? "1 sesión" : `${figure.sessions} sesiones`;
  const people = figure.peopleTrained === 1 ? "1 persona" : `${figure.peopleTrained} personas`;
  const hours = figure.hours.toLocaleString("es-MX", { maximumFractionDigits: 1 });
  return `Registro de capacitaciones: ${sessions} de ${figure.tools.join(" y ")} ${range} (${hours} h, ${people}). El dato es ${REGISTER_MEASURE_LABELS[figure.measure]}.`;
}
