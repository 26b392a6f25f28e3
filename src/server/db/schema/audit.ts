import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns.js";
import { cvegeo } from "./municipalities.js";

/**
 * Append-only record of who did what. A trigger (migrations 0001, 0011) refuses UPDATE and DELETE, so
 * the application cannot rewrite history even by mistake. The one UPDATE allowed is the sealer's
 * (src/server/lib/audit.ts): setting chainSeq and chainHash, once, from NULL. See
 * docs/decisions/0009-audit-hash-chain.md.
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
    municipalityCvegeo: cvegeo(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    /** Gap-free position in the hash chain (1, 2, …); NULL until the sealer reaches the event. */
    chainSeq: bigint({ mode: "number" }),
    /** SHA-256 (hex) of the previous event's chainHash + this event's canonical serialisation. */
    chainHash: text(),
  },
  (table) => [
    index().on(table.occurredAt),
    index().on(table.entityType, table.entityId),
    index().on(table.actorId),
    // Login throttling counts recent failures per e-mail.
    index().on(table.action, table.entityId, table.occurredAt),
    uniqueIndex().on(table.chainSeq),
    // The sealer looks for unsealed events; they are few, so a partial index keeps that cheap.
    index("audit_events_unsealed_index").on(table.id).where(sql`${table.chainSeq} is null`),
  ],
);
