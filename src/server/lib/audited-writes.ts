import { eq } from "drizzle-orm";
import type { AnyPgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { AuditAction } from "../../domain/audit-events.js";
import type { Executor } from "../db/client.js";
import { type Actor, type AuditEntry, recordAudit } from "./audit.js";
import { returnedRow } from "./rows.js";

/**
 * Inserts one row and records its creation in the same transaction: `created` is the audit event
 * (or makes it from the row written), whose entity is the new row. Returns the row as written.
 */
export async function insertAudited<T extends PgTable & { id: AnyPgColumn }, A extends AuditAction>(
  tx: Executor,
  actor: Actor,
  table: T,
  values: T["$inferInsert"],
  created: AuditEntry<A> | ((row: T["$inferSelect"]) => AuditEntry<A>),
): Promise<T["$inferSelect"]> {
  const rows = await tx.insert(table).values(values).returning();
  const row = returnedRow(rows as T["$inferSelect"][]);
  const entry = typeof created === "function" ? created(row) : created;
  await recordAudit(tx, actor, { ...entry, entityId: row.id as string });
  return row;
}

/**
 * Updates the row `id` of `table` with `fields` and records the change with `changed` (whose
 * entity is that row) in the same transaction.
 */
export async function updateAudited<T extends PgTable & { id: AnyPgColumn }, A extends AuditAction>(
  tx: Executor,
  actor: Actor,
  table: T,
  id: string,
  fields: PgUpdateSetSource<T>,
  changed: AuditEntry<A>,
): Promise<void> {
  await tx
    .update(table as PgTable)
    .set(fields as PgUpdateSetSource<PgTable>)
    .where(eq(table.id, id));
  await recordAudit(tx, actor, { ...changed, entityId: id });
}
