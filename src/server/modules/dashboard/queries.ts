import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { OpenObservation, UpcomingSupportAction } from "../../../contracts/dashboard.js";
import type { Executor } from "../../db/client.js";
import {
  modelToolParts,
  modelTools,
  observations,
  supportActionInvitations,
  supportActions,
  supportActionTools,
  toolInstances,
} from "../../db/schema/index.js";
import { activeInstance, instanceJoins } from "../../lib/instance-joins.js";
import { latestReview as latestReviewOf } from "../../lib/latest-review.js";

/**
 * The observations a municipality has to address: those of the review that returned each of its
 * instances now "con observaciones", in the order the reviewer wrote them, oldest return first.
 */
export async function listOpenObservations(
  db: Executor,
  cvegeo: string,
): Promise<OpenObservation[]> {
  const latestReview = latestReviewOf(db);
  const rows = await db
    .select({
      observation: observations,
      decidedAt: latestReview.decidedAt,
      tool: toolInstances.toolCode,
      part: toolInstances.partCode,
      toolName: modelTools.name,
      partName: modelToolParts.name,
    })
    .from(toolInstances)
    .innerJoinLateral(latestReview, sql`true`)
    .innerJoin(observations, eq(observations.reviewId, latestReview.id))
    .innerJoin(modelTools, instanceJoins.tool)
    .leftJoin(modelToolParts, instanceJoins.part)
    .where(
      and(
        eq(toolInstances.municipalityCvegeo, cvegeo),
        eq(toolInstances.state, "changes_requested"),
        activeInstance,
      ),
    )
    .orderBy(asc(latestReview.decidedAt), asc(observations.position));
  return rows.map((row) => ({
    id: row.observation.id,
    instanceId: row.observation.toolInstanceId,
    tool: row.tool,
    toolName: row.toolName,
    part: row.part,
    partName: row.partName,
    type: row.observation.type,
    text: row.observation.text,
    answered: row.observation.answer !== null,
    returnedAt: toDate(row.decidedAt).toISOString(),
  }));
}

/**
 * The support actions a municipality is invited to that have not ended yet (planned, not
 * cancelled or held), soonest first.
 */
export async function listUpcomingSupportActions(
  db: Executor,
  cvegeo: string,
  now: Date,
  limit = 10,
): Promise<UpcomingSupportAction[]> {
  const rows = await db
    .select({
      action: supportActions,
      tools: sql<
        string[] | null
      >`array_remove(array_agg(${supportActionTools.toolCode} order by ${supportActionTools.toolCode}), null)`,
    })
    .from(supportActions)
    .innerJoin(
      supportActionInvitations,
      and(
        eq(supportActionInvitations.actionId, supportActions.id),
        eq(supportActionInvitations.municipalityCvegeo, cvegeo),
      ),
    )
    .leftJoin(supportActionTools, eq(supportActionTools.actionId, supportActions.id))
    .where(
      and(
        eq(supportActions.status, "planned"),
        gt(
          sql`${supportActions.startsAt} + ${supportActions.durationMinutes} * interval '1 minute'`,
          sql`${now.toISOString()}::timestamptz`,
        ),
      ),
    )
    .groupBy(supportActions.id)
    .orderBy(asc(supportActions.startsAt))
    .limit(limit);
  return rows.map(({ action, tools }) => ({
    id: action.id,
    type: action.type,
    title: action.title,
    startsAt: action.startsAt.toISOString(),
    durationMinutes: action.durationMinutes,
    modality: action.modality,
    place: action.place,
    tools: tools ?? [],
  }));
}

/** Aggregates and subqueries may hand timestamps back as text on one driver and Date on another. */
function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
