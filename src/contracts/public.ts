/**
 * The public portal's API (`/api/public/…`): what anyone may read without signing in. Every
 * schema here lists exactly what leaves the server; nothing personal, no drafts, no observations.
 */
import { SCORING_KINDS } from "../domain/methodology.js";
import { PUBLIC_TOOL_STATES } from "../domain/public-progress.js";
import { Cvegeo, component, paged } from "./common.js";
import { Period } from "./model.js";
import { CycleFields, DeliverableFields, LocalDate, ToolState } from "./participation.js";
import { IndexEstimate } from "./surveys.js";
import { z } from "./zod.js";

const Score = z.number().min(0).max(1).describe("Fracción de 0 a 1 (1 = 100 %).");

export const PublicToolState = z
  .enum(PUBLIC_TOOL_STATES)
  .describe(
    "validated: validada; in_progress: en proceso; pending: pendiente de elaboración; overdue: venció el plazo sin validarse.",
  );

export const PublicDimension = z.object({ code: z.string(), name: z.string() });

const Place = z.number().int().describe("Lugar por índice (empates comparten lugar).");

/** `GET /api/public/summary`: the portal's home (figures, the first places, the map's colours). */
export const PublicSummary = component("PublicSummary", {
  asOf: LocalDate.describe("Fecha (Ciudad de México) a la que corresponden las cifras."),
  model: z.object({
    label: z.string(),
    version: z.number().int(),
    dimensions: z.array(PublicDimension),
  }),
  totals: z.object({
    municipalities: z.number().int().describe("Municipios del catálogo."),
    participating: z.number().int().describe("Municipios con convenio firmado."),
    medianIndex: Score.nullable().describe("Mediana del índice entre los participantes."),
  }),
  top: z
    .array(z.object({ rank: Place, cvegeo: Cvegeo, name: z.string(), index: Score }))
    .describe("Los primeros lugares; la clasificación completa: GET /api/public/ranking."),
  map: z
    .array(
      z.object({
        cvegeo: Cvegeo,
        index: Score.nullable().describe("Índice de implementación; null «sin convenio»."),
      }),
    )
    .describe("Un elemento por municipio dibujado en el mapa (GET /api/public/map)."),
});
export type PublicSummary = z.infer<typeof PublicSummary>;

/** `GET /api/public/ranking`: every participant by index, a page at a time. */
export const PublicRankingPage = paged(
  z.object({
    rank: Place,
    cvegeo: Cvegeo,
    name: z.string(),
    cohort: z.string(),
    index: Score,
  }),
).meta({ id: "PublicRankingPage" });
export type PublicRankingPage = z.infer<typeof PublicRankingPage>;

export const PublicSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe("Nombre (sin importar acentos ni mayúsculas) o clave INEGI."),
});

/** `GET /api/public/municipalities?q=`: find a municipality, with or without agreement. */
export const PublicSearchResult = component("PublicSearchResult", {
  total: z.number().int().describe("Cuántos coinciden; se devuelven los primeros 20."),
  items: z.array(
    z.object({
      cvegeo: Cvegeo,
      name: z.string(),
      participating: z.boolean(),
      index: Score.nullable(),
      rank: Place.nullable(),
    }),
  ),
});
export type PublicSearchResult = z.infer<typeof PublicSearchResult>;

