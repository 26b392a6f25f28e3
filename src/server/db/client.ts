import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { PACKAGE_ROOT } from "../config.js";
import { ChangeFeed, registerChangeFeed, watchPgClient, watchPglite } from "./changes.js";
import { lockDataDir } from "./data-lock.js";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
declare const pool: unique symbol;
/**
 * The database itself (a pool on PostgreSQL, the one connection on PGlite), outside any
 * transaction. Branded so that a transaction is not one: drizzle's transaction extends the
 * database class, and without the brand a function taking `Database` would accept it. Only a
 * function taking `Database` may run queries concurrently (`Promise.all`): a transaction is one
 * connection, whose queries must run one after another.
 */
export type Database = PgDatabase<PgQueryResultHKT, Schema> & { readonly [pool]: true };
/** An open transaction (or savepoint): one connection, so its queries run one at a time. */
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;
/**
 * Either the database or an open transaction: what a function accepts when it runs its queries
 * one after another. A function that fans queries out takes `Database` instead.
 */
export type Executor = Database | Transaction;
export const DATABASE_KINDS = ["pglite", "postgres"] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** What this process learns of changes without asking (decision 0027). */
  changes: ChangeFeed;
  /**
   * Applies pending migrations, then runs `then` (seeding) while still holding the start-up lock,
   * so several processes starting at once on PostgreSQL neither migrate nor seed twice.
   */
  migrate(then?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: its data folder as a .tar.gz, e.g. to make the template of new databases. */
  dumpDataDir?(): Promise<Blob>;
}

export const MIGRATIONS_FOLDER = path.join(PACKAGE_ROOT, "drizzle");
// Any constant works: it only has to be the same in every MRTM process.
const MIGRATION_LOCK_KEY = 7_210_301;

const drizzleOptions = { schema, casing: "snake_case" } as const;

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | {
      kind: "pglite";
      dataDir: string | null;
      /**
       * A PGlite data folder as a .tar.gz (`dumpDataDir`) to start a NEW database from, instead
       * of creating an empty one (initdb costs seconds): see `PGLITE_TEMPLATE_FILE`. Ignored
       * when the folder already holds a database or the file is absent.
       */
      template?: string | null;
    };

/**
 * Where the build leaves the template of a new embedded database: every migration applied and the
 * reference data seeded (scripts/pglite-template.js). Loading it takes a fraction of creating an
 * empty database; migrations newer than it and the reference seed still run at start.
 */
export const PGLITE_TEMPLATE_FILE = path.join(PACKAGE_ROOT, "dist", "pglite-template.tar.gz");

/** Opens PostgreSQL at a URL, or PGlite in a data folder (locked) or in memory (dataDir null). */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.kind === "postgres"
    ? openPostgres(target.url)
    : openPglite(target.dataDir, target.template ?? null);
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  // node-postgres and its drizzle driver load only here: a PGlite server never needs them.
  const [{ default: pg }, { drizzle: drizzleNodePg }, { migrate: migrateNodePg }] =
    await Promise.all([
      import("pg"),
      import("drizzle-orm/node-postgres"),
      import("drizzle-orm/node-postgres/migrator"),
    ]);
  const changes = await ChangeFeed.listening(url);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  pool.on("connect", (client) => watchPgClient(client, changes));
  const db = drizzleNodePg(pool, drizzleOptions) as unknown as Database;
  registerChangeFeed(db, changes);
  return {
    db,
    kind: "postgres",
    changes,
    async migrate(then) {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        await migrateNodePg(drizzleNodePg(client, drizzleOptions), {
          migrationsFolder: MIGRATIONS_FOLDER,
        });
        await then?.();
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
        client.release();
      }
    },
    async close() {
      await changes.close();
      await pool.end();
    },
  };
}

async function openPglite(
  dataDir: string | null,
  template: string | null,
): Promise<DatabaseHandle> {
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const client = await createPglite(dataDir ? path.join(dataDir, "pgdata") : null, template);
    // One process per folder (the lock): every change is one this process makes.
    const changes = ChangeFeed.local();
    watchPglite(client as unknown as Parameters<typeof watchPglite>[0], changes);
    const pgliteDb = drizzlePglite(client, drizzleOptions);
    registerChangeFeed(pgliteDb as unknown as Database, changes);
    return {
      db: pgliteDb as unknown as Database,
      kind: "pglite",
      changes,
      async migrate(then) {
        await migratePglite(pgliteDb, { migrationsFolder: MIGRATIONS_FOLDER });
        await then?.();
      },
      async close() {
        await changes.close();
        await client.close();
        release();
      },
      dumpDataDir: () => client.dumpDataDir("gzip"),
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** PGlite in a folder (or in memory), a new one loaded from the template when there is one. */
async function createPglite(folder: string | null, template: string | null): Promise<PGlite> {
  const fresh = folder === null || !fs.existsSync(path.join(folder, "PG_VERSION"));
  if (!fresh || !template || !fs.existsSync(template)) {
    return PGlite.create(folder ?? undefined);
  }
  try {
    const loadDataDir = new Blob([await fs.promises.readFile(template)]);
    return await PGlite.create(folder ?? undefined, { loadDataDir });
  } catch {
    // A damaged template must not stop a first start: create the database as without one.
    if (folder) {
      await fs.promises.rm(folder, { recursive: true, force: true });
    }
    return PGlite.create(folder ?? undefined);
  }
}
