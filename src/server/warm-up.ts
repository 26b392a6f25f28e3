import type { FastifyBaseLogger } from "fastify";
import { PageQuery } from "../contracts/common.js";
import { GapMatrixQuery } from "../contracts/gap-matrix.js";
import type { Database } from "./db/client.js";
import { regionalDashboard, regionalRanking } from "./modules/dashboard/service.js";
import { gapMatrixPage } from "./modules/gap-matrix/queries.js";
import { progressService } from "./modules/progress/service.js";
import { getPublicRanking, getPublicSummary } from "./modules/public/service.js";

/**
 * The first computation after start, made before the first person asks (decision 0027): the
 * region's progress, then the most read bodies built from it (the regional dashboard and
 * ranking, the gap matrix's first page, the public summary and ranking). A failure is logged and
 * left to the first request, which tries again.
 */
export async function warmUp(db: Database, now: () => Date, log: FastifyBaseLogger): Promise<void> {
  const started = Date.now();
  try {
    await progressService(db).current(now());
    await regionalDashboard(db, now());
    await regionalRanking(db, now());
    // What a request without a query string asks for: the schemas' defaults.
    await gapMatrixPage(db, GapMatrixQuery.parse({}), now());
    await getPublicSummary(db, now());
    const { page, pageSize } = PageQuery.parse({});
    await getPublicRanking(db, page, pageSize, now());
    log.info({ ms: Date.now() - started }, "caches warmed");
  } catch (error) {
    log.warn({ err: error }, "warming the caches failed; the first request computes them");
  }
}
