/**
 * Report cards in batch (issue 17, item 6; decision 0031). Starting a batch decides who gets a card
 * (`batchSelection`), stores the batch and its `report_card_batch.started` event in one
 * transaction, and answers at once; the cards are then issued one by one in the background, each
 * exactly as one issued by itself (its own code, row and `report_card.issued` event), while the
 * batch row counts how far it got (what the web's progress bar reads). At most one batch runs at a
 * time (a partial unique index). The ZIP is streamed from the stored cards, one PDF at a time.
 */
import type { Writable } from "node:stream";
import { and, asc, count, desc, eq, isNotNull, sql } from "drizzle-orm";
import type {
  ReportCardBatch,
  StartReportCardBatchRequest,
} from "../../../contracts/report-card-batches.js";
import type { ReportCardContent } from "../../../contracts/reports.js";
import {
  type BatchCandidate,
  type BatchIndexRow,
  batchIndexCsv,
  batchPdfName,
  batchSelection,
  type SkippedMunicipality,
} from "../../../domain/report-card-batch.js";
import type { Database, Executor } from "../../db/client.js";
import {
  agreements,
  municipalities,
  reportCardBatches,
  reportCards,
  users,
} from "../../db/schema/index.js";
import type { Acting } from "../../lib/acting.js";
import { type Actor, recordAudit, sealPendingAudit } from "../../lib/audit.js";
import { insertAudited } from "../../lib/audited-writes.js";
import { AppError, conflict, isUniqueViolation, notFound } from "../../lib/errors.js";
import { yazl } from "../../lib/lazy-modules.js";
import { getLogo } from "../institution/service.js";
import { progressService } from "../progress/service.js";
import { METHODOLOGY_PAGE_PATH } from "../public/pages.js";
import { reportCardPdf } from "./pdf.js";
import { issueReportCard, verificationUrl } from "./service.js";

interface Log {
  error(object: unknown, message: string): void;
}

/** Batches this process is issuing, by id: awaited when the app closes. */
const running = new Map<string, Promise<void>>();
/** Starts under way in this process (a batch they stored may not be in `running` yet). */
let starting = 0;

/** Tests hold new batches before their first card, to see one running; null lets them go. */
let hold: Promise<void> | null = null;

/** Test seam: batches started from now on wait for `until` before issuing their first card. */
export function holdReportCardBatches(until: Promise<void> | null): void {
  hold = until;
}

/** Waits for the batches this process is issuing (the app's onClose hook). */
export async function settleReportCardBatches(): Promise<void> {
  await Promise.allSettled([...running.values()]);
}

/** Every municipality with its agreement's cohort and participation (null without one). */
function loadCandidates(db: Executor): Promise<BatchCandidate[]> {
  return db
    .select({
      cvegeo: municipalities.cvegeo,
      name: municipalities.name,
      cohort: agreements.cohort,
      participation: agreements.participation,
    })
    .from(municipalities)
    .leftJoin(agreements, eq(agreements.municipalityCvegeo, municipalities.cvegeo))
    .orderBy(asc(municipalities.cvegeo));
}

const RUNNING_MESSAGE =
  "Ya hay una emisión de cédulas en lote en curso: espere a que termine para iniciar otra.";

/**
 * Starts a batch (staff only: the route checked) and returns its id; the cards are issued in the
 * background. Refuses an unknown cohort, a selection with nobody taking part, and a second batch
 * while one runs, writing nothing.
 */
export async function startReportCardBatch(
  db: Database,
  input: StartReportCardBatchRequest,
  acting: Acting,
  log: Log,
): Promise<string> {
  if (running.size > 0 || starting > 0) {
    throw new AppError("report_card_batch_running", RUNNING_MESSAGE);
  }
  const scope = input.scope;
  const cohort = scope === "cohort" ? (input.cohort ?? "").trim() : null;
  const selection = batchSelection(await loadCandidates(db), scope, cohort);
  if (!selection.ok) {
    throw new AppError(selection.code, selection.message);
  }
  starting += 1;
  try {
    const id = await storeBatch(db, scope, cohort, selection, acting);
    const work = runBatch(db, id, selection.issue, selection.skipped, acting, log).finally(() => {
      running.delete(id);
    });
    running.set(id, work);
    return id;
  } finally {
    starting -= 1;
  }
}

