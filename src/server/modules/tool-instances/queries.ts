import { and, asc, eq, type SQL } from "drizzle-orm";
import type { ToolInstance } from "../../../contracts/participation.js";
import { type LocalDate, localDateOf } from "../../../domain/dates.js";
import { daysLeft, isOverdue } from "../../../domain/deadlines.js";
import type { Executor } from "../../db/client.js";
import {
  modelDimensions,
  modelToolParts,
  modelTools,
  toolInstances,
} from "../../db/schema/index.js";
import { activeInstance, instanceJoins } from "../../lib/instance-joins.js";

/**
 * The columns that name an instance beside it, through `instanceJoins`' tool, dimension and part
 * (`instanceSummary` takes them, with the tool's name and period kind).
 */
export const instanceNameColumns = {
  instance: toolInstances,
  dimension: modelDimensions.code,
  dimensionName: modelDimensions.name,
  partName: modelToolParts.name,
};

/**
 * A municipality's instances joined to their tool, dimension and part, in model order (dimension,
 * tool, cycle, part). The one query behind the tools list and the diagnostic.
 */
export function selectInstanceRows(
  db: Executor,
  cvegeo: string,
  where?: SQL,
  withArchived = false,
) {
  return db
    .select({
      ...instanceNameColumns,
      toolName: modelTools.name,
      periodKind: modelTools.periodKind,
      periodLabel: modelTools.periodLabel,
    })
    .from(toolInstances)
    .innerJoin(modelTools, instanceJoins.tool)
    .innerJoin(modelDimensions, instanceJoins.dimension)
    .leftJoin(modelToolParts, instanceJoins.part)
    .where(
      and(
        eq(toolInstances.municipalityCvegeo, cvegeo),
        withArchived ? undefined : activeInstance,
        where,
      ),
    )
    .orderBy(
      asc(modelDimensions.position),
      asc(modelTools.position),
      asc(toolInstances.cycle),
      asc(modelToolParts.position),
    );
}

/** What the instance lists show of an instance: its row with its names. */
type InstanceNamesRow = Pick<
  Awaited<ReturnType<typeof selectInstanceRows>>[number],
  keyof typeof instanceNameColumns | "toolName" | "periodKind"
>;

/**
 * A municipality's tool instances in model order, with overdue and days left derived for `now`;
 * those a move to another model version archived only `withArchived` (a tool page's history).
 */
export async function listInstances(
  db: Executor,
  cvegeo: string,
  now: Date,
  withArchived = false,
): Promise<ToolInstance[]> {
  const today = localDateOf(now);
  const rows = await selectInstanceRows(db, cvegeo, undefined, withArchived);
  return rows.map((row) => instanceSummary(row, today));
}

/** One instance as the lists show it, with overdue and days left as of `today`. */
export function instanceSummary(
  { instance, toolName, dimension, dimensionName, periodKind, partName }: InstanceNamesRow,
  today: LocalDate,
): ToolInstance {
  return {
    id: instance.id,
    tool: instance.toolCode,
    toolName,
    dimension,
    dimensionName,
    annual: periodKind === "annual",
    part: instance.partCode,
    partName,
    cycle: instance.cycle,
    opensOn: instance.opensOn,
    deadline: instance.deadline,
    originalDeadline: instance.originalDeadline,
    state: instance.state,
    overdue: isOverdue(instance.deadline, instance.state === "validated", today),
    daysLeft: instance.state === "validated" ? null : daysLeft(instance.deadline, today),
    version: instance.version,
    archived: instance.archivedAt !== null,
    importedOn: instance.importedAt ? localDateOf(instance.importedAt) : null,
  };
}
