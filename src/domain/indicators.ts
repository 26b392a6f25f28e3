/**
 * M2 «Reporte de indicadores de desempeño»: the battery of performance indicators a municipality
 * adopts with its targets (the M2 deliverable) and then reports period by period. The battery of
 * each model version, the calendar periods of each periodicity, when a period is due and late,
 * the check of a reported value, the traffic light against a target and the regional comparison
 * (median and quartiles). Plain functions: the server enforces them, the web app explains them.
 */
import { labelledCodes } from "./codes.js";
import {
  addDays,
  compareDates,
  daysInMonth,
  formatLocalDate,
  type LocalDate,
  parseLocalDate,
} from "./dates.js";

/** The tool whose deliverable the adoption of the battery is. */
export const INDICATORS_TOOL_CODE = "M2";

export const [INDICATOR_DIRECTIONS, INDICATOR_DIRECTION_LABELS] = labelledCodes({
  higher: "Mayor es mejor",
  lower: "Menor es mejor",
});
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export const [INDICATOR_PERIODICITIES, INDICATOR_PERIODICITY_LABELS] = labelledCodes({
  monthly: "Mensual",
  quarterly: "Trimestral",
  semester: "Semestral",
  yearly: "Anual",
});
export type IndicatorPeriodicity = (typeof INDICATOR_PERIODICITIES)[number];
/** Months in one period of each periodicity. */
const PERIOD_MONTHS: Record<IndicatorPeriodicity, number> = {
  monthly: 1,
  quarterly: 3,
  semester: 6,
  yearly: 12,
};

/** What kind of number an indicator takes, which fixes its range and whether it is whole. */
export const [INDICATOR_VALUE_TYPES, INDICATOR_VALUE_TYPE_LABELS] = labelledCodes({
  count: "Número entero (0 o más)",
  percent: "Porcentaje (0 a 100)",
  days: "Días hábiles (0 o más, con decimales)",
  score: "Puntaje (0 a 100)",
});
export type IndicatorValueType = (typeof INDICATOR_VALUE_TYPES)[number];

/** Where an indicator's value comes from. */
export const [INDICATOR_SOURCES, INDICATOR_SOURCE_LABELS] = labelledCodes({
  municipality: "Registros del municipio",
  survey: "Encuesta de satisfacción (M1)",
});
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];

/** One indicator of a battery, as the model version defines it. */
export interface IndicatorDefinition {
  /** Stable code, unique in the battery: `IND01`… */
  code: string;
  name: string;
  definition: string;
  formula: string;
  /** The unit shown beside a value: «solicitudes», «%», «días hábiles»… */
  unit: string;
  valueType: IndicatorValueType;
  direction: IndicatorDirection;
  periodicity: IndicatorPeriodicity;
  /** The records the value is taken from, in words. */
  sourceText: string;
  source: IndicatorSource;
  /** Whether its values appear on the public page and in open data. */
  isPublic: boolean;
}

const indicator = (
  code: string,
  name: string,
  fields: Omit<IndicatorDefinition, "code" | "name" | "source" | "isPublic"> &
    Partial<Pick<IndicatorDefinition, "source" | "isPublic">>,
): IndicatorDefinition => ({ code, name, source: "municipality", isPublic: true, ...fields });

/**
 * The installation battery of the 2022 model, from the seed's description of M2 («indicadores
 * para medir el desempeño de los mecanismos de transparencia y acceso a la información pública»):
 * access requests and their answers, appeals, the verification of transparency obligations,
 * training, the portal, open data and the M1 satisfaction index.
 */
