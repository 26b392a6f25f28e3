import { SHEET_CHANGES } from "../domain/indicator-sheet.js";
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_PERIODICITIES,
  INDICATOR_REPORT_STATUSES,
  INDICATOR_SOURCES,
  INDICATOR_VALUE_TYPES,
  MAX_CORRECTION_REASON,
  MAX_EXCLUSION_REASON,
  MAX_INDICATOR_VALUE,
  MAX_VALUE_NOTE,
  PERIOD_STANDINGS,
  QUARTILE_STANDINGS,
  TRAFFIC_LIGHTS,
} from "../domain/indicators.js";
import { TOOL_STATES } from "../domain/tool-state.js";
import { REGISTER_MEASURES } from "../domain/training-indicators.js";
import { TRAINING_TOOLS } from "../domain/trainings.js";
import { Cvegeo, component, IsoDateTime, Uuid } from "./common.js";
import { z } from "./zod.js";

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const IndicatorDefinition = component("IndicatorDefinition", {
  code: z.string(),
  name: z.string(),
  definition: z.string(),
  formula: z.string(),
  unit: z.string(),
  valueType: z.enum(INDICATOR_VALUE_TYPES),
  direction: z.enum(INDICATOR_DIRECTIONS).describe("higher: mayor es mejor; lower: menor."),
  periodicity: z.enum(INDICATOR_PERIODICITIES),
  sourceText: z.string().describe("De qué registros se toma el valor."),
  source: z.enum(INDICATOR_SOURCES).describe("survey: se toma de la encuesta M1."),
  isPublic: z.boolean().describe("Sus valores aparecen en la página pública y en datos abiertos."),
});

export const AdoptedIndicator = IndicatorDefinition.extend({
  target: z.number().nullable().describe("La meta por periodo; null si no aplica."),
  excluded: z.boolean(),
  exclusionReason: z.string().nullable(),
}).meta({ id: "AdoptedIndicator" });

/** An indicator's code, as a request names it. */
const IndicatorCode = z.string().max(20);

/**
 * One indicator's value as a period's capture or correction sends it, with its note (the service
 * checks MAX_VALUE_NOTE and says so in words).
 */
function valueEntry<V extends z.ZodType>(value: V) {
  return z.object({
    code: IndicatorCode,
    value,
    note: z
      .string()
      .max(MAX_VALUE_NOTE * 2)
      .nullable()
      .default(null),
  });
}

export const AdoptionChoice = z.object({
  code: IndicatorCode,
  target: z.number().min(-MAX_INDICATOR_VALUE).max(MAX_INDICATOR_VALUE).nullable(),
  excluded: z.boolean().default(false),
  exclusionReason: z
    .string()
    .max(MAX_EXCLUSION_REASON * 2)
    .nullable()
    .default(null),
});

export const AdoptIndicatorsRequest = component("AdoptIndicatorsRequest", {
  startYear: z.number().int().min(2000).max(2100).describe("Primer año que se reporta."),
  choices: z
    .array(AdoptionChoice)
    .max(100)
    .describe("Un elemento por indicador de la batería: su meta, o por qué no aplica."),
  expectedRevision: z
    .number()
    .int()
    .optional()
    .describe("Al adoptar de nuevo: la revisión vista (409 si cambió)."),
});

export const IndicatorAdoption = component("IndicatorAdoption", {
  id: Uuid,
  startYear: z.number().int(),
  revision: z.number().int(),
  adoptedAt: IsoDateTime,
  adoptedBy: z.string(),
  items: z.array(AdoptedIndicator),
});

export const PeriodSummary = component("IndicatorPeriodSummary", {
  key: z.string().describe("2024-T1, 2024-S1, 2024…"),
  label: z.string(),
  periodicity: z.enum(INDICATOR_PERIODICITIES),
  startsOn: LocalDate,
  endsOn: LocalDate,
  dueOn: LocalDate.describe("30 días después del fin del periodo."),
  standing: z.enum(PERIOD_STANDINGS),
  status: z.enum(INDICATOR_REPORT_STATUSES).nullable().describe("null: sin capturar."),
  submittedAt: IsoDateTime.nullable(),
  indicators: z.number().int().describe("Indicadores adoptados de esta periodicidad."),
  filled: z.number().int().describe("De ellos, con valor capturado."),
});

