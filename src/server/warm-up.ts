import { setImmediate as setImmediatePromise } from "node:timers/promises";
import type { FastifyBaseLogger } from "fastify";
import { PageQuery } from "../contracts/common.js";
import { GapMatrixQuery } from "../contracts/gap-matrix.js";
import { OPEN_DATASETS } from "../contracts/public.js";
import { changeFeedOf } from "./db/changes.js";
import type { Database } from "./db/client.js";
import { breachedPasswords } from "./lib/breached-passwords.js";
import { regionalDashboard, regionalRanking } from "./modules/dashboard/service.js";
import { gapMatrixPage } from "./modules/gap-matrix/queries.js";
import { movedMunicipalities, progressService } from "./modules/progress/service.js";
import {
  getDataset,
  getOpenDataCatalog,
  getPublicMunicipality,
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
async function warmBodies(
  db: Database,
  now: () => Date,
  before: ReadonlyMap<string, number> | null = null,
): Promise<ReadonlyMap<string, number>> {
  const state = await progressService(db).snapshot(now());
  await letRequestsIn();
  // The public pages of the municipalities that changed since `before` (the stamps the last
  // refresh saw: a request may have read the new progress first), first: their people look there
  // next. A change of many at once (an import) leaves their pages to the first visitors.
  const moved = before ? [...movedMunicipalities(before, state.stamps)] : [];
  if (moved.length <= MOVED_PAGES_WARMED) {
    for (const cvegeo of moved) {
      // A page that fails is not kept: its first visitor builds it again, and sees the error.
      await Promise.resolve()
        .then(() => getPublicMunicipality(db, cvegeo, now()))
        .catch(() => undefined);
    }
  }
  const { page, pageSize } = PageQuery.parse({});
  const steps = [
    () => regionalDashboard(db, now()),
    () => regionalRanking(db, now()),
    // What a request without a query string asks for: the schemas' defaults.
    () => gapMatrixPage(db, GapMatrixQuery.parse({}), now()),
    () => getPublicSummary(db, now()),
    () => getPublicRanking(db, page, pageSize, now()),
  ];
  for (const step of steps) {
    await step();
    await letRequestsIn();
  }
  return state.stamps;
}

/** How many changed municipalities' public pages a refresh builds before the regional bodies. */
const MOVED_PAGES_WARMED = 5;

/**
 * Each step is milliseconds of work on the event loop at national scale: what requests arrived or
 * got their database rows meanwhile (a municipality's page after its change, say) is served
 * between two steps rather than after all of them. A callback queued with `setImmediate` during
 * the loop's check phase runs in the next turn's, after that turn has polled for I/O; the first
 * hop reaches a check phase from wherever the step ended.
 */
async function letRequestsIn(): Promise<void> {
  await setImmediatePromise();
  await setImmediatePromise();
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
  // The stamps the last refresh worked at (at first, those of the progress read so far).
  let seen: ReadonlyMap<string, number> | null = progressService(db).latest?.stamps ?? null;
  const refresh = async () => {
    try {
      do {
        again = false;
        seen ??= progressService(db).latest?.stamps ?? null;
        seen = await warmBodies(db, now, seen);
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
