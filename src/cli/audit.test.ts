import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../server/db/client.js";
import { lockDataDir } from "../server/db/data-lock.js";
import { auditEvents } from "../server/db/schema/index.js";
import { recordAudit, SYSTEM_ACTOR, sealAuditChain } from "../server/lib/audit.js";
import { createTestContext, type TestContext } from "../server/test/app.js";
import { CliCheckFailed, runCommand } from "./commands.js";

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
      `Bitácora íntegra: ${rows.length} evento(s) encadenados; último hash (posición ${last?.seq}): ${last?.hash}\n`,
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

describe("npx mrtm audit verify (process, PGlite data folder)", () => {
  it("exits 0 when intact, 1 with the first bad event when tampered, and 2 while the folder is in use", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-audit-cli-"));
    dirs.push(dir);
    const ok = await mrtm(dir, "audit", "verify");
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Bitácora íntegra: \d+ evento\(s\) encadenados; último hash/);

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
  }, 120_000);
});
