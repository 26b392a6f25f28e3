import { desc, eq } from "drizzle-orm";
import type { Executor } from "../db/client.js";
import { reviews, toolInstances } from "../db/schema/index.js";

/**
 * Per instance of the outer query, its latest review: one index entry (reviews by instance and
 * time) however many rounds the instance went through. Join it laterally, on true.
 */
export function latestReview(db: Executor) {
  return db
    .select({ id: reviews.id, decidedAt: reviews.decidedAt })
    .from(reviews)
    .where(eq(reviews.toolInstanceId, toolInstances.id))
    .orderBy(desc(reviews.decidedAt))
    .limit(1)
    .as("latest_review");
}
