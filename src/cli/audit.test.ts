import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAnchor, signAnchor } from "../domain/audit-chain.js";
import { localDateOf } from "../domain/dates.js";
import { openDatabase } from "../server/db/client.js";
import { lockDataDir } from "../server/db/data-lock.js";
import { auditEvents } from "../server/db/schema/index.js";
import { hmacSha256, recordAudit, SYSTEM_ACTOR, sealAuditChain } from "../server/lib/audit.js";
import { createTestContext, type TestContext } from "../server/test/app.js";
import { resetDatabase } from "../server/test/db.js";
import { buildUser } from "../server/test/factories.js";
import { CliCannotCheck, CliCheckFailed, runCommand } from "./commands.js";

let ctx: TestContext;
const dirs: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.app.close();
  for (const dir of dirs) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const io = {
  env: {},
  stdin: Readable.from([""]),
  stdout: new Writable({ write: (_chunk, _encoding, done) => done() }),
};

async function writeEvents(db: TestContext["handle"]["db"], count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await recordAudit(db, SYSTEM_ACTOR, {
      action: "institution.updated",
      entityType: "institution",
      after: { i },
    });
  }
}

describe("mrtm audit verify (command)", () => {
  it("reports OK with the count and the last hash, sealing pending events first", async () => {
    await writeEvents(ctx.handle.db, 4);
    const output = await runCommand(ctx.handle.db, ["audit", "verify"], {}, io);
    const rows = await ctx.handle.db
      .select({ seq: auditEvents.chainSeq, hash: auditEvents.chainHash })
      .from(auditEvents)
      .orderBy(asc(auditEvents.chainSeq));
    const last = rows.at(-1);
    expect(rows.every((row) => row.seq !== null)).toBe(true);
    expect(output).toBe(
      `Bitácora íntegra: ${rows.length} evento(s) encadenados; último hash (posición ${last?.seq}): ${last?.hash}\n` +
        "Ancla de hoy, para guardar fuera del servidor (sin firma: configure MRTM_AUDIT_ANCHOR_KEY para firmarla):\n" +
        `${signAnchor(hmacSha256, null, { date: localDateOf(new Date()), seq: last?.seq ?? 0, hash: last?.hash ?? "" })}\n`,
    );
  });

  it("reports the first deleted event and fails", async () => {
    await sealAuditChain(ctx.handle.db);
    await ctx.handle.db.execute(
      sql`alter table audit_events disable trigger audit_events_append_only`,
    );
    try {
      await ctx.handle.db.execute(sql`delete from audit_events where chain_seq = 2`);
    } finally {
      await ctx.handle.db.execute(
        sql`alter table audit_events enable trigger audit_events_append_only`,
      );
    }
    const run = runCommand(ctx.handle.db, ["audit", "verify"], {}, io);
    await expect(run).rejects.toBeInstanceOf(CliCheckFailed);
    await expect(runCommand(ctx.handle.db, ["audit", "verify"], {}, io)).rejects.toThrow(
      /Bitácora ALTERADA\. Falta el evento en la posición 2 de la cadena: fue eliminado/,
    );
  });

  it("refuses an unknown audit action", async () => {
    await expect(runCommand(ctx.handle.db, ["audit", "check"], {}, io)).rejects.toThrow(
      "Acción desconocida para audit: check",
    );
  });
});

/** `npx mrtm audit verify` as a process, on a PGlite data folder. */
function mrtm(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "main.ts"), ...args],
    { env: { ...env, MRTM_DATA_DIR: dataDir, LOG_LEVEL: "silent" }, stdio: "pipe" },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Removes the newest sealed events, the append-only trigger off: what direct SQL access could do. */
async function removeNewest(db: TestContext["handle"]["db"], count: number): Promise<void> {
  await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
  try {
    await db.execute(
      sql`delete from audit_events where chain_seq > (select max(chain_seq) - ${count} from audit_events)`,
    );
  } finally {
    await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  }
}

async function lastLink(db: TestContext["handle"]["db"]) {
  const rows = await db
    .select({ seq: auditEvents.chainSeq, hash: auditEvents.chainHash })
    .from(auditEvents)
    .orderBy(asc(auditEvents.chainSeq));
  const last = rows.at(-1);
  return { seq: last?.seq ?? 0, hash: last?.hash ?? "" };
}

