import type {
  GapMatrixFilters,
  GapMatrixQuery,
  GapMatrix as GapMatrixResponse,
} from "../../../contracts/gap-matrix.js";
import type { MunicipalityProgress } from "../../../domain/dashboard.js";
import type { LocalDate } from "../../../domain/dates.js";
import {
  buildGapMatrix,
  type GapMatrix,
  type MatrixColumn,
  type MatrixFilters,
  type MatrixRowInput,
  matrixColumns,
  updateGapMatrix,
} from "../../../domain/gap-matrix.js";
import type { Database } from "../../db/client.js";
import { type PreparedJson, prepareJson } from "../../lib/prepared-json.js";
import {
  derive,
  deriveStable,
  progressService,
  type RegionalProgress,
} from "../progress/service.js";

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

/** What the matrix takes from the models: its columns and what its filters offer. */
interface MatrixFrame {
  columns: MatrixColumn[];
  /** Each model version's tools: the columns that apply to its municipalities. */
  toolSets: Map<string, Set<string>>;
  dimensions: { code: string; name: string }[];
}

/** The columns depend on the models only: kept across changes in municipalities. */
function matrixFrame(progress: RegionalProgress): MatrixFrame {
  return deriveStable(progress, "gap-matrix.frame", () => {
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
    const dimensions = new Map<string, string>();
    for (const column of columns) {
      dimensions.set(column.dimensionCode, column.dimensionName);
    }
    return {
      columns,
      toolSets,
      dimensions: [...dimensions].map(([code, name]) => ({ code, name })),
    };
  });
}

/** One participant's row before filters. */
function rowInput(
  progress: RegionalProgress,
  frame: MatrixFrame,
  municipality: MunicipalityProgress,
): MatrixRowInput {
  const participant = progress.participants.get(municipality.cvegeo);
  return {
    cvegeo: municipality.cvegeo,
    name: municipality.name,
    cohort: municipality.cohort,
    signedOn: municipality.signedOn,
    index: municipality.scores.index,
    tools: (participant && frame.toolSets.get(participant.modelVersionId)) || new Set(),
    statuses: new Map(municipality.tools.map((status) => [status.toolCode, status])),
    exempt: new Set(participant?.exemptTools ?? []),
  };
}

/** The cohorts the filter offers: every participant's, by name. */
function cohortsOf(progress: RegionalProgress): string[] {
  return derive(progress, "gap-matrix.cohorts", () =>
    [...new Set(progress.municipalities.map((row) => row.cohort))].sort((a, b) =>
      a.localeCompare(b, "es"),
    ),
  );
}

/**
 * How many filtered matrices, and how many serialized pages, are kept with one progress: every
 * combination a person asks for in a day fits; a flood of odd ones empties the cache, it does not
 * grow it.
 */
const MAX_MATRICES = 64;
const MAX_PAGES = 256;
/** Matrices kept across changes to be updated (see `LastMatrix`): the most recently asked. */
const MAX_LAST_MATRICES = 8;

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

/**
 * The last matrix computed for each filter and order, with the municipalities' figures it was
 * computed from: the next progress updates it for the municipalities whose figures are other
 * objects (those a change recomputed) instead of building it again.
 */
interface LastMatrix {
  sources: ReadonlyMap<string, MunicipalityProgress>;
  matrix: GapMatrix;
}

/** The matrix of the current progress with these filters and order, built once per change. */
function matrixOf(progress: RegionalProgress, filters: GapMatrixFilters): ComputedMatrix {
  const key = JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
  return keptWith<ComputedMatrix>(
    progress,
    "gap-matrix.matrices",
    MAX_MATRICES,
  )(key, () => {
    const frame = matrixFrame(progress);
    const domainFilters = toMatrixFilters(filters);
    const lastByFilters = deriveStable(
      progress,
      "gap-matrix.last",
      () => new Map<string, LastMatrix>(),
    );
    const last = lastByFilters.get(key);
    const changed: MatrixRowInput[] = [];
    for (const municipality of last ? progress.municipalities : []) {
      if (last?.sources.get(municipality.cvegeo) !== municipality) {
        changed.push(rowInput(progress, frame, municipality));
      }
    }
    let matrix: GapMatrix;
    if (last && changed.length <= progress.municipalities.length / 4) {
      const removed = new Set<string>();
      for (const cvegeo of last.sources.keys()) {
        if (!progress.byCvegeo.has(cvegeo)) {
          removed.add(cvegeo);
        }
      }
      matrix = updateGapMatrix(last.matrix, changed, removed, domainFilters);
    } else {
      matrix = gapMatrixAfresh(progress, filters).matrix;
    }
    // The least recently computed leaves first: a bounded memory of a few filters and orders.
    lastByFilters.delete(key);
    if (lastByFilters.size >= MAX_LAST_MATRICES) {
      lastByFilters.delete(lastByFilters.keys().next().value as string);
    }
    lastByFilters.set(key, { sources: progress.byCvegeo, matrix });
    return {
      today: progress.asOf,
      matrix,
      cohorts: cohortsOf(progress),
      dimensions: frame.dimensions,
    };
  });
}

/** The matrix built from every municipality's row, with no earlier matrix to update. */
export function gapMatrixAfresh(
  progress: RegionalProgress,
  filters: GapMatrixFilters,
): ComputedMatrix {
  const frame = matrixFrame(progress);
  return {
    today: progress.asOf,
    matrix: buildGapMatrix(
      frame.columns,
      progress.municipalities.map((municipality) => rowInput(progress, frame, municipality)),
      toMatrixFilters(filters),
    ),
    cohorts: cohortsOf(progress),
    dimensions: frame.dimensions,
  };
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
