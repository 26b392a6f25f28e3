/**
 * The gap matrix: participating municipalities × the model's tools, one folded status per cell
 * (from `toolStatuses`), with the filters, the sorting and the row and column totals that the
 * matrix screen, its JSON API and its XLSX export all share.
 */
import { compareDates, type LocalDate } from "./dates.js";
import { isGap, type ToolStatus } from "./progress.js";
import type { ToolState } from "./tool-state.js";

/** One tool column, in model order. */
export interface MatrixColumn {
  toolCode: string;
  toolName: string;
  dimensionCode: string;
  dimensionName: string;
}

/** What the matrix needs to know of one participating municipality. */
export interface MatrixRowInput {
  cvegeo: string;
  name: string;
  cohort: string;
  signedOn: LocalDate;
  /** Implementation index, 0..1 (from `scoreMunicipality`). */
  index: number;
  /** The tool codes of the municipality's model version: other columns do not apply to it. */
  tools: ReadonlySet<string>;
  /** Tools staff exempted for this municipality: no cell (they do not count), shown «Exenta». */
  exempt?: ReadonlySet<string>;
  /** The current status of each tool (from `toolStatuses`). */
  statuses: ReadonlyMap<string, ToolStatus>;
}

export type MatrixCell = Pick<
  ToolStatus,
  | "state"
  | "deadline"
  | "overdue"
  | "cycle"
  | "missedCycles"
  | "workingCycle"
  | "parts"
  | "validatedParts"
>;

export interface MatrixRow {
  cvegeo: string;
  name: string;
  cohort: string;
  signedOn: LocalDate;
  index: number;
  /** One per shown column; null where the tool does not apply (not in its model version). */
  cells: (MatrixCell | null)[];
  /** The shown columns' tools exempted for this municipality (their cells are null). */
  exempt: string[];
  /** Shown tools that are gaps: not validated, or with a missed yearly cycle (`isGap`). */
  gaps: number;
  /** Shown tools past their deadline and not validated. */
  overdue: number;
}

export interface ColumnTotals {
  toolCode: string;
  /** Municipalities (of the filtered rows) where the tool applies. */
  applicable: number;
  /** Gaps: not validated, or with a missed yearly cycle not yet validated (`isGap`). */
  gaps: number;
  /** In the state "pendiente de elaboración". */
  pending: number;
  overdue: number;
  /** Validated with no missed cycle: complete (applicable − gaps). */
  validated: number;
  /** By the state of the counted cycle. */
  byState: Record<ToolState, number>;
}

export const MATRIX_SORT_KEYS = ["name", "gaps", "overdue", "index"] as const;
export type MatrixSortKey = (typeof MATRIX_SORT_KEYS)[number];

/** How the rows are ordered: by a row figure, or by one tool's column (`{ tool: "E2" }`). */
export type MatrixSort = MatrixSortKey | { tool: string };
export type SortOrder = "asc" | "desc";

export interface MatrixFilters {
  cohort?: string;
  /** Only the tools of this dimension are shown (and counted). */
  dimension?: string;
  /** Only municipalities with at least one shown tool in this state. */
  state?: ToolState;
  /** true: only municipalities with an overdue shown tool; false: only those without. */
  overdue?: boolean;
  sort?: MatrixSort;
  /** Defaults to the sort's natural direction (see `defaultOrder`). */
  order?: SortOrder;
}

export interface GapMatrix {
  columns: MatrixColumn[];
  rows: MatrixRow[];
  columnTotals: ColumnTotals[];
  totals: { municipalities: number; gaps: number; overdue: number; validated: number };
}

/**
 * The direction each sort takes unless told otherwise: names A→Z; most gaps and most overdue
 * first; the lowest index first (who needs support most); for a tool column, the most urgent cell
 * first (see `cellUrgency`).
 */
export function defaultOrder(sort: MatrixSort): SortOrder {
  if (typeof sort === "object") {
    return "asc";
  }
  return sort === "gaps" || sort === "overdue" ? "desc" : "asc";
}

/**
 * How urgent a cell is, lowest first: overdue, then returned with observations, not started, in
 * progress, in review, validated; a tool that does not apply comes last.
 */
