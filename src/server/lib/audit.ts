import { createHash, createHmac } from "node:crypto";
import { and, asc, count, desc, gt, isNotNull, isNull, sql } from "drizzle-orm";
import {
  type ChainExpectations,
  type ChainVerdict,
  type HmacSha256,
  type SealedEvent,
  type Sha256,
  sealEvents,
  verifyChain,
} from "../../domain/audit-chain.js";
import type { AuditAction, AuditEntityOf, AuditPayloadOf } from "../../domain/audit-events.js";
import type { Database, Executor } from "../db/client.js";
import { agreements, auditEvents, modelVersions, users } from "../db/schema/index.js";
import { type BulkColumn, insertRows } from "./bulk.js";

/** Who performed an action, as the audit trail will show it. */
export interface Actor {
  id: string | null;
  label: string;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: "sistema", ip: null };

/**
 * One event: an action of the catalogue (src/domain/audit-events.ts), the entity type the
 * catalogue files it under, and its before/after snapshots as the catalogue types them.
 */
export type AuditEntry<A extends AuditAction = AuditAction> = {
  action: A;
  entityType: AuditEntityOf<A>;
  entityId?: string | null;
  municipality?: string | null;
} & AuditPayloadOf<A>;

/** Appends one audit event; call it with the transaction of the write it records. */
export async function recordAudit<A extends AuditAction>(
  executor: Executor,
  actor: Actor,
  entry: AuditEntry<A>,
): Promise<void> {
  await recordAudits(executor, actor, [entry]);
}

/**
 * Appends many events of one actor in few statements (a bulk import records thousands); same
 * rules as `recordAudit`: call it with the transaction of the writes it records.
 */
export async function recordAudits(
  executor: Executor,
  actor: Actor,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) {
    return;
  }
  auditWrites += entries.length;
  // One JSON parameter per statement (lib/bulk.ts): building a multi-row VALUES list of
  // thousands of events cost more than inserting them.
  await insertRows(
    executor,
    "audit_events",
    AUDIT_COLUMNS,
    entries.map((entry) => auditRow(actor, entry)),
  );
}

