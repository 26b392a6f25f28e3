/** How a support action's events enter the audit trail. */
import type { AuditAction } from "../../../domain/audit-events.js";
import type { Executor } from "../../db/client.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import type { ActionRow } from "./checks.js";
import type { Relations } from "./relations.js";

/** The municipality an action's audit events belong to: its only invitee, if it has one. */
export const auditMunicipality = (invited: readonly string[]) =>
  invited.length === 1 ? (invited[0] ?? null) : null;

/** The action's row as the audit trail keeps it. */
export function snapshot(row: ActionRow, relations: Relations) {
  return {
    type: row.type,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    durationMinutes: row.durationMinutes,
    modality: row.modality,
    place: row.place,
    link: row.link,
    status: row.status,
    revision: row.revision,
    ...relations,
  };
}

/** Records an event of an action in the audit trail, under the municipality it belongs to. */
export function auditAction(
  tx: Executor,
  actor: Actor,
  id: string,
  invited: readonly string[],
  event: {
    action: Extract<AuditAction, `support_action.${string}`>;
    before?: unknown;
    after: unknown;
  },
): Promise<void> {
  return recordAudit(tx, actor, {
    action: event.action,
    entityType: "support_action",
    entityId: id,
    municipality: auditMunicipality(invited),
    before: event.before,
    after: event.after,
  });
}