export const INDICATOR_BATTERY_2022: readonly IndicatorDefinition[] = [
  indicator("IND01", "Solicitudes de acceso a la información recibidas", {
    definition:
      "Solicitudes de acceso a la información pública que el municipio recibió en el periodo, por cualquier medio.",
    formula: "Número de solicitudes registradas en el periodo",
    unit: "solicitudes",
    valueType: "count",
    direction: "higher",
    periodicity: "quarterly",
    sourceText: "Registro de solicitudes de la Unidad de Transparencia (SAIMEX o equivalente)",
  }),
  indicator("IND02", "Solicitudes respondidas dentro del plazo legal", {
    definition:
      "Proporción de las solicitudes respondidas en el periodo cuya respuesta se entregó dentro del plazo que fija la ley.",
    formula: "(Solicitudes respondidas en plazo ÷ solicitudes respondidas) × 100",
    unit: "%",
    valueType: "percent",
    direction: "higher",
    periodicity: "quarterly",
    sourceText: "Registro de solicitudes de la Unidad de Transparencia",
  }),
  indicator("IND03", "Tiempo promedio de respuesta", {
    definition: "Días hábiles que, en promedio, tardó en responderse una solicitud en el periodo.",
    formula: "Suma de días hábiles de respuesta ÷ solicitudes respondidas",
    unit: "días hábiles",
    valueType: "days",
    direction: "lower",
    periodicity: "quarterly",
    sourceText: "Registro de solicitudes de la Unidad de Transparencia",
  }),
  indicator("IND04", "Recursos de revisión interpuestos", {
    definition:
      "Recursos de revisión que las personas solicitantes interpusieron contra respuestas del municipio en el periodo.",
    formula: "Número de recursos de revisión interpuestos en el periodo",
    unit: "recursos",
    valueType: "count",
    direction: "lower",
    periodicity: "quarterly",
    sourceText: "Notificaciones del órgano garante",
  }),
  indicator("IND05", "Recursos de revisión resueltos a favor del municipio", {
    definition:
      "Proporción de los recursos de revisión resueltos en el periodo en que el órgano garante confirmó la respuesta del municipio o sobreseyó el recurso.",
    formula: "(Recursos confirmados o sobreseídos ÷ recursos resueltos) × 100",
    unit: "%",
    valueType: "percent",
    direction: "higher",
    periodicity: "quarterly",
    sourceText: "Resoluciones del órgano garante",
  }),
  indicator("IND06", "Resultado de la verificación de obligaciones de transparencia", {
    definition:
      "Índice de cumplimiento que obtuvo el municipio en la verificación más reciente de sus obligaciones de transparencia en el periodo.",
    formula: "Índice global de cumplimiento de la verificación (0 a 100)",
    unit: "puntos",
    valueType: "score",
    direction: "higher",
    periodicity: "semester",
    sourceText: "Dictamen de verificación del órgano garante",
  }),
  indicator("IND07", "Denuncias por incumplimiento de obligaciones de transparencia", {
    definition:
      "Denuncias por falta de publicación de obligaciones de transparencia presentadas contra el municipio en el periodo.",
    formula: "Número de denuncias admitidas en el periodo",
    unit: "denuncias",
    valueType: "count",
    direction: "lower",
    periodicity: "quarterly",
    sourceText: "Notificaciones del órgano garante",
  }),
  indicator("IND08", "Capacitaciones impartidas", {
    definition:
      "Sesiones de capacitación en transparencia, acceso a la información y protección de datos impartidas a personas servidoras públicas o a la ciudadanía.",
    formula: "Número de sesiones realizadas en el periodo",
    unit: "capacitaciones",
    valueType: "count",
    direction: "higher",
    periodicity: "quarterly",
    sourceText: "Listas de asistencia y constancias de capacitación",
  }),
  indicator("IND09", "Personas capacitadas", {
    definition: "Personas distintas que asistieron a alguna capacitación del periodo.",
    formula: "Número de personas con asistencia registrada en el periodo",
    unit: "personas",
    valueType: "count",
    direction: "higher",
    periodicity: "quarterly",
    sourceText: "Listas de asistencia",
  }),
  indicator("IND10", "Visitas al portal de transparencia", {
    definition: "Visitas que recibió el portal de transparencia del municipio en el periodo.",
    formula: "Número de visitas registradas por la herramienta de analítica del portal",
    unit: "visitas",
    valueType: "count",
    direction: "higher",
    periodicity: "quarterly",
    sourceText: "Analítica web del portal",
  }),
  indicator("IND11", "Conjuntos de datos abiertos publicados", {
    definition:
      "Conjuntos de datos que el municipio tiene publicados en formato abierto al cierre del periodo.",
    formula: "Número de conjuntos de datos abiertos publicados al cierre del periodo",
    unit: "conjuntos de datos",
    valueType: "count",
    direction: "higher",
    periodicity: "semester",
    sourceText: "Portal de datos abiertos del municipio",
  }),
  indicator("IND12", "Índice de satisfacción usuaria (M1)", {
    definition:
      "Índice de satisfacción de la encuesta M1 del municipio, cerrada en el año: se toma de sus resultados.",
    formula: "Índice de satisfacción de la encuesta M1 (0 a 100)",
    unit: "puntos",
    valueType: "score",
    direction: "higher",
    periodicity: "yearly",
    sourceText: "Resultados de la encuesta de satisfacción usuaria (M1)",
    source: "survey",
  }),
];

