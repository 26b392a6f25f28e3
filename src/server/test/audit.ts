import { and, asc, eq, type SQL } from "drizzle-orm";
import type { AuditAction } from "../../domain/audit-events.js";
import type { Database } from "../db/client.js";
import { auditEvents } from "../db/schema/index.js";

/** Which of an action's events to read: of one municipality, one record or one actor. */
export interface AuditEventFilter {
  municipality?: string;
  entityId?: string;
  actorId?: string;
}

/** The audit events of an action, oldest first, narrowed by the filter. */
export function auditEventsOf(db: Database, action: AuditAction, filter: AuditEventFilter = {}) {
  const conditions: SQL[] = [eq(auditEvents.action, action)];
  if (filter.municipality !== undefined) {
    conditions.push(eq(auditEvents.municipalityCvegeo, filter.municipality));
  }
  if (filter.entityId !== undefined) {
    conditions.push(eq(auditEvents.entityId, filter.entityId));
  }
  if (filter.actorId !== undefined) {
    conditions.push(eq(auditEvents.actorId, filter.actorId));
  }
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(asc(auditEvents.id));
}