/** Stores a new batch and its `started` event; refuses it while another one runs. */
async function storeBatch(
  db: Database,
  scope: StartReportCardBatchRequest["scope"],
  cohort: string | null,
  selection: Extract<ReturnType<typeof batchSelection>, { ok: true }>,
  acting: Acting,
): Promise<string> {
  await failInterrupted(db, acting.now);
  try {
    return await db.transaction(async (tx) => {
      const total = selection.issue.length;
      const requested = { requestedBy: acting.user.id, requestedAt: acting.now };
      const batch = { scope, cohort, total, skipped: selection.skipped, ...requested };
      const { id } = await insertAudited(tx, acting.actor, reportCardBatches, batch, {
        action: "report_card_batch.started",
        entityType: "report_card_batch",
        after: { scope, cohort, total, skipped: selection.skipped.length },
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("report_card_batch_running", RUNNING_MESSAGE);
    }
    throw error;
  }
}

/**
 * A batch left `running` by a process that stopped (none of this process's) is marked
 * interrupted, so that it neither blocks the next batch nor looks alive.
 */
async function failInterrupted(db: Database, now: Date): Promise<void> {
  const stale = await db
    .select({ id: reportCardBatches.id })
    .from(reportCardBatches)
    .where(eq(reportCardBatches.status, "running"));
  for (const { id } of stale) {
    // This process's batch, or one another start here has just stored: it is alive.
    if (running.has(id) || starting > 1) {
      throw new AppError("report_card_batch_running", RUNNING_MESSAGE);
    }
    await db
      .update(reportCardBatches)
      .set({ status: "failed", finishedAt: now })
      .where(and(eq(reportCardBatches.id, id), eq(reportCardBatches.status, "running")));
  }
}

/** Issues the batch's cards one by one, counting as it goes; then closes the batch. */
async function runBatch(
  db: Database,
  id: string,
  issue: { cvegeo: string; name: string }[],
  skipped: SkippedMunicipality[],
  { user, actor, now }: Acting,
  log: Log,
): Promise<void> {
  const failed: SkippedMunicipality[] = [];
  let issued = 0;
  let status: "done" | "failed" = "done";
  try {
    await hold;
    // One reading of the region for every card: they all speak of the same moment.
    const progress = await progressService(db).current(now);
    for (const [i, municipality] of issue.entries()) {
      try {
        await issueReportCard(db, municipality.cvegeo, user, actor, now, {
          batchId: id,
          progress,
        });
        issued += 1;
      } catch (error) {
        log.error({ err: error, batch: id, cvegeo: municipality.cvegeo }, "batch report card");
        failed.push({
          ...municipality,
          reason:
            error instanceof AppError
              ? `No se emitió: ${error.message}`
              : "No se emitió por un error interno; emítala de nuevo desde el municipio.",
        });
      }
      await db
        .update(reportCardBatches)
        .set({ done: i + 1, ...(failed.length > 0 ? { skipped: [...skipped, ...failed] } : {}) })
        .where(eq(reportCardBatches.id, id));
    }
  } catch (error) {
    status = "failed";
    log.error({ err: error, batch: id }, "report card batch failed");
  }
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(reportCardBatches)
        .set({ status, finishedAt: new Date(), skipped: [...skipped, ...failed] })
        .where(eq(reportCardBatches.id, id));
      await recordAudit(tx, actor, {
        action: "report_card_batch.finished",
        entityType: "report_card_batch",
        entityId: id,
        before: { status: "running" },
        after: { status, issued, skipped: skipped.length, failed: failed.length },
      });
    });
  } catch (error) {
    log.error({ err: error, batch: id }, "report card batch: closing failed");
  }
  await sealPendingAudit(db, log);
}

function selectBatches(db: Executor) {
  const issued = db
    .select({ batchId: reportCards.batchId, issued: count().as("issued") })
    .from(reportCards)
    .where(isNotNull(reportCards.batchId))
    .groupBy(reportCards.batchId)
    .as("issued");
  return db
    .select({
      batch: reportCardBatches,
      requestedBy: users.name,
      issued: sql<number>`coalesce(${issued.issued}, 0)`.mapWith(Number),
    })
    .from(reportCardBatches)
    .leftJoin(users, eq(users.id, reportCardBatches.requestedBy))
    .leftJoin(issued, eq(issued.batchId, reportCardBatches.id));
}

type BatchRow = Awaited<ReturnType<typeof selectBatches>>[number];

function present({ batch, requestedBy, issued }: BatchRow): ReportCardBatch {
  return {
    id: batch.id,
    scope: batch.scope,
    cohort: batch.cohort,
    status: batch.status,
    total: batch.total,
    done: batch.done,
    issued,
    skipped: batch.skipped,
    requestedBy,
    requestedAt: batch.requestedAt.toISOString(),
    finishedAt: batch.finishedAt?.toISOString() ?? null,
    zipUrl:
      batch.status === "running" || issued === 0
        ? null
        : `/api/report-card-batches/${batch.id}/zip`,
  };
}

