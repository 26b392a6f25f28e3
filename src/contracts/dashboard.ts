/**
 * The dashboards' API: the regional dashboard (staff) and a municipality's dashboard (staff and
 * that municipality's people). Scores travel as percentages with one decimal, exactly as the
 * screens, the report card and the exports show them (`asPercent` of the domain).
 */
import { MODALITIES, SUPPORT_ACTION_TYPES } from "../domain/support.js";
import { TOOL_STATES } from "../domain/tool-state.js";
import { Cvegeo, component } from "./common.js";
import {
  CycleFields,
  DeliverableFields,
  LocalDate,
  ObservationType,
  ToolState,
} from "./participation.js";
import { z } from "./zod.js";

export const Percent = z
  .number()
  .min(0)
  .max(100)
  .describe("Porcentaje de 0 a 100, con un decimal.");

const StateCounts = z.object(
  Object.fromEntries(TOOL_STATES.map((state) => [state, z.number().int()])) as Record<
    (typeof TOOL_STATES)[number],
    z.ZodNumber
  >,
);

export const DashboardModel = z.object({
  version: z.number().int().nullable().describe("Versión del modelo en vigor."),
  dimensions: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      tools: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
  ),
});
export type DashboardModel = z.infer<typeof DashboardModel>;

export const TrendPoint = z.object({
  takenOn: LocalDate,
  municipalities: z.number().int(),
  index: Percent.describe("Media regional del índice ese día."),
  dimensions: z.record(z.string(), Percent).describe("Media regional de cada dimensión."),
  live: z
    .boolean()
    .describe("true: el punto de hoy, con las cifras actuales; false: una instantánea diaria."),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const RankingRow = z.object({
  cvegeo: Cvegeo,
  name: z.string(),
  cohort: z.string(),
  rank: z.number().int().describe("Lugar por índice; empates comparten lugar (1, 2, 2, 4)."),
  index: Percent,
  dimensions: z.record(z.string(), Percent),
  onTimeRate: Percent.nullable().describe("Entregas a tiempo; null si aún no vence ninguna."),
  overdueTools: z.number().int(),
  inReview: z.number().int(),
  openObservations: z.number().int(),
});
export type RankingRow = z.infer<typeof RankingRow>;

/** `GET /api/dashboard/regional`. */
export const RegionalDashboard = component("RegionalDashboard", {
  asOf: LocalDate.describe("Día (Ciudad de México) de las cifras."),
  model: DashboardModel,
  municipalitiesInCatalog: z.number().int(),
  participants: z.number().int().describe("Municipios con convenio."),
  index: z.object({ mean: Percent.nullable(), median: Percent.nullable() }),
  onTime: z.object({
    due: z.number().int(),
    onTime: z.number().int(),
    rate: Percent.nullable(),
  }),
  histogram: z
    .array(z.object({ from: z.number(), to: z.number(), count: z.number().int() }))
    .describe("Municipios por tramo del índice (de 10 en 10 puntos)."),
  dimensions: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      mean: Percent.nullable(),
      median: Percent.nullable(),
    }),
  ),
  tools: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      dimension: z.string(),
      municipalities: z.number().int(),
      mean: Percent.nullable(),
      states: StateCounts,
      overdue: z.number().int(),
    }),
  ),
  lagging: z.array(z.string()).describe("Las herramientas más rezagadas, la más baja primero."),
  cohorts: z.array(
    z.object({
      cohort: z.string(),
      municipalities: z.number().int(),
      firstSignedOn: LocalDate,
      meanIndex: Percent,
      medianIndex: Percent,
      overdueTools: z.number().int(),
    }),
  ),
  overdue: z.object({
    tools: z.number().int().describe("Herramientas vencidas en la región."),
    municipalities: z.number().int().describe("Municipios con alguna herramienta vencida."),
  }),
  reviewBacklog: z.object({
    submitted: z.number().int().describe("Entregas en revisión."),
    medianDaysWaiting: z.number().nullable(),
    longestDaysWaiting: z.number().int().nullable(),
  }),
  openObservations: z.number().int(),
  trend: z.array(TrendPoint).describe("Medias regionales por día, desde la primera instantánea."),
});
export type RegionalDashboard = z.infer<typeof RegionalDashboard>;

/**
 * `GET /api/dashboard/regional/ranking`: every participant's row, best index first, for the map
 * and the ranking table, as columns (one array per field, the i-th entries forming the i-th row):
 * at national scale the table weighs thirty times the rest of the dashboard, and columns halve
 * it. A resource of its own, so the figures paint without waiting for it. `rankingRows` turns it
 * into rows.
 */
export const RegionalRanking = component("RegionalRanking", {
  asOf: LocalDate,
  dimensions: z.array(z.string()).describe("Las claves de las dimensiones, en orden."),
  columns: z.object({
    cvegeo: z.array(Cvegeo),
    name: z.array(z.string()),
    cohort: z.array(z.string()),
    rank: z.array(z.number().int()).describe("Lugar por índice; empates comparten lugar."),
    index: z.array(Percent),
    dimensions: z
      .array(z.array(Percent))
      .describe("Una lista por dimensión (en el orden de `dimensions`), un valor por fila."),
    onTimeRate: z.array(Percent.nullable()),
    overdueTools: z.array(z.number().int()),
    inReview: z.array(z.number().int()),
    openObservations: z.array(z.number().int()),
  }),
});
export type RegionalRanking = z.infer<typeof RegionalRanking>;