describe("mrtm audit verify: an emptied or shortened chain", () => {
  const key = "clave-de-anclas-de-prueba-0123456789abcdef";
  const withKey = { ...io, env: { MRTM_AUDIT_ANCHOR_KEY: key } };

  it("fails on a chain emptied in an instance with accounts", async () => {
    await resetDatabase(ctx.handle);
    await buildUser(ctx.handle.db, "admin");
    await sealAuditChain(ctx.handle.db);
    await ctx.handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`truncate audit_events`);
    });
    await expect(runCommand(ctx.handle.db, ["audit", "verify"], {}, io)).rejects.toThrow(
      /^Bitácora ALTERADA\. La bitácora no tiene ningún evento, pero la instancia tiene \d+ registro\(s\).*fue vaciada\.\n$/,
    );
  });

  it("--expect-last passes with the noted hash and fails once the newest event is removed", async () => {
    await resetDatabase(ctx.handle);
    await writeEvents(ctx.handle.db, 4);
    await sealAuditChain(ctx.handle.db);
    const noted = await lastLink(ctx.handle.db);
    const args = { "expect-last": noted.hash };
    expect(await runCommand(ctx.handle.db, ["audit", "verify"], args, io)).toContain(
      "El hash esperado está en la cadena.",
    );
    await writeEvents(ctx.handle.db, 1);
    expect(await runCommand(ctx.handle.db, ["audit", "verify"], args, io)).toContain(
      "El hash esperado está en la cadena.",
    );
    await removeNewest(ctx.handle.db, 2);
    // Without the noted hash the shorter chain looks intact; with it, it does not.
    expect(await runCommand(ctx.handle.db, ["audit", "verify"], {}, io)).toMatch(
      /^Bitácora íntegra/,
    );
    await expect(runCommand(ctx.handle.db, ["audit", "verify"], args, io)).rejects.toThrow(
      `Bitácora ALTERADA. El hash esperado ${noted.hash} no está en la cadena`,
    );
    await expect(
      runCommand(ctx.handle.db, ["audit", "verify"], { "expect-last": "xyz" }, io),
    ).rejects.toThrow("--expect-last es un hash SHA-256");
  });

  it("--anchor checks the signature and that the chain reaches the anchor's position", async () => {
    await resetDatabase(ctx.handle);
    await writeEvents(ctx.handle.db, 3);
    const output = await runCommand(ctx.handle.db, ["audit", "verify"], {}, withKey);
    expect(output).toContain("Ancla de hoy, para guardar fuera del servidor:\n");
    const anchor = output.trim().split("\n").at(-1) ?? "";
    const head = await lastLink(ctx.handle.db);
    expect(parseAnchor(anchor)).toMatchObject({ seq: head.seq, hash: head.hash });
    expect(parseAnchor(anchor)?.signature).toMatch(/^[0-9a-f]{64}$/);

    await writeEvents(ctx.handle.db, 2);
    expect(await runCommand(ctx.handle.db, ["audit", "verify"], { anchor }, withKey)).toContain(
      `(posición ${head.seq}) está en la cadena y su firma es válida.`,
    );

    // A forged anchor (another count, same signature), or one checked without the key.
    const forged = anchor.replace(`eventos=${head.seq};`, `eventos=${head.seq - 1};`);
    await expect(
      runCommand(ctx.handle.db, ["audit", "verify"], { anchor: forged }, withKey),
    ).rejects.toThrow("Ancla NO válida: su firma no corresponde");
    await expect(
      runCommand(ctx.handle.db, ["audit", "verify"], { anchor }, io),
    ).rejects.toBeInstanceOf(CliCannotCheck);
    await expect(
      runCommand(ctx.handle.db, ["audit", "verify"], { anchor: "hola" }, withKey),
    ).rejects.toThrow("--anchor no es un ancla de MRTM");

    await removeNewest(ctx.handle.db, 3);
    const run = runCommand(ctx.handle.db, ["audit", "verify"], { anchor }, withKey);
    await expect(run).rejects.toBeInstanceOf(CliCheckFailed);
    await expect(
      runCommand(ctx.handle.db, ["audit", "verify"], { anchor }, withKey),
    ).rejects.toThrow(
      `La cadena tiene ${head.seq - 1} evento(s) y el ancla registra la posición ${head.seq}: se eliminaron los eventos más recientes.`,
    );
  });
});

describe("npx mrtm audit verify (process, PGlite data folder)", () => {
  it("exits 0 when intact, 1 with the first bad event when tampered, and 2 while the folder is in use", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-audit-cli-"));
    dirs.push(dir);
    const ok = await mrtm(dir, "audit", "verify");
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Bitácora íntegra: \d+ evento\(s\) encadenados; último hash/);
    // A hash noted earlier that the chain no longer has (its newest events removed): exit 1.
    const unknown = await mrtm(dir, "audit", "verify", "--expect-last", "cd".repeat(32));
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain(`El hash esperado ${"cd".repeat(32)} no está en la cadena`);

    // Tamper with the folder the way an intruder with file access would: through SQL, trigger off.
    const handle = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      await writeEvents(handle.db, 3);
      await sealAuditChain(handle.db);
      const [third] = await handle.db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(sql`${auditEvents.chainSeq} = 3`);
      await handle.db.execute(
        sql`alter table audit_events disable trigger audit_events_append_only`,
      );
      await handle.db.execute(
        sql`update audit_events set actor_label = 'otra persona' where chain_seq = 3`,
      );
      await handle.db.execute(
        sql`alter table audit_events enable trigger audit_events_append_only`,
      );
      await handle.close();
      const bad = await mrtm(dir, "audit", "verify");
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain(
        `El evento en la posición 3 (id ${third?.id}) no coincide con su hash: fue modificado`,
      );
    } finally {
      await handle.close().catch(() => {});
    }

    const release = lockDataDir(dir);
    try {
      const locked = await mrtm(dir, "audit", "verify");
      expect(locked.code).toBe(2);
      expect(locked.stderr).toContain("ya está en uso por otro proceso de MRTM");
      expect(locked.stdout).toBe("");
    } finally {
      release();
    }
  });
});