/**
 * The installation battery of a model version. Every version published so far carries the 2022
 * battery (decision 0014): a new battery is a new constant here, chosen by the version's number.
 */
export function indicatorBattery(_modelVersion: number | null): readonly IndicatorDefinition[] {
  return INDICATOR_BATTERY_2022;
}

/** One indicator as a municipality adopted it: the definition as it was, its target or its exclusion. */
export interface AdoptedIndicator extends IndicatorDefinition {
  target: number | null;
  excluded: boolean;
  exclusionReason: string | null;
}

/** A period's report: a draft the municipality fills in (liaison or collaborator), then submitted. */
export const [INDICATOR_REPORT_STATUSES, INDICATOR_REPORT_STATUS_LABELS] = labelledCodes({
  draft: "Borrador",
  submitted: "Enviado",
});
export type IndicatorReportStatus = (typeof INDICATOR_REPORT_STATUSES)[number];

// --- Periods -------------------------------------------------------------------------------------

/**
 * Days after a period ends within which its values are due (the late-period rule): a period that
 * ended on 31/03 is due on 30/04; after that day, an unreported period is late, and a period
 * reported after it was reported late.
 */
export const REPORT_DUE_DAYS = 30;
/** Days before a period's due date that its reminder goes out. */
export const REPORT_REMINDER_DAYS = 7;

/** A calendar period of one periodicity: `2024-01` (month), `2024-T1`, `2024-S1`, `2024`. */
export interface IndicatorPeriod {
  key: string;
  periodicity: IndicatorPeriodicity;
  startsOn: LocalDate;
  endsOn: LocalDate;
  dueOn: LocalDate;
  /** «1.er trimestre 2024», «enero 2024»… */
  label: string;
}

const MONTH_NAMES = [
  "enero",
  "febrero",
  "marzo",
  "abril",
  "mayo",
  "junio",
  "julio",
  "agosto",
  "septiembre",
  "octubre",
  "noviembre",
  "diciembre",
];
const ORDINALS = ["1.er", "2.º", "3.er", "4.º"];

function periodKey(periodicity: IndicatorPeriodicity, year: number, index: number): string {
  switch (periodicity) {
    case "monthly":
      return `${year}-${String(index + 1).padStart(2, "0")}`;
    case "quarterly":
      return `${year}-T${index + 1}`;
    case "semester":
      return `${year}-S${index + 1}`;
    case "yearly":
      return `${year}`;
  }
}

function periodLabel(periodicity: IndicatorPeriodicity, year: number, index: number): string {
  switch (periodicity) {
    case "monthly":
      return `${MONTH_NAMES[index]} ${year}`;
    case "quarterly":
      return `${ORDINALS[index]} trimestre ${year}`;
    case "semester":
      return `${ORDINALS[index]} semestre ${year}`;
    case "yearly":
      return `Año ${year}`;
  }
}

function makePeriod(
  periodicity: IndicatorPeriodicity,
  year: number,
  index: number,
): IndicatorPeriod {
  const months = PERIOD_MONTHS[periodicity];
  const firstMonth = index * months + 1;
  const lastMonth = firstMonth + months - 1;
  const endsOn = formatLocalDate(year, lastMonth, daysInMonth(year, lastMonth));
  return {
    key: periodKey(periodicity, year, index),
    periodicity,
    startsOn: formatLocalDate(year, firstMonth, 1),
    endsOn,
    dueOn: addDays(endsOn, REPORT_DUE_DAYS),
    label: periodLabel(periodicity, year, index),
  };
}

const PERIOD_KEY = /^(\d{4})(?:-(\d{2})|-T([1-4])|-S([12]))?$/;

/** The period a key names, or null when the key is not one. */
export function parsePeriodKey(key: string): IndicatorPeriod | null {
  const match = PERIOD_KEY.exec(key);
  if (!match) {
    return null;
  }
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) {
    return null;
  }
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    return month >= 1 && month <= 12 ? makePeriod("monthly", year, month - 1) : null;
  }
  if (match[3] !== undefined) {
    return makePeriod("quarterly", year, Number(match[3]) - 1);
  }
  if (match[4] !== undefined) {
    return makePeriod("semester", year, Number(match[4]) - 1);
  }
  return makePeriod("yearly", year, 0);
}