/** The ranking's columns as rows. */
export function rankingRows(ranking: RegionalRanking): RankingRow[] {
  const { columns, dimensions } = ranking;
  return columns.cvegeo.map((cvegeo, i) => ({
    cvegeo,
    name: columns.name[i] ?? "",
    cohort: columns.cohort[i] ?? "",
    rank: columns.rank[i] ?? 0,
    index: columns.index[i] ?? 0,
    dimensions: Object.fromEntries(
      dimensions.map((code, d) => [code, columns.dimensions[d]?.[i] ?? 0] as const),
    ),
    onTimeRate: columns.onTimeRate[i] ?? null,
    overdueTools: columns.overdueTools[i] ?? 0,
    inReview: columns.inReview[i] ?? 0,
    openObservations: columns.openObservations[i] ?? 0,
  }));
}

/** Rows as the ranking's columns (the server's side of `rankingRows`). */
export function rankingColumns(
  asOf: string,
  dimensions: readonly string[],
  rows: readonly RankingRow[],
): RegionalRanking {
  return {
    asOf,
    dimensions: [...dimensions],
    columns: {
      cvegeo: rows.map((row) => row.cvegeo),
      name: rows.map((row) => row.name),
      cohort: rows.map((row) => row.cohort),
      rank: rows.map((row) => row.rank),
      index: rows.map((row) => row.index),
      dimensions: dimensions.map((code) => rows.map((row) => row.dimensions[code] ?? 0)),
      onTimeRate: rows.map((row) => row.onTimeRate),
      overdueTools: rows.map((row) => row.overdueTools),
      inReview: rows.map((row) => row.inReview),
      openObservations: rows.map((row) => row.openObservations),
    },
  };
}

/** Deliveries already due and how many of them arrived on time. */
export const OnTimeRecord = z.object({
  due: z.number().int(),
  onTime: z.number().int(),
  rate: Percent.nullable(),
});

/** A dimension's score next to the regional median (the municipality's dashboard and its card). */
export const DimensionScore = z.object({
  code: z.string(),
  name: z.string(),
  score: Percent,
  regionalMedian: Percent.nullable(),
});

/** A tool's score and state; the dashboard adds its deadline, the report card its deliveries. */
export const ToolScore = z.object({
  code: z.string(),
  name: z.string(),
  dimension: z.string(),
  score: Percent,
  state: ToolState,
  overdue: z.boolean(),
});

export const DeadlineItem = z.object({
  instanceId: z.uuid(),
  ...DeliverableFields,
  cycle: z.number().int(),
  deadline: LocalDate,
  state: ToolState,
  overdue: z.boolean(),
  daysLeft: z.number().int().describe("Días al plazo; negativo si ya pasó."),
});
export type DeadlineItem = z.infer<typeof DeadlineItem>;

export const OpenObservation = z.object({
  id: z.uuid(),
  instanceId: z.uuid(),
  ...DeliverableFields,
  type: ObservationType,
  text: z.string(),
  answered: z.boolean(),
  returnedAt: z.string().describe("Cuándo se devolvió la herramienta con esta observación."),
});
export type OpenObservation = z.infer<typeof OpenObservation>;

export const UpcomingSupportAction = z.object({
  id: z.uuid(),
  type: z.enum(SUPPORT_ACTION_TYPES),
  title: z.string(),
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  modality: z.enum(MODALITIES),
  place: z.string().nullable(),
  tools: z.array(z.string()),
});
export type UpcomingSupportAction = z.infer<typeof UpcomingSupportAction>;

/** `GET /api/municipalities/:cvegeo/dashboard`. */
export const MunicipalDashboard = component("MunicipalDashboard", {
  asOf: LocalDate,
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  participating: z.boolean().describe("false: sin convenio; entonces no hay cifras."),
  cohort: z.string().nullable(),
  signedOn: LocalDate.nullable(),
  participants: z.number().int(),
  rank: z.number().int().nullable(),
  index: Percent.nullable(),
  regionalMedianIndex: Percent.nullable(),
  onTime: OnTimeRecord,
  dimensions: z.array(DimensionScore),
  tools: z.array(
    ToolScore.extend({
      deadline: LocalDate.nullable(),
      cycle: z.number().int().describe("El ciclo que cuenta (decisions/0010)."),
      ...CycleFields,
    }),
  ),
  deadlines: z
    .array(DeadlineItem)
    .describe("Plazos de todas las entregas (todos los ciclos), del más antiguo al más lejano."),
  openObservations: z.array(OpenObservation),
  supportActions: z
    .array(UpcomingSupportAction)
    .describe("Acciones de acompañamiento programadas a las que está invitado el municipio."),
});
export type MunicipalDashboard = z.infer<typeof MunicipalDashboard>;
