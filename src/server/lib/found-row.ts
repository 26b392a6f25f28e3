/**
 * The one row a service acts on: found by its condition, locked when it is about to change, and a
 * 404 with the service's Spanish message when there is none.
 */
import { eq, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../db/client.js";
import { notFound } from "./errors.js";

/**
 * The row of `table` that `where` selects, else 404 with `missing`. With `lock` it is locked FOR
 * UPDATE in the caller's transaction, so what the caller checks stays true until it commits.
 */
export async function foundRow<T extends PgTable>(
  tx: Executor,
  table: T,
  where: SQL | undefined,
  missing: string,
  lock = false,
): Promise<T["$inferSelect"]> {
  const query = tx
    .select()
    .from(table as PgTable)
    .where(where);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) {
    throw notFound(missing);
  }
  return row as T["$inferSelect"];
}

/** `foundRow`, locked: the row a service is about to change. */
export function lockedRow<T extends PgTable>(
  tx: Executor,
  table: T,
  where: SQL | undefined,
  missing: string,
): Promise<T["$inferSelect"]> {
  return foundRow(tx, table, where, missing, true);
}

/** `lockedRow` of the row whose primary key `id` is `id`: the common case of a use case on one row. */
export function lockedById<T extends PgTable & { id: AnyPgColumn }>(
  tx: Executor,
  table: T,
  id: string,
  missing: string,
): Promise<T["$inferSelect"]> {
  return lockedRow(tx, table, eq(table.id, id), missing);
}