/** The period of a periodicity that contains a date. */
export function periodOf(periodicity: IndicatorPeriodicity, date: LocalDate): IndicatorPeriod {
  const { year, month } = parseLocalDate(date);
  return makePeriod(periodicity, year, Math.floor((month - 1) / PERIOD_MONTHS[periodicity]));
}

/**
 * The periods of a periodicity to report from the first day of `fromYear` up to today: those that
 * have ended (a period is reported once it is over), oldest first.
 */
export function reportablePeriods(
  periodicity: IndicatorPeriodicity,
  fromYear: number,
  today: LocalDate,
): IndicatorPeriod[] {
  const periods: IndicatorPeriod[] = [];
  const perYear = 12 / PERIOD_MONTHS[periodicity];
  for (let year = fromYear; year <= parseLocalDate(today).year; year++) {
    for (let index = 0; index < perYear; index++) {
      const period = makePeriod(periodicity, year, index);
      if (compareDates(period.endsOn, today) >= 0) {
        return periods;
      }
      periods.push(period);
    }
  }
  return periods;
}

/** The periodicities a battery uses, in the order of `INDICATOR_PERIODICITIES`. */
export function periodicitiesOf(
  battery: readonly Pick<IndicatorDefinition, "periodicity">[],
): IndicatorPeriodicity[] {
  const used = new Set(battery.map((item) => item.periodicity));
  return INDICATOR_PERIODICITIES.filter((p) => used.has(p));
}

export const [PERIOD_STANDINGS, PERIOD_STANDING_LABELS] = labelledCodes({
  pending: "Por reportar",
  late: "Atrasado",
  submitted: "Reportado",
  submitted_late: "Reportado con atraso",
});
export type PeriodStanding = (typeof PERIOD_STANDINGS)[number];

/**
 * Where a period stands: reported (on time or late, by the date it was submitted against its due
 * date) or not yet (pending until its due date, late after it).
 */
export function periodStanding(
  period: Pick<IndicatorPeriod, "dueOn">,
  submittedOn: LocalDate | null,
  today: LocalDate,
): PeriodStanding {
  if (submittedOn !== null) {
    return compareDates(submittedOn, period.dueOn) > 0 ? "submitted_late" : "submitted";
  }
  return compareDates(today, period.dueOn) > 0 ? "late" : "pending";
}

/** Whether a period needs a reminder today: unreported and due within the reminder window or late. */
export function needsReportReminder(
  period: Pick<IndicatorPeriod, "dueOn">,
  submitted: boolean,
  today: LocalDate,
): boolean {
  return !submitted && compareDates(addDays(today, REPORT_REMINDER_DAYS), period.dueOn) >= 0;
}

/**
 * The dedupe key of a period's reminder: one when it comes due, then one a week while it is late,
 * so a late period is reminded like a deadline without a notice every day.
 */
export function reportReminderKey(
  adoptionId: string,
  period: Pick<IndicatorPeriod, "key" | "dueOn">,
  today: LocalDate,
): string {
  if (compareDates(today, period.dueOn) <= 0) {
    return `indicators:${adoptionId}:${period.key}:due`;
  }
  const { year, month, day } = parseLocalDate(today);
  const days = Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
  return `indicators:${adoptionId}:${period.key}:late:${Math.floor(days / 7)}`;
}

// --- Values --------------------------------------------------------------------------------------

/** The largest value any indicator takes (a count of portal visits stays far below it). */
export const MAX_INDICATOR_VALUE = 1_000_000_000;
export const MAX_EXCLUSION_REASON = 500;
export const MAX_VALUE_NOTE = 500;
export const MAX_CORRECTION_REASON = 500;
/** A correction's reason says something: at least this many characters. */
export const MIN_CORRECTION_REASON = 10;

/**
 * What is wrong with the reason for correcting a sent period, or null: it is required, says
 * something, and fits.
 */
export function correctionReasonProblem(reason: string): string | null {
  const length = reason.trim().length;
  if (length < MIN_CORRECTION_REASON) {
    return `Explique por qué se corrige (al menos ${MIN_CORRECTION_REASON} caracteres): queda junto al valor anterior.`;
  }
  return length > MAX_CORRECTION_REASON
    ? `El motivo admite hasta ${MAX_CORRECTION_REASON} caracteres.`
    : null;
}

