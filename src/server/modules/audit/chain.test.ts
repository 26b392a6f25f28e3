import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditChainState } from "../../../contracts/audit-chain.js";
import { chainHash, parseAnchor } from "../../../domain/audit-chain.js";
import { localDateOf } from "../../../domain/dates.js";
import { auditEvents, evidenceFiles, users } from "../../db/schema/index.js";
import {
  hasUnsealedAudit,
  recordAudit,
  SYSTEM_ACTOR,
  sealAuditChain,
  sealPendingAudit,
  sha256,
  verifyAuditChain,
} from "../../lib/audit.js";
import { json, setUpTestApp } from "../../test/app.js";
import { resetDatabase } from "../../test/db.js";
import {
  addEvidenceRow,
  registerTestAgreement,
  type Session,
  signedIn,
  toolInstanceOf,
} from "../../test/factories.js";

const ctx = setUpTestApp();

const db = () => ctx.handle.db;

async function writeEvents(count: number, prefix = "prueba"): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await recordAudit(db(), SYSTEM_ACTOR, {
      action: "institution.updated",
      entityType: "institution",
      entityId: `${prefix}-${i}`,
      after: { i, texto: "acción" },
    });
  }
}

async function chainRows() {
  return db()
    .select({ id: auditEvents.id, seq: auditEvents.chainSeq, hash: auditEvents.chainHash })
    .from(auditEvents)
    .orderBy(asc(auditEvents.chainSeq));
}

/** Runs raw SQL against audit_events with the append-only trigger off: what an intruder could do. */
async function tamper(...statements: SQL[]): Promise<void> {
  await db().execute(sql`alter table audit_events disable trigger audit_events_append_only`);
  try {
    for (const statement of statements) {
      await db().execute(statement);
    }
  } finally {
    await db().execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  }
}

