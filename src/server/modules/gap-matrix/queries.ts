import { desc, inArray } from "drizzle-orm";
import type {
  GapMatrixFilters,
  GapMatrix as GapMatrixResponse,
} from "../../../contracts/gap-matrix.js";
import { type LocalDate, localDateOf } from "../../../domain/dates.js";
import {
  buildGapMatrix,
  type GapMatrix,
  type MatrixFilters,
  type MatrixRowInput,
  matrixColumns,
} from "../../../domain/gap-matrix.js";
import { toolStatuses } from "../../../domain/progress.js";
import { scoreMunicipality } from "../../../domain/scores.js";
import type { Executor } from "../../db/client.js";
import { modelVersions } from "../../db/schema/index.js";
import { loadInstanceFacts, loadModelOutlines, loadParticipants } from "../progress/queries.js";

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

/**
 * Computes the gap matrix of every participating municipality: three reads (participants, model
 * outlines, instance facts), then the shared progress rules in memory.
 */
export async function computeGapMatrix(
  db: Executor,
  filters: MatrixFilters,
  now: Date,
): Promise<ComputedMatrix> {
  const today = localDateOf(now);
  const [participants, facts] = await Promise.all([loadParticipants(db), loadInstanceFacts(db)]);
  const versionIds = [...new Set(participants.map((p) => p.modelVersionId))];
  const [outlines, newestFirst] = await Promise.all([
    loadModelOutlines(db, versionIds),
    versionIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ id: modelVersions.id })
          .from(modelVersions)
          .where(inArray(modelVersions.id, versionIds))
          .orderBy(desc(modelVersions.version)),
  ]);
  const orderedOutlines = newestFirst.flatMap(({ id }) => outlines.get(id) ?? []);
  const columns = matrixColumns(orderedOutlines);
  const toolSets = new Map(
    [...outlines].map(([id, outline]) => [
      id,
      new Set(outline.dimensions.flatMap((d) => d.tools.map((t) => t.code))),
    ]),
  );
  const inputs: MatrixRowInput[] = [];
  for (const participant of participants) {
    const outline = outlines.get(participant.modelVersionId);
    if (!outline) {
      continue;
    }
    const instances = facts.get(participant.cvegeo) ?? [];
    inputs.push({
      cvegeo: participant.cvegeo,
      name: participant.name,
      cohort: participant.cohort,
      signedOn: participant.signedOn,
      index: scoreMunicipality(outline, instances, today).index,
      tools: toolSets.get(participant.modelVersionId) ?? new Set(),
      statuses: toolStatuses(instances, today),
    });
  }
  const dimensions = new Map<string, string>();
  for (const column of columns) {
    dimensions.set(column.dimensionCode, column.dimensionName);
  }
  return {
    today,
    matrix: buildGapMatrix(columns, inputs, filters),
    cohorts: [...new Set(participants.map((p) => p.cohort))].sort((a, b) =>
      a.localeCompare(b, "es"),
    ),
    dimensions: [...dimensions].map(([code, name]) => ({ code, name })),
  };
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
