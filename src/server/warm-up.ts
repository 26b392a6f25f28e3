import type { FastifyBaseLogger } from "fastify";
import { PageQuery } from "../contracts/common.js";
import { GapMatrixQuery } from "../contracts/gap-matrix.js";
import { OPEN_DATASETS } from "../contracts/public.js";
import { changeFeedOf } from "./db/changes.js";
import type { Database } from "./db/client.js";
import { breachedPasswords } from "./lib/breached-passwords.js";
import { regionalDashboard, regionalRanking } from "./modules/dashboard/service.js";
import { gapMatrixPage } from "./modules/gap-matrix/queries.js";
import { progressService } from "./modules/progress/service.js";
import {
  getDataset,
  getOpenDataCatalog,
  getPublicRanking,
  getPublicSummary,
  openDataBytes,
} from "./modules/public/service.js";

/**
 * The first computation after start, made before the first person asks (decision 0027): the
 * region's progress, then the most read bodies built from it (the regional dashboard and
 * ranking, the gap matrix's first page, the public summary and ranking) and the breached-password
 * list, then the open data (the
 * catalogue and every dataset in both formats, one after the other: a dataset of every instance
 * takes a second or more at national scale, and its rows are written in slices that let requests
 * in). A failure is logged and left to the first request, which tries again.
 */
export async function warmUp(db: Database, now: () => Date, log: FastifyBaseLogger): Promise<void> {
  const started = Date.now();
  try {
    await warmBodies(db, now);
    // The breached-password list, for the first password set after start (read here, not before
    // listening: sorting its 49,000 entries would lengthen every start).
    breachedPasswords();
    log.info({ ms: Date.now() - started }, "caches warmed");
  } catch (error) {
    log.warn({ err: error }, "warming the caches failed; the first request computes them");
    return;
  }
  try {
    await getOpenDataCatalog(db, now());
    for (const id of OPEN_DATASETS) {
      for (const format of ["csv", "json"] as const) {
        await getDataset(db, id, format, now());
        // After a change meanwhile the previous bytes come back at once and a rebuild runs: one
        // dataset at a time all the same.
        await openDataBytes(db).idle();
      }
    }
    log.info({ ms: Date.now() - started }, "open data built");
  } catch (error) {
    log.warn({ err: error }, "building the open data failed; the first request builds it");
  }
}

/**
 * The progress and the most read bodies of the current progress (each computed only when it is
 * not already: after a change, what the change touched).
 */
async function warmBodies(db: Database, now: () => Date): Promise<void> {
  await progressService(db).current(now());
  await regionalDashboard(db, now());
  await regionalRanking(db, now());
  // What a request without a query string asks for: the schemas' defaults.
  await gapMatrixPage(db, GapMatrixQuery.parse({}), now());
  await getPublicSummary(db, now());
  const { page, pageSize } = PageQuery.parse({});
  await getPublicRanking(db, page, pageSize, now());
}

/** How long a refresh waits after a change, so that the changes of a burst make one. */
const SETTLE_MS = 5;

/**
 * After a change (the change feed's `progress` counter moved: a local write or another process's
 * notification), the progress and the most read bodies are computed again in the background, as
 * after start, so the first person asking after a change finds them ready (decision 0027). One
 * refresh at a time: changes that come meanwhile make one more after it, not one each. A change
 * that did not touch the progress (a write inside a transaction not yet committed, another table)
 * costs one read of the `any` stamp. Open data stays rebuilt on request (a second or more at
 * national scale, served stale meanwhile). Returns what stops it (once a refresh under way ends).
 */
export function refreshAfterChanges(
  db: Database,
  now: () => Date,
  log: FastifyBaseLogger,
): () => Promise<void> {
  const feed = changeFeedOf(db);
  if (!feed) {
    return async () => {};
  }
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const refresh = async () => {
    try {
      do {
        again = false;
        await warmBodies(db, now);
      } while (again && !stopped);
    } catch (error) {
      log.warn(
        { err: error },
        "refreshing the caches after a change failed; requests compute them",
      );
    } finally {
      running = null;
    }
  };
  const unsubscribe = feed.onProgress(() => {
    if (running) {
      again = true;
    } else if (!timer && !stopped) {
      timer = setTimeout(() => {
        timer = null;
        running ??= refresh();
      }, SETTLE_MS);
      timer.unref();
    }
  });
  return async () => {
    stopped = true;
    unsubscribe();
    if (timer) {
      clearTimeout(timer);
    }
    await running;
  };
}
