/**
 * The dashboards' API: the regional dashboard (staff) and a municipality's dashboard (staff and
 * that municipality's people). Scores travel as percentages with one decimal, exactly as the
 * screens, the report card and the exports show them (`asPercent` of the domain).
 */
import { MODALITIES, SUPPORT_ACTION_TYPES } from "../domain/support.js";
import { TOOL_STATES } from "../domain/tool-state.js";
import { Cvegeo } from "./common.js";
import { LocalDate, ObservationType, ToolState } from "./participation.js";
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
export const RegionalDashboard = z
  .object({
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
  })
  .meta({ id: "RegionalDashboard" });
export type RegionalDashboard = z.infer<typeof RegionalDashboard>;

/**
 * `GET /api/dashboard/regional/ranking`: every participant's row, best index first, for the map
 * and the ranking table. A resource of its own: at national scale it weighs thirty times the rest
 * of the dashboard, which can then paint without waiting for it.
 */
export const RegionalRanking = z
  .object({
    asOf: LocalDate,
    rows: z
      .array(RankingRow)
      .describe("Los municipios con convenio, del índice más alto al más bajo."),
  })
  .meta({ id: "RegionalRanking" });
export type RegionalRanking = z.infer<typeof RegionalRanking>;

export const DeadlineItem = z.object({
  instanceId: z.uuid(),
  tool: z.string(),
  toolName: z.string(),
  part: z.string().nullable(),
  partName: z.string().nullable(),
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
  tool: z.string(),
  toolName: z.string(),
  part: z.string().nullable(),
  partName: z.string().nullable(),
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
export const MunicipalDashboard = z
  .object({
    asOf: LocalDate,
    municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
    participating: z.boolean().describe("false: sin convenio; entonces no hay cifras."),
    cohort: z.string().nullable(),
    signedOn: LocalDate.nullable(),
    participants: z.number().int(),
    rank: z.number().int().nullable(),
    index: Percent.nullable(),
    regionalMedianIndex: Percent.nullable(),
    onTime: z.object({
      due: z.number().int(),
      onTime: z.number().int(),
      rate: Percent.nullable(),
    }),
    dimensions: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        score: Percent,
        regionalMedian: Percent.nullable(),
      }),
    ),
    tools: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        dimension: z.string(),
        score: Percent,
        state: ToolState,
        overdue: z.boolean(),
        deadline: LocalDate.nullable(),
      }),
    ),
    deadlines: z
      .array(DeadlineItem)
      .describe("Plazos de todas las entregas (todos los ciclos), del más antiguo al más lejano."),
    openObservations: z.array(OpenObservation),
    supportActions: z
      .array(UpcomingSupportAction)
      .describe("Acciones de acompañamiento programadas a las que está invitado el municipio."),
  })
  .meta({ id: "MunicipalDashboard" });
export type MunicipalDashboard = z.infer<typeof MunicipalDashboard>;
