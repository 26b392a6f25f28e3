import { getTableName, isTable, sql } from "drizzle-orm";
import pg from "pg";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../db/client.js";
import * as schema from "../db/schema/index.js";
import { seedReferenceData } from "../seed/index.js";

const CACHE = Symbol.for("mrtm.testDatabase");
type Holder = { [CACHE]?: Promise<DatabaseHandle> };

/**
 * One database per test worker: in-memory PGlite by default, or a fresh PostgreSQL database
 * created next to TEST_DATABASE_URL's (dropped by the global teardown). Files in a worker run one
 * after another, and each starts with `resetDatabase`.
 */
export function getTestDatabase(): Promise<DatabaseHandle> {
  const holder = globalThis as Holder;
  holder[CACHE] ??= open();
  return holder[CACHE];
}

async function open(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  const handle = url
    ? await openDatabase({ kind: "postgres", url: await createWorkerDatabase(url) })
    : await openDatabase({ kind: "pglite", dataDir: null });
  await handle.migrate();
  return handle;
}

async function createWorkerDatabase(url: string): Promise<string> {
  const name = `mrtm_test_${inject("testRunId")}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

const TABLES = Object.values(schema)
  .filter((value) => isTable(value))
  .map((table) => `"${getTableName(table)}"`);

/**
 * Empties every table and loads the reference data (institution, municipalities, model). The audit
 * trail refuses TRUNCATE (migration 0016); this transaction alone skips that trigger, as the
 * archive import does.
 */
export async function resetDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(`truncate ${TABLES.join(", ")} restart identity cascade`));
  });
  await seedReferenceData(handle.db);
}