export function cellUrgency(cell: MatrixCell | null): number {
  if (cell === null) {
    return 7;
  }
  if (cell.overdue) {
    return 0;
  }
  const rank: Record<ToolState, number> = {
    changes_requested: 1,
    pending: 2,
    in_progress: 3,
    submitted: 4,
    validated: 5,
  };
  return rank[cell.state];
}

/**
 * The columns of the matrix: every tool of the given model outlines, in the order of the first
 * outline (the model in force), followed by tools only older versions have.
 */
export function matrixColumns(
  outlines: readonly {
    dimensions: readonly {
      code: string;
      name: string;
      tools: readonly { code: string; name: string }[];
    }[];
  }[],
): MatrixColumn[] {
  const columns: MatrixColumn[] = [];
  const seen = new Set<string>();
  for (const outline of outlines) {
    for (const dimension of outline.dimensions) {
      for (const tool of dimension.tools) {
        if (!seen.has(tool.code)) {
          seen.add(tool.code);
          columns.push({
            toolCode: tool.code,
            toolName: tool.name,
            dimensionCode: dimension.code,
            dimensionName: dimension.name,
          });
        }
      }
    }
  }
  return columns;
}

const collator = new Intl.Collator("es", { sensitivity: "base", numeric: true });

/** Builds the matrix: filters rows and columns, fills the cells, sorts, and totals it. */
export function buildGapMatrix(
  allColumns: readonly MatrixColumn[],
  inputs: readonly MatrixRowInput[],
  filters: MatrixFilters = {},
): GapMatrix {
  const columns = filters.dimension
    ? allColumns.filter((column) => column.dimensionCode === filters.dimension)
    : [...allColumns];
  const rows: MatrixRow[] = [];
  for (const input of inputs) {
    const row = matrixRow(input, columns, filters);
    if (row) {
      rows.push(row);
    }
  }
  rows.sort(rowOrder(columns, filters.sort ?? "name", filters.order));
  return totalled(columns, rows);
}

/**
 * The matrix `previous` (built with the same columns and `filters`) after some municipalities
 * changed: the rows of `removed` and of every `changed` input leave, the changed inputs come back
 * at their place (binary search: the order is total, ties end on the key), and the totals are
 * counted again. Equal to `buildGapMatrix` over the new inputs, at the cost of the changed rows.
 */
export function updateGapMatrix(
  previous: GapMatrix,
  changed: readonly MatrixRowInput[],
  removed: ReadonlySet<string>,
  filters: MatrixFilters = {},
): GapMatrix {
  const { columns } = previous;
  const leaving = new Set(removed);
  for (const input of changed) {
    leaving.add(input.cvegeo);
  }
  const rows = previous.rows.filter((row) => !leaving.has(row.cvegeo));
  const compare = rowOrder(columns, filters.sort ?? "name", filters.order);
  for (const input of changed) {
    const row = matrixRow(input, columns, filters);
    if (row) {
      let low = 0;
      let high = rows.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compare(rows[middle] as MatrixRow, row) <= 0) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      rows.splice(low, 0, row);
    }
  }
  return totalled(columns, rows);
}

/** One municipality's row with these columns, or null when the filters leave it out. */
function matrixRow(
  input: MatrixRowInput,
  columns: readonly MatrixColumn[],
  filters: MatrixFilters,
): MatrixRow | null {
  if (filters.cohort !== undefined && input.cohort !== filters.cohort) {
    return null;
  }
  const cells = columns.map((column) => cellOf(input, column.toolCode));
  const shown = cells.filter((cell): cell is MatrixCell => cell !== null);
  const overdue = shown.filter((cell) => cell.overdue).length;
  if (filters.state !== undefined && !shown.some((cell) => cell.state === filters.state)) {
    return null;
  }
  if (filters.overdue !== undefined && overdue > 0 !== filters.overdue) {
    return null;
  }
  return {
    cvegeo: input.cvegeo,
    name: input.name,
    cohort: input.cohort,
    signedOn: input.signedOn,
    index: input.index,
    cells,
    exempt: columns
      .map((column) => column.toolCode)
      .filter((code) => input.exempt?.has(code) === true),
    gaps: shown.filter((cell) => isGap(cell)).length,
    overdue,
  };
}