export const RegionalComparison = component("IndicatorRegionalComparison", {
  count: z.number().int(),
  min: z.number(),
  q1: z.number(),
  median: z.number(),
  q3: z.number(),
  max: z.number(),
});

export const SeriesPoint = z.object({
  period: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  light: z.enum(TRAFFIC_LIGHTS).nullable(),
  region: RegionalComparison.nullable().describe(
    "Mediana y cuartiles de los periodos enviados por los municipios (con al menos 3).",
  ),
});

export const IndicatorSeries = component("IndicatorSeries", {
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(INDICATOR_DIRECTIONS),
  isPublic: z.boolean(),
  points: z.array(SeriesPoint),
});

const InstanceRef = z.object({
  id: Uuid,
  toolCode: z.string(),
  cycle: z.number().int(),
  state: z.enum(TOOL_STATES),
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
});

export const InstanceIndicators = component("InstanceIndicators", {
  instance: InstanceRef,
  battery: z.array(IndicatorDefinition).describe("La batería del modelo, para adoptarla."),
  adoption: IndicatorAdoption.nullable(),
  periods: z.array(PeriodSummary).describe("Los periodos concluidos, del más reciente."),
  series: z.array(IndicatorSeries).describe("Solo los periodos enviados."),
});

export const PeriodParams = z.object({
  id: Uuid,
  period: z.string().max(10).describe("2024-T1, 2024-S1, 2024…"),
});

export const RegisterFigure = component("IndicatorRegisterFigure", {
  measure: z
    .enum(REGISTER_MEASURES)
    .describe(
      "sessions: sesiones con fecha en el periodo; peopleTrained: suma de las personas capacitadas en cada sesión (quien asistió a dos sesiones cuenta dos veces: no son personas distintas).",
    ),
  value: z
    .number()
    .int()
    .nullable()
    .describe("El dato que se propone; null si ninguna sesión del registro cae en el periodo."),
  sessions: z.number().int().describe("Sesiones del registro con fecha en el periodo."),
  hours: z.number().describe("Horas de esas sesiones."),
  peopleTrained: z.number().int().describe("Suma de las personas capacitadas por sesión."),
  tools: z
    .array(z.enum(TRAINING_TOOLS))
    .describe("Las herramientas (R2, R3) cuyos registros tienen sesiones en el periodo."),
});

export const PeriodRow = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  valueType: z.enum(INDICATOR_VALUE_TYPES),
  direction: z.enum(INDICATOR_DIRECTIONS),
  formula: z.string(),
  target: z.number().nullable(),
  value: z.number().nullable(),
  note: z.string().nullable(),
  light: z.enum(TRAFFIC_LIGHTS).nullable(),
  linkedValue: z
    .number()
    .nullable()
    .describe(
      "Indicadores ligados a la encuesta M1: el índice de la encuesta cerrada en el periodo.",
    ),
  registerFigure: RegisterFigure.nullable().describe(
    "Indicadores que alimenta el registro de capacitaciones (R2 y R3) del municipio, de cualquier ciclo: lo que dice para las fechas del periodo. Es una sugerencia; el valor es el que se capture. null para los demás indicadores.",
  ),
  corrections: z
    .array(
      z.object({
        previousValue: z.number(),
        value: z.number(),
        reason: z.string(),
        correctedAt: IsoDateTime,
        correctedBy: z.string(),
      }),
    )
    .describe(
      "Correcciones del valor ya enviado, de la más antigua: el valor anterior se conserva.",
    ),
});

export const PeriodReport = component("IndicatorPeriodReport", {
  instanceId: Uuid,
  period: PeriodSummary,
  revision: z.number().int().describe("0 sin capturar; el cambio la incrementa."),
  rows: z.array(PeriodRow),
});