export const PublicDocument = component("PublicDocument", {
  id: z.uuid(),
  ...DeliverableFields,
  cycle: z.number().int(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  effectiveOn: LocalDate.describe("Fecha de vigencia del documento."),
  validatedOn: LocalDate.describe("Fecha en que se validó la entrega que lo contiene."),
  url: z.string().describe("GET /api/public/documents/:id: descarga como adjunto."),
});
export type PublicDocument = z.infer<typeof PublicDocument>;

/** The latest validated M1 survey of a municipality, as its public page shows it. */
export const PublicSurveyResults = z
  .object({
    cycle: z.number().int().describe("Ciclo anual de M1 al que corresponde la encuesta."),
    closedOn: LocalDate.nullable().describe("Fecha en que se cerró la encuesta."),
    responses: z.number().int(),
    index: IndexEstimate.describe(
      "Índice de satisfacción 0 a 100 con su intervalo de confianza del 95 %; null sin respuestas a las preguntas del índice.",
    ),
    comments: z
      .array(z.object({ text: z.string(), submittedOn: LocalDate }))
      .describe("Comentarios no ocultados por el enlace, del más reciente al más antiguo."),
  })
  .describe(
    "Solo encuestas cerradas cuyo ciclo de M1 fue validado; nunca respuestas individuales ni comentarios ocultos.",
  )
  .meta({ id: "PublicSurveyResults" });
export type PublicSurveyResults = z.infer<typeof PublicSurveyResults>;

/** `GET /api/public/municipalities/:cvegeo`: a municipality's public page. */
export const PublicMunicipality = component("PublicMunicipality", {
  asOf: LocalDate,
  municipality: z.object({
    cvegeo: Cvegeo,
    name: z.string(),
    population2020: z.number().int().nullable(),
  }),
  participating: z
    .boolean()
    .describe("false: «sin convenio»; entonces agreement y scores son null y no hay herramientas."),
  agreement: z.object({ signedOn: LocalDate, cohort: z.string() }).nullable(),
  left: z
    .object({
      status: z.enum(["suspended", "ended"]),
      since: LocalDate,
      signedOn: LocalDate,
    })
    .nullable()
    .describe(
      "Un municipio que participó y ya no participa (convenio suspendido o terminado) y desde cuándo; null en otro caso. Sus documentos publicados siguen visibles.",
    ),
  scores: z
    .object({
      index: Score,
      rank: z.number().int(),
      participants: z.number().int().describe("Municipios con convenio, para «lugar N de M»."),
      regionalMedian: Score.nullable(),
      dimensions: z.array(PublicDimension.extend({ score: Score })),
      onTime: z.object({
        due: z.number().int().describe("Entregas cuyo plazo ya venció o que ya se validaron."),
        onTime: z.number().int().describe("Enviadas a tiempo y validadas después."),
        rate: Score.nullable(),
      }),
    })
    .nullable(),
  tools: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      dimension: z.string(),
      state: PublicToolState,
      cycle: z
        .number()
        .int()
        .describe(
          "El ciclo que cuenta (herramientas anuales: el último vencido o validado; 1, 2, 3…).",
        ),
      ...CycleFields,
      deadline: LocalDate.nullable().describe("El plazo más próximo entre lo aún no validado."),
      validatedOn: LocalDate.nullable(),
      parts: z.number().int(),
      validatedParts: z.number().int(),
    }),
  ),
  documents: z.array(PublicDocument),
  survey: PublicSurveyResults.nullable().describe(
    "La encuesta de satisfacción (M1) validada más reciente; null si aún no hay.",
  ),
});
export type PublicMunicipality = z.infer<typeof PublicMunicipality>;

/** `GET /api/public/map`: the municipalities' outlines, projected for SVG. */
export const PublicMap = component("PublicMap", {
  width: z.number().int(),
  height: z.number().int(),
  features: z.array(
    z.object({
      cvegeo: Cvegeo,
      name: z.string(),
      d: z.string().describe("Trazo SVG (atributo d de <path>) en el espacio width × height."),
    }),
  ),
});
export type PublicMap = z.infer<typeof PublicMap>;

export const OpenDataField = z.object({
  name: z.string(),
  type: z.enum(["texto", "entero", "decimal", "fecha", "booleano"]),
  description: z.string(),
});
export type OpenDataField = z.infer<typeof OpenDataField>;

/** The open datasets, each at /api/public/open-data/<id>.csv and .json. */
export const OPEN_DATASETS = [
  "municipalities",
  "tools",
  "documents",
  "surveys",
  "survey-questions",
  "indicators",
] as const;
export type OpenDatasetId = (typeof OPEN_DATASETS)[number];

