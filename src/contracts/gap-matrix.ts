import { MATRIX_SORT_KEYS } from "../domain/gap-matrix.js";
import { Cvegeo, component, QueryFlag } from "./common.js";
import { CycleFields, LocalDate, ToolState } from "./participation.js";
import { z } from "./zod.js";

/** `name`, `gaps`, `overdue`, `index`, or `tool:<code>` to sort by one tool's column. */
export const MatrixSortParam = z
  .string()
  .regex(
    new RegExp(`^(${MATRIX_SORT_KEYS.join("|")}|tool:[A-Za-z0-9_-]{1,20})$`),
    "Orden no válido: use name, gaps, overdue, index o tool:<clave>.",
  );

/** The filters and sorting of the matrix, shared by the JSON and the XLSX. */
export const GapMatrixFilters = z.object({
  cohort: z.string().trim().min(1).max(100).optional(),
  dimension: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .optional()
    .describe("Clave de la dimensión, p. ej. E."),
  state: ToolState.optional().describe(
    "Solo municipios con alguna herramienta mostrada en este estado.",
  ),
  overdue: QueryFlag.optional().describe(
    "true: solo municipios con alguna herramienta vencida; false: solo sin vencidas.",
  ),
  sort: MatrixSortParam.default("name").describe(
    "name (municipio), gaps (brechas), overdue (vencidas), index (índice) o tool:<clave>.",
  ),
  order: z
    .enum(["asc", "desc"])
    .optional()
    .describe(
      "Por omisión: nombre A→Z, más brechas y más vencidas primero, índice más bajo primero, columna de herramienta con lo más urgente primero.",
    ),
});
export type GapMatrixFilters = z.infer<typeof GapMatrixFilters>;

export const GapMatrixQuery = GapMatrixFilters.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(5000).default(100),
});
export type GapMatrixQuery = z.infer<typeof GapMatrixQuery>;

export const GapMatrixColumn = z.object({
  tool: z.string(),
  toolName: z.string(),
  dimension: z.string(),
  dimensionName: z.string(),
});
export type GapMatrixColumn = z.infer<typeof GapMatrixColumn>;

export const GapMatrixCell = component("GapMatrixCell", {
  state: ToolState.describe(
    "Estado del ciclo que cuenta, reunido de sus componentes (decisions/0010).",
  ),
  deadline: LocalDate.nullable().describe(
    "El plazo más próximo entre lo aún no validado (ciclos vencidos, el que cuenta, el en curso).",
  ),
  overdue: z.boolean().describe("Algún ciclo (el que cuenta o uno anterior) venció sin validarse."),
  cycle: z
    .number()
    .int()
    .describe("El ciclo que cuenta: el último vencido o validado (1 en herramientas únicas)."),
  ...CycleFields,
  parts: z.number().int(),
  validatedParts: z.number().int(),
});
export type GapMatrixCell = z.infer<typeof GapMatrixCell>;

export const GapMatrixRow = z.object({
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  cohort: z.string(),
  signedOn: LocalDate,
  index: z.number().describe("Índice de implementación, 0..1."),
  cells: z
    .array(GapMatrixCell.nullable())
    .describe("Una por columna, en su orden; null si la herramienta no aplica al municipio."),
  exempt: z
    .array(z.string())
    .describe("Claves de las herramientas exentas para el municipio: su celda es null («Exenta»)."),
  gaps: z.number().int().describe("Herramientas mostradas sin validar."),
  overdue: z.number().int().describe("Herramientas mostradas vencidas."),
});
export type GapMatrixRow = z.infer<typeof GapMatrixRow>;

const StateCounts = z.object({
  pending: z.number().int(),
  in_progress: z.number().int(),
  submitted: z.number().int(),
  changes_requested: z.number().int(),
  validated: z.number().int(),
});

export const GapMatrixColumnTotals = z.object({
  tool: z.string(),
  applicable: z.number().int().describe("Municipios (filtrados) a los que aplica."),
  gaps: z.number().int().describe("Sin validar."),
  pending: z.number().int().describe("Pendientes de elaboración."),
  overdue: z.number().int(),
  validated: z.number().int(),
  byState: StateCounts,
});
export type GapMatrixColumnTotals = z.infer<typeof GapMatrixColumnTotals>;

export const GapMatrix = component("GapMatrix", {
  today: LocalDate.describe("La fecha (Ciudad de México) a la que se calculó."),
  columns: z.array(GapMatrixColumn),
  rows: z.array(GapMatrixRow).describe("La página pedida de las filas filtradas y ordenadas."),
  total: z.number().int().describe("Filas que cumplen los filtros (todas las páginas)."),
  page: z.number().int(),
  pageSize: z.number().int(),
  columnTotals: z.array(GapMatrixColumnTotals).describe("Sobre todas las filas filtradas."),
  totals: z.object({
    municipalities: z.number().int(),
    gaps: z.number().int(),
    overdue: z.number().int(),
    validated: z.number().int(),
  }),
  cohorts: z.array(z.string()).describe("Las cohortes existentes, para el filtro."),
  dimensions: z
    .array(z.object({ code: z.string(), name: z.string() }))
    .describe("Las dimensiones existentes, para el filtro."),
});
export type GapMatrix = z.infer<typeof GapMatrix>;