/** An event as the row `AUDIT_COLUMNS` writes. */
function auditRow(actor: Actor, entry: AuditEntry): Record<string, unknown> {
  return {
    actor_id: actor.id,
    actor_label: actor.label,
    ip: actor.ip,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    municipality_cvegeo: entry.municipality ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}

const AUDIT_COLUMNS: readonly BulkColumn[] = [
  ["actor_id", "uuid"],
  ["actor_label", "text"],
  ["ip", "text"],
  ["action", "text"],
  ["entity_type", "text"],
  ["entity_id", "text"],
  ["municipality_cvegeo", "varchar"],
  ["before", "jsonb"],
  ["after", "jsonb"],
];

// The hash chain (docs/decisions/0009-audit-hash-chain.md). recordAudit stays a plain INSERT inside
// the caller's transaction; the sealer, in its own short transaction, gives committed events their
// chain position and hash. Only the sealer takes the advisory lock, and it holds no other lock while
// waiting for it, so writers never wait on the chain and nothing can deadlock.

/** Advisory-lock key of the sealer; any constant, the same in every MRTM process. */
const SEALER_LOCK_KEY = 7_210_302;
const SEAL_BATCH = 500;

export const sha256: Sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");

export const hmacSha256: HmacSha256 = (key, text) =>
  createHmac("sha256", key).update(text, "utf8").digest("hex");

/**
 * Rows that are never written without an audit event (accounts, agreements, model versions — the
 * reference seeding publishes the first model with one): an empty chain beside them was emptied.
 */
async function instanceRecords(db: Executor): Promise<number> {
  let total = 0;
  for (const table of [users, agreements, modelVersions]) {
    const [row] = await db.select({ n: count() }).from(table);
    total += row?.n ?? 0;
  }
  return total;
}

const chainColumns = {
  id: auditEvents.id,
  occurredAt: auditEvents.occurredAt,
  actorId: auditEvents.actorId,
  actorLabel: auditEvents.actorLabel,
  action: auditEvents.action,
  entityType: auditEvents.entityType,
  entityId: auditEvents.entityId,
  municipalityCvegeo: auditEvents.municipalityCvegeo,
  before: auditEvents.before,
  after: auditEvents.after,
  ip: auditEvents.ip,
};

/** Whether any committed event still waits for the sealer (one index probe). */
export async function hasUnsealedAudit(db: Executor): Promise<boolean> {
  const rows = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(isNull(auditEvents.chainSeq))
    .limit(1);
  return rows.length > 0;
}

/**
 * Chains every committed, unsealed event, in id order, after the last sealed one. Each batch is one
 * short transaction under a transaction-level advisory lock, so concurrent sealers (other requests,
 * other processes) take turns and positions stay gap-free. Returns how many events it sealed.
 */
export async function sealAuditChain(db: Database): Promise<number> {
  let sealed = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEALER_LOCK_KEY})`);
      const [last] = await tx
        .select({ seq: auditEvents.chainSeq, hash: auditEvents.chainHash })
        .from(auditEvents)
        .where(isNotNull(auditEvents.chainSeq))
        .orderBy(desc(auditEvents.chainSeq))
        .limit(1);
      const pending = await tx
        .select(chainColumns)
        .from(auditEvents)
        .where(isNull(auditEvents.chainSeq))
        .orderBy(asc(auditEvents.id))
        .limit(SEAL_BATCH);
      const links = sealEvents(
        sha256,
        last?.seq != null && last.hash != null ? { seq: last.seq, hash: last.hash } : null,
        pending,
      );
      if (links.length > 0) {
        // One statement for the batch (the append-only trigger still checks every row).
        const values = sql.join(
          links.map(
            (link) => sql`(${link.event.id}::bigint, ${link.seq}::bigint, ${link.hash}::text)`,
          ),
          sql`, `,
        );
        await tx.execute(
          sql`update audit_events a set chain_seq = v.seq, chain_hash = v.hash
              from (values ${values}) as v(id, seq, hash)
              where a.id = v.id and a.chain_seq is null`,
        );
      }
      return links.length;
    });
    sealed += batch;
    if (batch < SEAL_BATCH) {
      return sealed;
    }
  }
}

export interface AuditChainState {
  verdict: ChainVerdict;
  /** Events not yet sealed when the check ran (written while it ran). */
  unsealed: number;
  lastEventAt: Date | null;
}

/**
 * Seals what is pending, then re-reads and checks the whole chain, in position order; an empty
 * chain in an instance with records, or an `anchor` the chain does not reach, fails too.
 */
export async function verifyAuditChain(
  db: Database,
  options: Pick<ChainExpectations, "anchor"> = {},
): Promise<AuditChainState> {
  await sealAuditChain(db);
  const events: SealedEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await db
      .select({ ...chainColumns, chainSeq: auditEvents.chainSeq, chainHash: auditEvents.chainHash })
      .from(auditEvents)
      .where(and(isNotNull(auditEvents.chainSeq), gt(auditEvents.chainSeq, after)))
      .orderBy(asc(auditEvents.chainSeq))
      .limit(5000);
    for (const row of page) {
      events.push({ ...row, chainSeq: row.chainSeq ?? 0, chainHash: row.chainHash ?? "" });
    }
    const lastRow = page.at(-1);
    if (page.length < 5000 || !lastRow?.chainSeq) {
      break;
    }
    after = lastRow.chainSeq;
  }
  const [pending] = await db
    .select({ total: count() })
    .from(auditEvents)
    .where(isNull(auditEvents.chainSeq));
  const records = events.length === 0 ? await instanceRecords(db) : 0;
  return {
    verdict: verifyChain(sha256, events, {
      instanceRecords: records,
      anchor: options.anchor ?? null,
    }),
    unsealed: pending?.total ?? 0,
    lastEventAt: events.at(-1)?.occurredAt ?? null,
  };
}

/**
 * Audit events this process has written (recordAudit calls) and how many of them a completed
 * sealing has covered: after a request that wrote none, sealPendingAudit costs no query at all.
 */
let auditWrites = 0;
let auditWritesSealed = 0;

/** Whether events were written since the last sealing: `sealPendingAudit` would do anything. */
export function auditSealingDue(): boolean {
  return auditWrites !== auditWritesSealed;
}

/** Per database: the sealing under way in this process, and whether writes came in meanwhile. */
const sealings = new WeakMap<Database, { done: Promise<void>; again: boolean }>();

/**
 * Seals pending events after a request; a failure is logged, the next request seals them.
 * Within one process sealings do not queue up on the advisory lock: a request that finds one
 * under way asks it for one more pass and waits for that pass, which covers its own events.
 */
export function sealPendingAudit(
  db: Database,
  log: { error(object: unknown, message: string): void },
): Promise<void> {
  if (auditWrites === auditWritesSealed) {
    return Promise.resolve();
  }
  const running = sealings.get(db);
  if (running) {
    running.again = true;
    return running.done;
  }
  const sealing = { done: Promise.resolve(), again: false };
  sealing.done = (async () => {
    try {
      do {
        sealing.again = false;
        const mark = auditWrites;
        if (await hasUnsealedAudit(db)) {
          await sealAuditChain(db);
        }
        auditWritesSealed = Math.max(auditWritesSealed, mark);
      } while (sealing.again);
    } catch (error) {
      log.error({ err: error }, "audit chain: sealing failed, will retry after the next write");
    } finally {
      sealings.delete(db);
    }
  })();
  sealings.set(db, sealing);
  return sealing.done;
}