describe("sealing", () => {
  // Loading the reference data records events of its own: seal them first and count from there.
  let base: number;
  beforeEach(async () => {
    await resetDatabase(ctx.handle);
    await sealAuditChain(db());
    base = (await chainRows()).length;
  });

  it("chains events from concurrent writers and sealers into one gap-free, valid chain", async () => {
    const writers = 12;
    const perWriter = 5;
    // Each writer is its own transaction; on PostgreSQL they run at once on separate connections,
    // commit in an order unrelated to their ids, and sealers run between and during them.
    const work = Array.from({ length: writers }, (_, w) =>
      db().transaction(async (tx) => {
        for (let i = 0; i < perWriter; i += 1) {
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: "institution.updated",
            entityType: "institution",
            entityId: `${w}-${i}`,
          });
          if (ctx.handle.kind === "postgres") {
            await tx.execute(sql`select pg_sleep(${(w % 4) * 0.005})`);
          }
        }
      }),
    );
    const sealers = Array.from({ length: 6 }, () => sealAuditChain(db()));
    await Promise.all([...work, ...sealers]);
    await sealAuditChain(db());

    const rows = await chainRows();
    expect(rows).toHaveLength(base + writers * perWriter);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    const state = await verifyAuditChain(db());
    expect(state.verdict).toEqual({
      ok: true,
      count: base + writers * perWriter,
      lastSeq: base + writers * perWriter,
      lastHash: rows.at(-1)?.hash,
    });
    expect(state.unsealed).toBe(0);
  });

  it("continues the chain after the last sealed event, and is a no-op when nothing is pending", async () => {
    await writeEvents(3, "a");
    expect(await sealAuditChain(db())).toBe(3);
    expect(await sealAuditChain(db())).toBe(0);
    await writeEvents(2, "b");
    expect(await hasUnsealedAudit(db())).toBe(true);
    expect(await sealAuditChain(db())).toBe(2);
    expect(await hasUnsealedAudit(db())).toBe(false);
    const rows = await chainRows();
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows).toHaveLength(base + 5);
    expect((await verifyAuditChain(db())).verdict.ok).toBe(true);
  });

  it("seals the events a request wrote once it has answered", async () => {
    const { session } = await signedIn(ctx.app, "admin");
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/users",
      headers: session.headers,
      payload: { email: "sellada@prueba.mrtm.test", name: "Sellada", role: "reviewer" },
    });
    expect(response.statusCode).toBe(201);
    // Sealing runs after the answer: wait for it (the limit only catches a hang).
    await vi.waitFor(async () => expect(await hasUnsealedAudit(db())).toBe(false), {
      timeout: 60_000,
    });
    const [created] = await db()
      .select({ seq: auditEvents.chainSeq })
      .from(auditEvents)
      .where(eq(auditEvents.action, "user.created"));
    expect(created?.seq).toBeGreaterThan(0);
  });

  it("after requests, sealings in one process join the one under way instead of queueing", async () => {
    const log = { error: vi.fn() };
    await writeEvents(3, "c");
    const first = sealPendingAudit(db(), log);
    // Identity, not equality: every promise looks alike to toEqual.
    expect(sealPendingAudit(db(), log)).toBe(first);
    expect(sealPendingAudit(db(), log)).toBe(first);
    // Written while the first sealing may still run: a call made after them waits for a pass
    // that covers them (the running sealing's next pass, or a sealing of its own).
    await writeEvents(2, "d");
    const joined = [sealPendingAudit(db(), log), first];
    await Promise.all(joined);
    expect(await hasUnsealedAudit(db())).toBe(false);
    expect(log.error).not.toHaveBeenCalled();
    expect(await chainRows()).toHaveLength(base + 5);
    expect((await verifyAuditChain(db())).verdict.ok).toBe(true);
    // Nothing written since: no query, an already settled promise.
    expect(await sealPendingAudit(db(), log)).toBeUndefined();
  });

  it("the trigger lets chain columns be set once from NULL, and refuses anything else", async () => {
    await writeEvents(2);
    const [first] = await db().select().from(auditEvents).orderBy(asc(auditEvents.id)).limit(1);
    if (!first) {
      throw new Error("no event");
    }
    // Setting the chain columns while changing a field: refused.
    await expect(
      db()
        .update(auditEvents)
        .set({ chainSeq: 1, chainHash: "a".repeat(64), action: "otra" })
        .where(eq(auditEvents.id, first.id)),
    ).rejects.toThrow();
    // Setting only one of the two: refused.
    await expect(
      db().update(auditEvents).set({ chainSeq: 1 }).where(eq(auditEvents.id, first.id)),
    ).rejects.toThrow();
    await sealAuditChain(db());
    // Once sealed, the chain columns are as immutable as the rest.
    await expect(
      db()
        .update(auditEvents)
        .set({ chainHash: "b".repeat(64) })
        .where(eq(auditEvents.id, first.id)),
    ).rejects.toThrow();
    await expect(
      db().update(auditEvents).set({ chainSeq: null, chainHash: null }),
    ).rejects.toThrow();
    await expect(db().delete(auditEvents).where(eq(auditEvents.id, first.id))).rejects.toThrow();
    expect(await db().select().from(auditEvents).where(isNull(auditEvents.chainSeq))).toEqual([]);
    expect((await verifyAuditChain(db())).verdict.ok).toBe(true);
  });
});

