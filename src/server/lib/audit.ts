import type { Executor } from "../db/client.js";
import { auditEvents } from "../db/schema/index.js";

/** Who performed an action, as the audit trail will show it. */
export interface Actor {
  id: string | null;
  label: string;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: "sistema", ip: null };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  municipality?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit event; call it with the transaction of the write it records. */
export async function recordAudit(
  executor: Executor,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await executor.insert(auditEvents).values({
    actorId: actor.id,
    actorLabel: actor.label,
    ip: actor.ip,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    municipalityCvegeo: entry.municipality ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