/** `GET /api/public/open-data`: the catalogue of datasets with their data dictionary. */
export const OpenDataCatalog = component("OpenDataCatalog", {
  asOf: LocalDate,
  licence: z.object({ name: z.string(), url: z.string(), attribution: z.string() }),
  methodology: z
    .string()
    .describe(
      "Página de la metodología del índice (ficha técnica): cómo se calculan el índice, las dimensiones y las entregas a tiempo.",
    ),
  datasets: z.array(
    z.object({
      id: z.enum(OPEN_DATASETS),
      title: z.string(),
      description: z.string(),
      rows: z.number().int(),
      csv: z.string(),
      json: z.string(),
      fields: z.array(OpenDataField),
    }),
  ),
});
export type OpenDataCatalog = z.infer<typeof OpenDataCatalog>;

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** A JSON dataset: one object per row, keyed by the same field names as the CSV header. */
export const OpenDataRows = z.array(z.record(z.string(), Cell)).meta({ id: "OpenDataRows" });

const Share = z.number().min(0).max(1).describe("Parte del índice o de la dimensión, de 0 a 1.");

const ExampleScores = z.object({
  index: Score,
  dimensions: z.array(PublicDimension.extend({ score: Score })),
  tools: z
    .array(z.object({ code: z.string(), name: z.string(), dimension: z.string(), score: Score }))
    .describe("Las herramientas de las que trata el ejemplo."),
  onTime: z.object({
    due: z.number().int(),
    onTime: z.number().int(),
    rate: Score.nullable(),
  }),
});

/** `GET /api/public/methodology`: the technical sheet of the index, from the model in force. */
export const PublicMethodology = component("PublicMethodology", {
  exceptionRules: z
    .array(z.object({ title: z.string(), rule: z.string() }))
    .describe("Cómo cuentan las prórrogas aprobadas y las herramientas exentas."),
  asOf: LocalDate.describe("Fecha (Ciudad de México) a la que corresponden las cifras."),
  timeZone: z.string().describe("Zona horaria de las fechas: America/Mexico_City."),
  generatedAt: z
    .string()
    .describe("Momento en que se generó esta ficha con los datos registrados hasta entonces."),
  dataStamp: z
    .number()
    .int()
    .nullable()
    .describe("Sello de cambios de los datos con que se generó; sube con cada cambio."),
  model: z.object({
    version: z.number().int(),
    label: z.string(),
    publishedAt: z.string(),
    dimensions: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        description: z.string(),
        weight: z.number(),
        share: Share.describe("Peso de la dimensión en el índice (0 a 1)."),
        tools: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            weight: z.number(),
            shareOfDimension: Share,
            shareOfIndex: Share,
            period: Period,
            periodRule: z.string().describe("El plazo, contado desde la firma del convenio."),
            scoring: z
              .enum(SCORING_KINDS)
              .describe(
                "single: 1 al validarse; parts: promedio de sus componentes; criteria: madurez por criterios (1 / 0.5 / 0); levels: madurez por niveles.",
              ),
            parts: z.array(z.object({ code: z.string(), name: z.string() })),
            criteria: z.array(z.object({ code: z.string(), name: z.string() })),
            maturityLevels: z.array(z.object({ level: z.number().int(), name: z.string() })),
          }),
        ),
      }),
    ),
  }),
  scoringRules: z.array(
    z.object({ kind: z.enum(SCORING_KINDS), label: z.string(), rule: z.string() }),
  ),
  versionsInUse: z
    .array(
      z.object({
        version: z.number().int(),
        label: z.string(),
        municipalities: z.number().int(),
      }),
    )
    .describe(
      "Cada municipio se mide con la versión del modelo vigente al firmar su convenio: cuántos siguen cada versión.",
    ),
  examples: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        summary: z.string(),
        others: z.string().describe("Dónde están las entregas que no se listan."),
        signedOn: LocalDate,
        asOf: LocalDate,
        facts: z.array(
          z.object({
            ...DeliverableFields,
            cycle: z.number().int(),
            opensOn: LocalDate,
            deadline: LocalDate.nullable(),
            state: ToolState,
            firstSubmittedOn: LocalDate.nullable(),
            maturity: Score.nullable(),
            measured: z.string().nullable(),
          }),
        ),
        scores: ExampleScores,
      }),
    )
    .describe(
      "Municipios de ejemplo calculados con las mismas funciones que calculan los puntajes publicados.",
    ),
});
export type PublicMethodology = z.infer<typeof PublicMethodology>;