describe("tampering is found, at the first bad event", () => {
  let admin: Session;
  let ids: number[];

  // One admin for the whole group; each test starts from a trail of six sealed events of its own
  // (the reference data and the account stay: only the trail is what the tests tamper with).
  beforeAll(async () => {
    await resetDatabase(ctx.handle);
    admin = (await signedIn(ctx.app, "admin")).session;
  });

  beforeEach(async () => {
    // Past the append-only trigger, as resetDatabase is.
    await db().transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from audit_events`);
    });
    await writeEvents(6);
    await sealAuditChain(db());
    ids = (await chainRows()).map((r) => r.id);
  });

  async function chainState(): Promise<AuditChainState> {
    const response = await ctx.app.inject({
      method: "GET",
      url: "/api/audit/chain",
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(200);
    return json<AuditChainState>(response);
  }

  it("an intact chain: OK with the count and the last hash", async () => {
    const rows = await chainRows();
    const state = await chainState();
    expect(state).toMatchObject({
      ok: true,
      checked: rows.length,
      lastSeq: rows.length,
      lastHash: rows.at(-1)?.hash,
      unsealed: 0,
      problem: null,
    });
    expect(state.lastHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a modified field", async () => {
    await tamper(sql`update audit_events set after = '{"i": 99}'::jsonb where chain_seq = 4`);
    expect((await verifyAuditChain(db())).verdict).toEqual({
      ok: false,
      checked: 3,
      problem: { kind: "modified", seq: 4, id: ids[3] },
    });
    const state = await chainState();
    expect(state).toMatchObject({
      ok: false,
      checked: 3,
      problem: { kind: "modified", seq: 4, id: ids[3] },
    });
    expect(state.problem?.message).toContain("posición 4");
  });

  it("a modified time, even by a millisecond", async () => {
    await tamper(
      sql`update audit_events set occurred_at = occurred_at + interval '1 millisecond' where chain_seq = 2`,
    );
    expect((await verifyAuditChain(db())).verdict).toMatchObject({
      ok: false,
      problem: { kind: "modified", seq: 2 },
    });
  });

  it("a deleted event", async () => {
    await tamper(sql`delete from audit_events where chain_seq = 3`);
    expect((await verifyAuditChain(db())).verdict).toEqual({
      ok: false,
      checked: 2,
      problem: { kind: "deleted", seq: 3, nextId: ids[3] },
    });
    expect((await chainState()).problem).toMatchObject({ kind: "deleted", seq: 3, id: ids[3] });
  });

  it("a deleted event hidden by renumbering the rest", async () => {
    await tamper(
      sql`delete from audit_events where chain_seq = 3`,
      sql`update audit_events set chain_seq = -(chain_seq - 1) where chain_seq > 3`,
      sql`update audit_events set chain_seq = -chain_seq where chain_seq < 0`,
    );
    expect((await verifyAuditChain(db())).verdict).toMatchObject({
      ok: false,
      problem: { seq: 3, id: ids[3] },
    });
  });

  it("a forged event spliced in", async () => {
    await tamper(
      sql`update audit_events set chain_seq = -(chain_seq + 1) where chain_seq >= 3`,
      sql`update audit_events set chain_seq = -chain_seq where chain_seq < 0`,
      sql`insert into audit_events (actor_label, action, entity_type, chain_seq, chain_hash)
          values ('alguien', 'user.created', 'user', 3, ${"ab".repeat(32)})`,
    );
    const [forged] = await db()
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(eq(auditEvents.chainSeq, 3));
    expect((await verifyAuditChain(db())).verdict).toEqual({
      ok: false,
      checked: 2,
      problem: { kind: "inserted", seq: 3, id: forged?.id },
    });
  });

  it("a forged event with a correctly computed hash breaks the chain at the next event", async () => {
    const [second] = await db()
      .select({ hash: auditEvents.chainHash })
      .from(auditEvents)
      .where(eq(auditEvents.chainSeq, 2));
    await tamper(
      sql`update audit_events set chain_seq = -(chain_seq + 1) where chain_seq >= 3`,
      sql`update audit_events set chain_seq = -chain_seq where chain_seq < 0`,
      sql`insert into audit_events (actor_label, action, entity_type, occurred_at)
          values ('alguien', 'user.created', 'user', '2026-01-01T00:00:00Z')`,
    );
    const [forged] = await db().select().from(auditEvents).where(isNull(auditEvents.chainSeq));
    if (!forged || !second?.hash) {
      throw new Error("setup");
    }
    const hash = chainHash(sha256, second.hash, 3, forged);
    await tamper(
      sql`update audit_events set chain_seq = 3, chain_hash = ${hash} where id = ${forged.id}`,
    );
    expect((await verifyAuditChain(db())).verdict).toMatchObject({
      ok: false,
      checked: 3,
      problem: { seq: 4, id: ids[2] },
    });
  });

  it("a forged event appended at the end with a made-up hash", async () => {
    await tamper(
      sql`insert into audit_events (actor_label, action, entity_type, chain_seq, chain_hash)
          values ('alguien', 'user.created', 'user', ${ids.length + 1}, ${"cd".repeat(32)})`,
    );
    expect((await verifyAuditChain(db())).verdict).toMatchObject({
      ok: false,
      checked: ids.length,
      problem: { seq: ids.length + 1 },
    });
  });
});

describe("the trail cannot be emptied or shortened quietly", () => {
  let admin: Session;

  beforeEach(async () => {
    await resetDatabase(ctx.handle);
    admin = (await signedIn(ctx.app, "admin")).session;
    await writeEvents(3);
    await sealAuditChain(db());
  });

  async function chainState(): Promise<AuditChainState> {
    const response = await ctx.app.inject({
      method: "GET",
      url: "/api/audit/chain",
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(200);
    return json<AuditChainState>(response);
  }

  it("refuses TRUNCATE of the audit trail, directly or by cascade, and keeps every event", async () => {
    const before = (await chainRows()).length;
    // The driver wraps the database's error; its cause is what PostgreSQL said.
    const refusal = { cause: { message: "audit_events is append-only (TRUNCATE refused)" } };
    await expect(db().execute(sql`truncate audit_events`)).rejects.toMatchObject(refusal);
    await expect(
      db().execute(sql`truncate audit_events, users restart identity cascade`),
    ).rejects.toMatchObject(refusal);
    expect((await chainRows()).length).toBe(before);
    expect(await chainState()).toMatchObject({ ok: true, checked: before, problem: null });
  });

  it("a chain emptied behind the trigger's back, in an instance with accounts, is not intact", async () => {
    // What a superuser with direct access could still do: skip triggers for one transaction.
    await db().transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`truncate audit_events`);
    });
    const state = await chainState();
    expect(state).toMatchObject({
      ok: false,
      checked: 0,
      lastHash: null,
      anchor: null,
      problem: { kind: "emptied", seq: 1, id: null },
    });
    expect(state.problem?.message).toContain("la bitácora fue vaciada");
  });

  it("shows today's anchor of the head, unsigned without MRTM_AUDIT_ANCHOR_KEY", async () => {
    const rows = await chainRows();
    const state = await chainState();
    expect(state.anchor?.signed).toBe(false);
    expect(parseAnchor(state.anchor?.text ?? "")).toEqual({
      date: localDateOf(new Date(state.verifiedAt)),
      seq: rows.length,
      hash: rows.at(-1)?.hash,
      signature: null,
    });
  });

  it("a download's event is already sealed when the response arrives", async () => {
    await registerTestAgreement(db());
    const instance = await toolInstanceOf(ctx.app, admin, "E2");
    const [uploader] = await db().select({ id: users.id }).from(users).limit(1);
    const evidenceId = await addEvidenceRow(db(), instance.id, uploader?.id ?? "");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-chain-")), "e.pdf");
    const bytes = Buffer.from("%PDF-1.4\n% evidencia\n%%EOF\n");
    fs.writeFileSync(file, bytes);
    const stored = await ctx.app.deps.blobs.putFile(file, {
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: bytes.length,
      contentType: "application/pdf",
    });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    await db()
      .update(evidenceFiles)
      .set({ blobKey: stored.key })
      .where(eq(evidenceFiles.id, evidenceId));
    await sealAuditChain(db());

    const response = await ctx.app.inject({
      method: "GET",
      url: `/api/evidence/${evidenceId}/download`,
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(bytes)).toBe(true);
    // No waiting: the event is in the chain as soon as the download has answered.
    const [event] = await db()
      .select({ seq: auditEvents.chainSeq, hash: auditEvents.chainHash })
      .from(auditEvents)
      .where(eq(auditEvents.action, "evidence.downloaded"));
    expect(event?.seq).toBeGreaterThan(0);
    expect(await hasUnsealedAudit(db())).toBe(false);
    expect(await chainState()).toMatchObject({ ok: true, unsealed: 0, lastHash: event?.hash });
  });
});
