import { and, asc, eq, exists, not, or, type SQL, sql } from "drizzle-orm";
import type { ReviewQueueItem, ReviewQueueQuery } from "../../../contracts/participation.js";
import type { z } from "../../../contracts/zod.js";
import { daysBetween, localDateOf } from "../../../domain/dates.js";
import type { Executor } from "../../db/client.js";
import {
  agreements,
  modelDimensions,
  modelToolParts,
  modelTools,
  municipalities,
  reviewerMunicipalities,
  reviews,
  toolInstances,
} from "../../db/schema/index.js";
import { instanceJoins, latestSubmission } from "../../lib/instance-joins.js";

/** Every submitted instance with the time of its latest submission, oldest first. */
export async function listReviewQueue(
  db: Executor,
  filters: z.infer<typeof ReviewQueueQuery>,
  now: Date,
  /** Who asks: «Mis municipios» (`scope: "mine"`) is this reviewer's portfolio. */
  reviewerId: string | null = null,
): Promise<ReviewQueueItem[]> {
  const conditions: SQL[] = [eq(toolInstances.state, "submitted")];
  if (filters.scope === "mine") {
    // «Mis municipios» is what the reviewer is told of (src/domain/portfolios.ts): the
    // municipalities in their portfolio and those in nobody's, so an empty portfolio sees all.
    const assignedTo = (reviewer: SQL | undefined) =>
      exists(
        db
          .select({ one: sql`1` })
          .from(reviewerMunicipalities)
          .where(
            and(
              reviewer,
              eq(reviewerMunicipalities.municipalityCvegeo, toolInstances.municipalityCvegeo),
            ),
          ),
      );
    conditions.push(
      or(
        assignedTo(eq(reviewerMunicipalities.reviewerId, reviewerId ?? sql`null`)),
        not(assignedTo(undefined)),
      ) as SQL,
    );
  }
  if (filters.municipality) {
    conditions.push(eq(toolInstances.municipalityCvegeo, filters.municipality));
  }
  if (filters.tool) {
    conditions.push(eq(toolInstances.toolCode, filters.tool));
  }
  if (filters.dimension) {
    conditions.push(eq(modelDimensions.code, filters.dimension));
  }
  if (filters.cohort) {
    conditions.push(eq(agreements.cohort, filters.cohort));
  }
  // Per instance, its latest submission (one index entry) and whether a review ever returned it:
  // the cost does not grow with the rounds an instance went through.
  const submitted = latestSubmission(db);
  const rows = await db
    .select({
      instance: toolInstances,
      municipalityName: municipalities.name,
      cohort: agreements.cohort,
      toolName: modelTools.name,
      dimension: modelDimensions.code,
      partName: modelToolParts.name,
      submittedAt: submitted.submittedAt,
      resubmission: exists(
        db
          .select({ one: sql`1` })
          .from(reviews)
          .where(
            and(
              eq(reviews.toolInstanceId, toolInstances.id),
              eq(reviews.decision, "changes_requested"),
            ),
          ),
      ).mapWith(Boolean),
    })
    .from(toolInstances)
    .innerJoinLateral(submitted, sql`true`)
    .innerJoin(agreements, eq(agreements.id, toolInstances.agreementId))
    .innerJoin(municipalities, instanceJoins.municipality)
    .innerJoin(modelTools, instanceJoins.tool)
    .innerJoin(modelDimensions, instanceJoins.dimension)
    .leftJoin(modelToolParts, instanceJoins.part)
    .where(and(...conditions))
    .orderBy(asc(submitted.submittedAt));
  const today = localDateOf(now);
  return rows.map((row) => {
    const submittedAt =
      row.submittedAt instanceof Date ? row.submittedAt : new Date(String(row.submittedAt));
    return {
      instanceId: row.instance.id,
      municipality: { cvegeo: row.instance.municipalityCvegeo, name: row.municipalityName },
      cohort: row.cohort,
      tool: row.instance.toolCode,
      toolName: row.toolName,
      dimension: row.dimension,
      part: row.instance.partCode,
      partName: row.partName,
      cycle: row.instance.cycle,
      deadline: row.instance.deadline,
      submittedAt: submittedAt.toISOString(),
      daysWaiting: daysBetween(localDateOf(submittedAt), today),
      resubmission: row.resubmission,
      version: row.instance.version,
    };
  });
}
