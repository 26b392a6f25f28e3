/**
 * The public portal's API (`/api/public/…`): what anyone may read without signing in. Every
 * schema here lists exactly what leaves the server; nothing personal, no drafts, no observations.
 */
import { PUBLIC_TOOL_STATES } from "../domain/public-progress.js";
import { Cvegeo, paged } from "./common.js";
import { LocalDate } from "./participation.js";
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
export const PublicSummary = z
  .object({
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
  })
  .meta({ id: "PublicSummary" });
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
export const PublicSearchResult = z
  .object({
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
  })
  .meta({ id: "PublicSearchResult" });
export type PublicSearchResult = z.infer<typeof PublicSearchResult>;

export const PublicDocument = z
  .object({
    id: z.uuid(),
    tool: z.string(),
    toolName: z.string(),
    part: z.string().nullable(),
    partName: z.string().nullable(),
    cycle: z.number().int(),
    fileName: z.string(),
    mime: z.string(),
    size: z.number().int(),
    effectiveOn: LocalDate.describe("Fecha de vigencia del documento."),
    validatedOn: LocalDate.describe("Fecha en que se validó la entrega que lo contiene."),
    url: z.string().describe("GET /api/public/documents/:id: descarga como adjunto."),
  })
  .meta({ id: "PublicDocument" });
export type PublicDocument = z.infer<typeof PublicDocument>;

/** `GET /api/public/municipalities/:cvegeo`: a municipality's public page. */
export const PublicMunicipality = z
  .object({
    asOf: LocalDate,
    municipality: z.object({
      cvegeo: Cvegeo,
      name: z.string(),
      population2020: z.number().int().nullable(),
    }),
    participating: z
      .boolean()
      .describe(
        "false: «sin convenio»; entonces agreement y scores son null y no hay herramientas.",
      ),
    agreement: z.object({ signedOn: LocalDate, cohort: z.string() }).nullable(),
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
        cycle: z.number().int().describe("El ciclo vigente (herramientas anuales: 1, 2, 3…)."),
        deadline: LocalDate.nullable(),
        validatedOn: LocalDate.nullable(),
        parts: z.number().int(),
        validatedParts: z.number().int(),
      }),
    ),
    documents: z.array(PublicDocument),
  })
  .meta({ id: "PublicMunicipality" });
export type PublicMunicipality = z.infer<typeof PublicMunicipality>;

/** `GET /api/public/map`: the municipalities' outlines, projected for SVG. */
export const PublicMap = z
  .object({
    width: z.number().int(),
    height: z.number().int(),
    features: z.array(
      z.object({
        cvegeo: Cvegeo,
        name: z.string(),
        d: z.string().describe("Trazo SVG (atributo d de <path>) en el espacio width × height."),
      }),
    ),
  })
  .meta({ id: "PublicMap" });
export type PublicMap = z.infer<typeof PublicMap>;

export const OpenDataField = z.object({
  name: z.string(),
  type: z.enum(["texto", "entero", "decimal", "fecha", "booleano"]),
  description: z.string(),
});
export type OpenDataField = z.infer<typeof OpenDataField>;

/** `GET /api/public/open-data`: the catalogue of datasets with their data dictionary. */
export const OpenDataCatalog = z
  .object({
    asOf: LocalDate,
    licence: z.object({ name: z.string(), url: z.string(), attribution: z.string() }),
    datasets: z.array(
      z.object({
        id: z.enum(["municipalities", "tools", "documents"]),
        title: z.string(),
        description: z.string(),
        rows: z.number().int(),
        csv: z.string(),
        json: z.string(),
        fields: z.array(OpenDataField),
      }),
    ),
  })
  .meta({ id: "OpenDataCatalog" });
export type OpenDataCatalog = z.infer<typeof OpenDataCatalog>;

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** A JSON dataset: one object per row, keyed by the same field names as the CSV header. */
export const OpenDataRows = z.array(z.record(z.string(), Cell)).meta({ id: "OpenDataRows" });
