import { bigint, index, jsonb, pgTable, text, uuid, varchar } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns.js";

/**
 * Append-only record of who did what. A trigger (migration 0001) refuses UPDATE and DELETE, so the
 * application cannot rewrite history even by mistake.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamptz().notNull().defaultNow(),
    actorId: uuid(),
    /** Who acted, as shown then: "Nombre <correo>", or "sistema", or the e-mail tried at login. */
    actorLabel: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    municipalityCvegeo: varchar({ length: 5 }),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
  },
  (table) => [
    index().on(table.occurredAt),
    index().on(table.entityType, table.entityId),
    index().on(table.actorId),
    // Login throttling counts recent failures per e-mail.
    index().on(table.action, table.entityId, table.occurredAt),
  ],
);