const BOUNDED: Record<IndicatorValueType, { max: number; whole: boolean }> = {
  count: { max: MAX_INDICATOR_VALUE, whole: true },
  percent: { max: 100, whole: false },
  days: { max: 365, whole: false },
  score: { max: 100, whole: false },
};

/**
 * What is wrong with a value (or a target) for an indicator, in Spanish, or null when it fits its
 * type: a finite number, not negative, whole for counts, at most 100 for percentages and scores,
 * at most 365 days, and at most two decimals.
 */
export function indicatorValueProblem(
  definition: Pick<IndicatorDefinition, "valueType" | "unit">,
  value: unknown,
): string | null {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return "Escriba un número.";
  }
  const { max, whole } = BOUNDED[definition.valueType];
  if (value < 0) {
    return "El valor no puede ser negativo.";
  }
  if (whole && !Number.isInteger(value)) {
    return "Escriba un número entero, sin decimales.";
  }
  if (value > max) {
    return `El valor no puede ser mayor que ${max.toLocaleString("es-MX")} (${definition.unit}).`;
  }
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) {
    return "Use a lo más dos decimales.";
  }
  return null;
}

/** What the liaison decides for one indicator when adopting the battery. */
export interface AdoptionChoice {
  code: string;
  /** The target for each period; null only when the indicator is left out. */
  target: number | null;
  /** Left out as not applicable, with its reason. */
  excluded: boolean;
  exclusionReason: string | null;
}

export interface IndicatorProblem {
  /** The indicator's code, or `battery` for the whole. */
  field: string;
  message: string;
}

/**
 * Everything wrong with an adoption, indicator by indicator: each indicator of the battery chosen
 * once and no other; an adopted one has a target that fits its type; a left-out one has its reason;
 * at least one indicator is adopted.
 */
export function adoptionProblems(
  battery: readonly IndicatorDefinition[],
  choices: readonly AdoptionChoice[],
): IndicatorProblem[] {
  const problems: IndicatorProblem[] = [];
  const byCode = new Map(battery.map((item) => [item.code, item]));
  const seen = new Set<string>();
  for (const choice of choices) {
    const definition = byCode.get(choice.code);
    if (!definition) {
      problems.push({
        field: choice.code,
        message: `El indicador ${choice.code} no es de la batería.`,
      });
      continue;
    }
    if (seen.has(choice.code)) {
      problems.push({ field: choice.code, message: `El indicador ${choice.code} está repetido.` });
      continue;
    }
    seen.add(choice.code);
    if (choice.excluded) {
      const reason = choice.exclusionReason?.trim() ?? "";
      if (reason === "") {
        problems.push({
          field: choice.code,
          message: `Explique por qué «${definition.name}» no aplica al municipio.`,
        });
      } else if (reason.length > MAX_EXCLUSION_REASON) {
        problems.push({
          field: choice.code,
          message: `El motivo admite hasta ${MAX_EXCLUSION_REASON} caracteres.`,
        });
      }
      continue;
    }
    if (choice.target === null) {
      problems.push({ field: choice.code, message: `Fije la meta de «${definition.name}».` });
      continue;
    }
    const problem = indicatorValueProblem(definition, choice.target);
    if (problem) {
      problems.push({ field: choice.code, message: `Meta de «${definition.name}»: ${problem}` });
    }
  }
  for (const definition of battery) {
    if (!seen.has(definition.code) && !problems.some((p) => p.field === definition.code)) {
      problems.push({
        field: definition.code,
        message: `Fije la meta de «${definition.name}» o indique por qué no aplica.`,
      });
    }
  }
  if (problems.length === 0 && choices.every((choice) => choice.excluded)) {
    problems.push({ field: "battery", message: "Adopte al menos un indicador de la batería." });
  }
  return problems;
}

/** The first year a battery may start reporting: no earlier than two years before the adoption. */
export function startYearProblem(startYear: number, today: LocalDate): string | null {
  const year = parseLocalDate(today).year;
  if (!Number.isInteger(startYear) || startYear < year - 2 || startYear > year) {
    return `El primer año de reporte debe estar entre ${year - 2} y ${year}.`;
  }
  return null;
}

// --- Reading values: traffic light and comparison ----------------------------------------------

