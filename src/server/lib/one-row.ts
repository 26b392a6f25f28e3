/**
 * Writing a record kept as one row that is created by its first save (a draft, an indicator
 * adoption, a period's report): later saves update that row.
 */
import { eq } from "drizzle-orm";
import type { AnyPgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Executor } from "../db/client.js";
import { returnedRow } from "./rows.js";

/**
 * Updates `current` with `fields`, or, without a current row, inserts `fields` with what only a
 * new row sets (`created`: its owner, its creation date). Returns the row as written. The caller
 * holds the lock under which "no row yet" stays true until the insert.
 */
export async function updateOrInsert<
  T extends PgTable & { id: AnyPgColumn },
  Fields extends PgUpdateSetSource<T>,
>(
  tx: Executor,
  table: T,
  current: { id: string } | null,
  fields: Fields,
  created: Omit<T["$inferInsert"], keyof Fields>,
): Promise<T["$inferSelect"]> {
  if (current) {
    const rows = await tx.update(table).set(fields).where(eq(table.id, current.id)).returning();
    return returnedRow(rows as T["$inferSelect"][], "update");
  }
  const row = { ...fields, ...created } as T["$inferInsert"];
  const rows = await tx.insert(table).values(row).returning();
  return returnedRow(rows as T["$inferSelect"][]);
}
