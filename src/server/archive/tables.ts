import fs from "node:fs";
import path from "node:path";
import { type Column, getTableName, isTable, type SQL, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../db/client.js";
import { MIGRATIONS_FOLDER } from "../db/client.js";
import * as schema from "../db/schema/index.js";

export interface ArchiveTable {
  name: string;
  columns: string[];
  /** Columns to page by: the primary key, or every column for a table without one. */
  orderBy: string[];
  /** Columns holding blob-store keys (re-issued by the target store on import). */
  blobColumns: string[];
}

/**
 * Tables an archive leaves out, with the reason. Each holds only hashes of secrets that sign a
 * person in (a session cookie, an API token, a password-recovery link): restored on another
 * server, they would keep working there for whoever holds the secret. After a move people sign in
 * again, owners create new API tokens, and a pending recovery link is asked for again. Nothing
 * references these tables, and importing truncates them (with `users`, by cascade).
 */
export const NOT_ARCHIVED: Readonly<Record<string, string>> = {
  sessions: "hashes of session cookies: everyone signs in again on the new server",
  api_tokens:
    "hashes of API tokens: each owner creates new tokens on the new server (docs/decisions/0011)",
  password_reset_tokens:
    "hashes of single-use, 30-minute recovery links: a pending one is requested again",
};

/** Every table of the schema but those NOT_ARCHIVED, parents before children (foreign-key order). */
export function archiveTables(): ArchiveTable[] {
  const tables = (Object.values(schema) as unknown[]).filter(isTable) as PgTable[];
  const byName = new Map(tables.map((table) => [getTableName(table), table]));
  const ordered: ArchiveTable[] = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string) => {
    if (done.has(name) || visiting.has(name)) {
      return;
    }
    visiting.add(name);
    const table = byName.get(name);
    if (!table) {
      return;
    }
    const config = getTableConfig(table);
    for (const fk of config.foreignKeys) {
      visit(getTableName(fk.reference().foreignTable));
    }
    if (name in NOT_ARCHIVED) {
      visiting.delete(name);
      done.add(name);
      return;
    }
    const columns = config.columns.map(columnName);
    const primary =
      config.primaryKeys[0]?.columns.map(columnName) ??
      config.columns.filter((column) => column.primary).map(columnName);
    ordered.push({
      name,
      columns,
      orderBy: primary.length > 0 ? primary : columns,
      blobColumns: columns.filter((column) => column === "blob_key"),
    });
    visiting.delete(name);
    done.add(name);
  };
  for (const name of [...byName.keys()].sort()) {
    visit(name);
  }
  return ordered;
}

/** The database's name for a column: the schema uses snake_case for unnamed columns. */
function columnName(column: Column): string {
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

export function ident(name: string): SQL {
  return sql.raw(`"${name.replaceAll('"', '""')}"`);
}

export function rowsOf<T>(result: unknown): T[] {
  const rows = (result as { rows?: T[] }).rows ?? (result as T[]);
  return Array.isArray(rows) ? rows : [];
}

export interface SchemaVersion {
  /** The migration's name in drizzle/meta/_journal.json, e.g. "0010_progress_stamp_triggers". */
  tag: string;
  /** Its hash and timestamp as recorded in drizzle.__drizzle_migrations. */
  hash: string;
  createdAt: number;
}

/** The last migration applied to the database. */
export async function schemaVersion(db: Executor): Promise<SchemaVersion> {
  const [last] = rowsOf<{ hash: string; created_at: string | number }>(
    await db.execute(
      sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1`,
    ),
  );
  if (!last) {
    throw new Error("La base de datos no tiene migraciones aplicadas.");
  }
  const createdAt = Number(last.created_at);
  const journal = JSON.parse(
    fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"),
  ) as { entries: { tag: string; when: number }[] };
  const tag = journal.entries.find((entry) => entry.when === createdAt)?.tag ?? "desconocida";
  return { tag, hash: last.hash, createdAt };
}