export const [TRAFFIC_LIGHTS, TRAFFIC_LIGHT_LABELS] = labelledCodes({
  green: "Meta cumplida",
  yellow: "Cerca de la meta",
  red: "Lejos de la meta",
});
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number];
/** How far from its target a value may fall and still be «cerca de la meta»: 10 % of the target. */
export const TRAFFIC_LIGHT_TOLERANCE = 0.1;

/**
 * A value against its target, respecting the direction: green when it meets the target (at or
 * above it when higher is better, at or below when lower is); yellow when it misses it by at most
 * 10 % of the target (at least one unit for a target of 0); red beyond. Null without a value or a
 * target.
 */
export function trafficLight(
  direction: IndicatorDirection,
  target: number | null,
  value: number | null,
): TrafficLight | null {
  if (target === null || value === null) {
    return null;
  }
  const shortfall = direction === "higher" ? target - value : value - target;
  if (shortfall <= 0) {
    return "green";
  }
  const tolerance = Math.max(Math.abs(target) * TRAFFIC_LIGHT_TOLERANCE, target === 0 ? 1 : 0);
  return shortfall <= tolerance ? "yellow" : "red";
}

/** The distribution of the values of many municipalities for one indicator and period. */
export interface RegionalComparison {
  count: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/** The quantile `p` (0..1) of sorted values, interpolating linearly between neighbours. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (position - below);
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The regional comparison of a set of values: how many, least, first quartile, median, third
 * quartile and greatest (quartiles by linear interpolation, rounded to two decimals). Null for no
 * values.
 */
export function regionalComparison(values: readonly number[]): RegionalComparison | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = Float64Array.from(values).sort();
  const list = sorted as unknown as readonly number[];
  return {
    count: sorted.length,
    min: round2(sorted[0] as number),
    q1: round2(quantile(list, 0.25)),
    median: round2(quantile(list, 0.5)),
    q3: round2(quantile(list, 0.75)),
    max: round2(sorted[sorted.length - 1] as number),
  };
}

export const [QUARTILE_STANDINGS, QUARTILE_STANDING_LABELS] = labelledCodes({
  top: "Cuartil superior",
  upper: "Arriba de la mediana",
  lower: "Abajo de la mediana",
  bottom: "Cuartil inferior",
});
export type QuartileStanding = (typeof QUARTILE_STANDINGS)[number];

/**
 * Where one municipality's value falls in the region, respecting the direction: «cuartil
 * superior» is always the best quarter (the lowest values when lower is better).
 */
export function quartileStanding(
  direction: IndicatorDirection,
  comparison: RegionalComparison,
  value: number,
): QuartileStanding {
  const better = (a: number, b: number) => (direction === "higher" ? a >= b : a <= b);
  const [best, good, fair] =
    direction === "higher"
      ? [comparison.q3, comparison.median, comparison.q1]
      : [comparison.q1, comparison.median, comparison.q3];
  if (better(value, best)) {
    return "top";
  }
  if (better(value, good)) {
    return "upper";
  }
  if (better(value, fair)) {
    return "lower";
  }
  return "bottom";
}

/** Formats a value with its unit, es-MX: «1,234 solicitudes», «87.5 %». */
export function formatIndicatorValue(
  definition: Pick<IndicatorDefinition, "unit">,
  value: number | null,
): string {
  if (value === null) {
    return "—";
  }
  const number = value.toLocaleString("es-MX", { maximumFractionDigits: 2 });
  return definition.unit === "%" ? `${number} %` : `${number} ${definition.unit}`;
}

/**
 * Fewest municipalities whose values make a regional comparison shown outside the staff: with
 * fewer, a median or a quartile would give away one municipality's value.
 */
export const MIN_REGION_COUNT = 3;

/**
 * Whether a regional comparison is shown: to staff always; to a municipality and the public only
 * for public indicators, and only with at least `MIN_REGION_COUNT` municipalities.
 */
export function showsRegion(viewer: { staff: boolean }, isPublic: boolean, count: number): boolean {
  return viewer.staff || (isPublic && count >= MIN_REGION_COUNT);
}

/**
 * Why a period's report cannot be submitted, in Spanish, or null: it is already submitted, or an
 * adopted indicator of its periodicity still has no value (named).
 */
export function submitPeriodProblem(
  status: IndicatorReportStatus | null,
  missing: readonly string[],
): string | null {
  if (status === "submitted") {
    return "Este periodo ya se envió.";
  }
  if (missing.length > 0) {
    return `Falta el valor de: ${missing.join(", ")}.`;
  }
  return null;
}