export const SavePeriodRequest = component("SaveIndicatorPeriodRequest", {
  values: z.array(valueEntry(z.number().nullable())).max(100),
  expectedRevision: z.number().int().describe("La revisión vista (0 si no se había capturado)."),
});

export const CorrectPeriodRequest = component("CorrectIndicatorPeriodRequest", {
  values: z
    .array(valueEntry(z.number()))
    .min(1)
    .max(100)
    .describe("Solo los indicadores cuyo valor cambia."),
  reason: z
    .string()
    .max(MAX_CORRECTION_REASON * 2)
    .describe("Por qué se corrige: queda con el valor anterior y en la bitácora."),
  expectedRevision: z.number().int(),
});

export const SubmitPeriodRequest = z
  .object({ expectedRevision: z.number().int() })
  .meta({ id: "SubmitIndicatorPeriodRequest" });

export const ComparisonQuery = z.object({
  period: z
    .string()
    .max(10)
    .optional()
    .describe("El periodo del detalle; sin él, el más reciente."),
});

export const CodeParams = z.object({ code: IndicatorCode });

export const IndicatorComparison = component("IndicatorComparison", {
  indicator: IndicatorDefinition,
  series: z.array(
    z.object({ period: z.string(), label: z.string(), region: RegionalComparison.nullable() }),
  ),
  period: z.string().nullable().describe("El periodo del detalle por municipio."),
  municipalities: z.array(
    z.object({
      cvegeo: Cvegeo,
      name: z.string(),
      value: z.number(),
      target: z.number().nullable(),
      light: z.enum(TRAFFIC_LIGHTS).nullable(),
      quartile: z.enum(QUARTILE_STANDINGS),
    }),
  ),
});

export const IndicatorCatalogue = component("IndicatorCatalogue", {
  battery: z.array(IndicatorDefinition),
  adoptions: z.number().int().describe("Municipios que adoptaron la batería."),
});

export const PublicIndicators = component("PublicIndicators", {
  series: z.array(IndicatorSeries).describe("Solo indicadores públicos y periodos enviados."),
});

export const SheetImportQuery = z.object({
  apply: z
    .enum(["true", "false"])
    .default("false")
    .describe("false (por omisión): solo revisa y dice qué cambiaría; true: guarda."),
});

export const SheetImportResult = component("IndicatorSheetImport", {
  applied: z.boolean().describe("true si los cambios se guardaron."),
  rows: z.array(
    z.object({
      row: z.number().int().describe("Número de fila en la hoja (la 1 es el encabezado)."),
      period: z.string(),
      code: z.string(),
      name: z.string(),
      before: z.number().nullable().describe("El valor guardado."),
      after: z.number().nullable().describe("El valor de la hoja."),
      note: z.string().nullable(),
      change: z.enum(SHEET_CHANGES),
      message: z.string().nullable().describe("Por qué la fila tiene error."),
    }),
  ),
});

export type SheetImportResult = z.infer<typeof SheetImportResult>;
export type InstanceIndicators = z.infer<typeof InstanceIndicators>;
export type IndicatorAdoption = z.infer<typeof IndicatorAdoption>;
export type PeriodSummary = z.infer<typeof PeriodSummary>;
export type PeriodReport = z.infer<typeof PeriodReport>;
export type IndicatorSeries = z.infer<typeof IndicatorSeries>;
export type IndicatorComparison = z.infer<typeof IndicatorComparison>;
export type IndicatorCatalogue = z.infer<typeof IndicatorCatalogue>;
export type PublicIndicators = z.infer<typeof PublicIndicators>;
export type AdoptIndicatorsRequest = z.infer<typeof AdoptIndicatorsRequest>;
export type SavePeriodRequest = z.infer<typeof SavePeriodRequest>;
export type CorrectPeriodRequest = z.infer<typeof CorrectPeriodRequest>;
