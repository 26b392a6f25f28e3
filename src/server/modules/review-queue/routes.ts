import { and, asc, desc, eq, exists, type SQL, sql } from "drizzle-orm";
import { ReviewQueueItem, ReviewQueueQuery } from "../../../contracts/participation.js";
import { z } from "../../../contracts/zod.js";
import { daysBetween, localDateOf } from "../../../domain/dates.js";
import type { Executor } from "../../db/client.js";
import {
  agreements,
  modelDimensions,
  modelToolParts,
  modelTools,
  municipalities,
  reviews,
  submissions,
  toolInstances,
} from "../../db/schema/index.js";
import { requireRole } from "../../plugins/auth.js";
import type { App } from "../../types.js";

export async function reviewQueueRoutes(app: App): Promise<void> {
  const { db, now } = app.deps;
  app.get(
    "/api/review-queue",
    {
      schema: {
        tags: ["revisión"],
        summary: "Herramientas en revisión, la espera más larga primero (personal)",
        querystring: ReviewQueueQuery,
        response: { 200: z.array(ReviewQueueItem) },
      },
    },
    async (request) => {
      requireRole(request, "admin", "reviewer");
      return listQueue(db, request.query, now());
    },
  );
}

/** Every submitted instance with the time of its latest submission, oldest first. */
async function listQueue(
  db: Executor,
  filters: z.infer<typeof ReviewQueueQuery>,
  now: Date,
): Promise<ReviewQueueItem[]> {
  const conditions: SQL[] = [eq(toolInstances.state, "submitted")];
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
  const latestSubmission = db
    .select({ submittedAt: submissions.submittedAt })
    .from(submissions)
    .where(eq(submissions.toolInstanceId, toolInstances.id))
    .orderBy(desc(submissions.submittedAt))
    .limit(1)
    .as("latest_submission");
  const rows = await db
    .select({
      instance: toolInstances,
      municipalityName: municipalities.name,
      cohort: agreements.cohort,
      toolName: modelTools.name,
      dimension: modelDimensions.code,
      partName: modelToolParts.name,
      submittedAt: latestSubmission.submittedAt,
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
    .innerJoinLateral(latestSubmission, sql`true`)
    .innerJoin(agreements, eq(agreements.id, toolInstances.agreementId))
    .innerJoin(municipalities, eq(municipalities.cvegeo, toolInstances.municipalityCvegeo))
    .innerJoin(modelTools, eq(modelTools.id, toolInstances.modelToolId))
    .innerJoin(modelDimensions, eq(modelDimensions.id, modelTools.dimensionId))
    .leftJoin(
      modelToolParts,
      and(
        eq(modelToolParts.toolId, modelTools.id),
        eq(modelToolParts.code, toolInstances.partCode),
      ),
    )
    .where(and(...conditions))
    .orderBy(asc(latestSubmission.submittedAt));
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
