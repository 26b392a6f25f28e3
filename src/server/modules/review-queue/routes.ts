import { ReviewQueueItem, ReviewQueueQuery } from "../../../contracts/participation.js";
import { z } from "../../../contracts/zod.js";
import { canReview } from "../../../domain/policy.js";
import { authorize } from "../../lib/scope.js";

import type { App } from "../../types.js";
import { listReviewQueue } from "./queries.js";

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
      const { user } = authorize(request, canReview);
      return listReviewQueue(db, request.query, now(), user.id);
    },
  );
}