/** One batch, with how far it got. */
export async function getReportCardBatch(db: Executor, id: string): Promise<ReportCardBatch> {
  const [row] = await selectBatches(db).where(eq(reportCardBatches.id, id));
  if (!row) {
    throw notFound("El lote de cédulas no existe.");
  }
  return present(row);
}

/** The latest batches, newest first. */
export async function listReportCardBatches(db: Executor): Promise<ReportCardBatch[]> {
  const rows = await selectBatches(db).orderBy(desc(reportCardBatches.requestedAt)).limit(10);
  return rows.map(present);
}

/** The stored cards of a finished batch, by INEGI key (their content is read one at a time). */
export async function prepareBatchZip(
  db: Executor,
  id: string,
  actor: Actor,
): Promise<{
  batch: ReportCardBatch;
  cards: { id: string; cvegeo: string; name: string; code: string; issuedAt: Date }[];
}> {
  const batch = await getReportCardBatch(db, id);
  if (batch.status === "running") {
    throw conflict("El lote aún se está emitiendo: descárguelo cuando termine.");
  }
  const cards = await db
    .select({
      id: reportCards.id,
      cvegeo: reportCards.municipalityCvegeo,
      name: municipalities.name,
      code: reportCards.code,
      issuedAt: reportCards.issuedAt,
    })
    .from(reportCards)
    .innerJoin(municipalities, eq(municipalities.cvegeo, reportCards.municipalityCvegeo))
    .where(eq(reportCards.batchId, id))
    .orderBy(asc(reportCards.municipalityCvegeo));
  if (cards.length === 0) {
    throw conflict("El lote no emitió ninguna cédula: no hay archivo que descargar.");
  }
  await recordAudit(db, actor, {
    action: "report_card_batch.downloaded",
    entityType: "report_card_batch",
    entityId: id,
    after: { format: "zip", cards: cards.length },
  });
  return { batch, cards };
}

/**
 * Writes the batch's ZIP to `out`: one PDF per card, named by INEGI key and municipality, each
 * drawn from its stored content only when the archive reaches it, and `indice.csv` (with BOM)
 * listing every municipality of the batch, skipped ones included.
 */
export async function writeBatchZip(
  db: Executor,
  prepared: Awaited<ReturnType<typeof prepareBatchZip>>,
  publicUrl: string,
  out: Writable,
): Promise<void> {
  const { batch, cards } = prepared;
  const logo = await getLogo(db).catch(() => null);
  const zip = new (yazl().ZipFile)();
  const finished = new Promise<void>((resolve, reject) => {
    zip.outputStream.on("error", reject);
    out.on("error", reject);
    out.on("finish", resolve);
    out.on("close", resolve);
  });
  zip.outputStream.pipe(out);
  const rows: BatchIndexRow[] = [];
  for (const card of cards) {
    const file = batchPdfName(card.cvegeo, card.name);
    rows.push({
      cvegeo: card.cvegeo,
      name: card.name,
      code: card.code,
      issuedAt: card.issuedAt.toISOString(),
      verificationUrl: verificationUrl(publicUrl, card.code),
      file,
      note: "",
    });
    zip.addReadStreamLazy(file, { mtime: card.issuedAt, compress: false }, (ready) => {
      db.select({ content: reportCards.content, sha256: reportCards.contentSha256 })
        .from(reportCards)
        .where(eq(reportCards.id, card.id))
        .then(([row]) => {
          if (!row) {
            throw new Error(`report card ${card.id} vanished`);
          }
          ready(
            null,
            reportCardPdf({
              content: row.content as ReportCardContent,
              code: card.code,
              sha256: row.sha256,
              verificationUrl: verificationUrl(publicUrl, card.code),
              methodologyUrl: `${publicUrl}${METHODOLOGY_PAGE_PATH}`,
              logo,
            }),
          );
        })
        .catch((error: unknown) => ready(error as Error, undefined as never));
    });
  }
  for (const skipped of batch.skipped) {
    rows.push({
      cvegeo: skipped.cvegeo,
      name: skipped.name,
      code: null,
      issuedAt: null,
      verificationUrl: null,
      file: null,
      note: skipped.reason,
    });
  }
  rows.sort((a, b) => a.cvegeo.localeCompare(b.cvegeo));
  zip.addBuffer(Buffer.from(batchIndexCsv(rows), "utf8"), "indice.csv", {
    mtime: new Date(batch.requestedAt),
  });
  zip.end();
  await finished;
}