/** The matrix of sorted rows: column and overall totals. */
function totalled(columns: MatrixColumn[], rows: MatrixRow[]): GapMatrix {
  const columnTotals = columns.map((column, position) => totalsOf(column.toolCode, rows, position));
  return {
    columns,
    rows,
    columnTotals,
    totals: {
      municipalities: rows.length,
      gaps: rows.reduce((sum, row) => sum + row.gaps, 0),
      overdue: rows.reduce((sum, row) => sum + row.overdue, 0),
      validated: columnTotals.reduce((sum, column) => sum + column.validated, 0),
    },
  };
}

function cellOf(input: MatrixRowInput, toolCode: string): MatrixCell | null {
  if (!input.tools.has(toolCode) || input.exempt?.has(toolCode)) {
    return null;
  }
  const status = input.statuses.get(toolCode);
  if (!status) {
    // The tool applies but has no instance open yet: nothing has been done.
    return {
      state: "pending",
      deadline: null,
      overdue: false,
      cycle: 1,
      missedCycles: [],
      workingCycle: null,
      parts: 0,
      validatedParts: 0,
    };
  }
  const { state, deadline, overdue, cycle, missedCycles, workingCycle, parts, validatedParts } =
    status;
  return {
    state,
    deadline,
    overdue,
    cycle,
    missedCycles: [...missedCycles],
    workingCycle,
    parts,
    validatedParts,
  };
}

/**
 * The order of the rows: by the sort in its direction, ties by name A→Z (whatever the direction),
 * then by key. A total order: any two rows of different municipalities compare unequal.
 */
function rowOrder(
  columns: readonly MatrixColumn[],
  sort: MatrixSort,
  order: SortOrder | undefined,
): (a: MatrixRow, b: MatrixRow) => number {
  const direction = (order ?? defaultOrder(sort)) === "asc" ? 1 : -1;
  const byName = (a: MatrixRow, b: MatrixRow) =>
    collator.compare(a.name, b.name) || a.cvegeo.localeCompare(b.cvegeo);
  let compare: (a: MatrixRow, b: MatrixRow) => number;
  if (typeof sort === "object") {
    const position = columns.findIndex((column) => column.toolCode === sort.tool);
    compare = (a, b) => {
      if (position < 0) {
        return 0;
      }
      const cellA = a.cells[position] ?? null;
      const cellB = b.cells[position] ?? null;
      return cellUrgency(cellA) - cellUrgency(cellB) || compareDeadlines(cellA, cellB);
    };
  } else if (sort === "name") {
    compare = byName;
  } else {
    compare = (a, b) => a[sort] - b[sort];
  }
  return (a, b) => direction * compare(a, b) || (sort === "name" ? 0 : byName(a, b));
}

/** Earlier deadlines first; cells without a deadline after those with one. */
function compareDeadlines(a: MatrixCell | null, b: MatrixCell | null): number {
  const da = a?.deadline ?? null;
  const db = b?.deadline ?? null;
  if (da === db) {
    return 0;
  }
  if (da === null) {
    return 1;
  }
  if (db === null) {
    return -1;
  }
  return compareDates(da, db);
}

function totalsOf(toolCode: string, rows: readonly MatrixRow[], position: number): ColumnTotals {
  const byState: Record<ToolState, number> = {
    pending: 0,
    in_progress: 0,
    submitted: 0,
    changes_requested: 0,
    validated: 0,
  };
  let applicable = 0;
  let overdue = 0;
  let gaps = 0;
  for (const row of rows) {
    const cell = row.cells[position];
    if (!cell) {
      continue;
    }
    applicable += 1;
    byState[cell.state] += 1;
    if (cell.overdue) {
      overdue += 1;
    }
    if (isGap(cell)) {
      gaps += 1;
    }
  }
  return {
    toolCode,
    applicable,
    gaps,
    pending: byState.pending,
    overdue,
    validated: applicable - gaps,
    byState,
  };
}
