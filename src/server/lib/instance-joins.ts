import { and, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "../db/client.js";
import {
  modelDimensions,
  modelToolParts,
  modelTools,
  municipalities,
  submissions,
  toolInstances,
} from "../db/schema/index.js";

/**
 * How a tool instance joins what names it: its municipality, its model tool, the tool's dimension
 * and, for a component, the part (a left join: most tools have no parts). One definition for
 * every query that lists instances with their names.
 */
export const instanceJoins = {
  municipality: eq(municipalities.cvegeo, toolInstances.municipalityCvegeo),
  tool: eq(modelTools.id, toolInstances.modelToolId),
  dimension: eq(modelDimensions.id, modelTools.dimensionId),
  part: and(
    eq(modelToolParts.toolId, modelTools.id),
    eq(modelToolParts.code, toolInstances.partCode),
  ),
};

/**
 * The instances that count: not archived by a move to another model version (decision 0030).
 * Archived ones keep their history (reachable by id, in the timeline and the audit trail) but
 * leave scores, lists and reminders.
 */
export const activeInstance = isNull(toolInstances.archivedAt);

/**
 * Per instance of the outer query, the time of its latest submission: one index entry however many
 * rounds the instance went through. Join it laterally, on true.
 */
export function latestSubmission(db: Executor) {
  return db
    .select({ submittedAt: submissions.submittedAt })
    .from(submissions)
    .where(eq(submissions.toolInstanceId, toolInstances.id))
    .orderBy(desc(submissions.submittedAt))
    .limit(1)
    .as("latest_submission");
}
