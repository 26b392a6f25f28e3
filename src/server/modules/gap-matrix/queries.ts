import type {
  GapMatrixFilters,
  GapMatrixQuery,
  GapMatrix as GapMatrixResponse,
} from "../../../contracts/gap-matrix.js";
import type { LocalDate } from "../../../domain/dates.js";
import {
  buildGapMatrix,
  type GapMatrix,
  type MatrixColumn,
  type MatrixFilters,
  type MatrixRowInput,
  matrixColumns,
} from "../../../domain/gap-matrix.js";
import type { Database } from "../../db/client.js";
import { type PreparedJson, prepareJson } from "../../lib/prepared-json.js";
import { derive, progressService, type RegionalProgress } from "../progress/service.js";

/** The matrix with what its filters offer (every cohort and dimension), as of `today`. */
export interface ComputedMatrix {
  today: LocalDate;
  matrix: GapMatrix;
  cohorts: string[];
  dimensions: { code: string; name: string }[];
}

/** The query string's filters as the domain takes them. */
export function toMatrixFilters(query: GapMatrixFilters): MatrixFilters {
  const sort = query.sort.startsWith("tool:")
    ? { tool: query.sort.slice("tool:".length) }
    : (query.sort as Exclude<MatrixFilters["sort"], object | undefined>);
  return {
    cohort: query.cohort,
    dimension: query.dimension,
    state: query.state,
    overdue: query.overdue === undefined ? undefined : query.overdue === "true",
    sort,
    order: query.order,
  };
}

interface MatrixInputs {
  columns: MatrixColumn[];
  rows: MatrixRowInput[];
  cohorts: string[];
  dimensions: { code: string; name: string }[];
}

/**
 * The matrix's rows and columns before filters, from the shared progress of the region (cached
 * per change stamp, so a request while nothing changed reads no instance at all).
 */
function matrixInputs(progress: RegionalProgress): MatrixInputs {
  return derive(progress, "gap-matrix", () => {
    // The model in force first (its order), then tools only older versions have.
    const outlines = [
      progress.model,
      ...[...progress.outlines].filter(([id]) => id !== progress.model.versionId).map(([, o]) => o),
    ];
    const columns = matrixColumns(outlines);
    const toolSets = new Map(
      [...progress.outlines].map(([id, outline]) => [
        id,
        new Set(outline.dimensions.flatMap((d) => d.tools.map((t) => t.code))),
      ]),
    );
    const rows = progress.municipalities.map((municipality): MatrixRowInput => {
      const participant = progress.participants.get(municipality.cvegeo);
      return {
        cvegeo: municipality.cvegeo,
        name: municipality.name,
        cohort: municipality.cohort,
        signedOn: municipality.signedOn,
        index: municipality.scores.index,
        tools: (participant && toolSets.get(participant.modelVersionId)) || new Set(),
        statuses: new Map(municipality.tools.map((status) => [status.toolCode, status])),
        exempt: new Set(participant?.exemptTools ?? []),
      };
    });
    const dimensions = new Map<string, string>();
    for (const column of columns) {
      dimensions.set(column.dimensionCode, column.dimensionName);
    }
    return {
      columns,
      rows,
      cohorts: [...new Set(rows.map((row) => row.cohort))].sort((a, b) => a.localeCompare(b, "es")),
      dimensions: [...dimensions].map(([code, name]) => ({ code, name })),
    };
  });
}

/**
 * How many filtered matrices, and how many serialized pages, are kept with one progress: every
 * combination a person asks for in a day fits; a flood of odd ones empties the cache, it does not
 * grow it.
 */
const MAX_MATRICES = 64;
const MAX_PAGES = 256;

/** A bounded cache kept with a progress: emptied when full, dropped with the progress. */
function keptWith<T>(progress: RegionalProgress, name: string, max: number) {
  const entries = derive(progress, name, () => new Map<string, T>());
  return (key: string, compute: () => T): T => {
    const kept = entries.get(key);
    if (kept !== undefined) {
      return kept;
    }
    const value = compute();
    if (entries.size >= max) {
      entries.clear();
    }
    entries.set(key, value);
    return value;
  };
}

/** The matrix of the current progress with these filters and order, built once per change. */
function matrixOf(progress: RegionalProgress, filters: GapMatrixFilters): ComputedMatrix {
  const key = JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
  return keptWith<ComputedMatrix>(
    progress,
    "gap-matrix.matrices",
    MAX_MATRICES,
  )(key, () => {
    const inputs = matrixInputs(progress);
    return {
      today: progress.asOf,
      matrix: buildGapMatrix(inputs.columns, inputs.rows, toMatrixFilters(filters)),
      cohorts: inputs.cohorts,
      dimensions: inputs.dimensions,
    };
  });
}

/** The gap matrix of every participating municipality as of `now`, filtered and sorted. */
export async function computeGapMatrix(
  db: Database,
  filters: GapMatrixFilters,
  now: Date,
): Promise<ComputedMatrix> {
  return matrixOf(await progressService(db).current(now), filters);
}

/**
 * One page of the gap matrix as the API sends it: serialized and gzipped once per change of the
 * progress, filters, order and page (decision 0027).
 */
export async function gapMatrixPage(
  db: Database,
  query: GapMatrixQuery,
  now: Date,
): Promise<PreparedJson> {
  const progress = await progressService(db).current(now);
  const { page, pageSize, ...filters } = query;
  const key = JSON.stringify([
    ...Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)),
    page,
    pageSize,
  ]);
  const pages = keptWith<Promise<PreparedJson>>(progress, "gap-matrix.pages", MAX_PAGES);
  return pages(key, () => {
    const prepared = prepareJson(presentGapMatrix(matrixOf(progress, filters), page, pageSize));
    // A failure must not stay cached: the next request tries again.
    prepared.catch(() => progress.derived.delete("gap-matrix.pages"));
    return prepared;
  });
}

/** The JSON presenter: one page of rows, totals over all of them. */
export function presentGapMatrix(
  computed: ComputedMatrix,
  page: number,
  pageSize: number,
): GapMatrixResponse {
  const { matrix } = computed;
  const start = (page - 1) * pageSize;
  return {
    today: computed.today,
    columns: matrix.columns.map((column) => ({
      tool: column.toolCode,
      toolName: column.toolName,
      dimension: column.dimensionCode,
      dimensionName: column.dimensionName,
    })),
    rows: matrix.rows.slice(start, start + pageSize).map((row) => ({
      municipality: { cvegeo: row.cvegeo, name: row.name },
      cohort: row.cohort,
      signedOn: row.signedOn,
      index: row.index,
      cells: row.cells,
      exempt: row.exempt,
      gaps: row.gaps,
      overdue: row.overdue,
    })),
    total: matrix.rows.length,
    page,
    pageSize,
    columnTotals: matrix.columnTotals.map(({ toolCode, ...totals }) => ({
      tool: toolCode,
      ...totals,
    })),
    totals: matrix.totals,
    cohorts: computed.cohorts,
    dimensions: computed.dimensions,
  };
}
