import type { Executor } from "../../db/client.js";
import type { users } from "../../db/schema/index.js";
import { recordAudit } from "../../lib/audit.js";

/**
 * Audits what a person does to their own account before any session names them (signing in,
 * recovering the password): they are the actor, by name and address, and the account the entity.
 */
export function recordOwnAccountEvent(
  tx: Executor,
  user: typeof users.$inferSelect,
  ip: string | null,
  action: "auth.login" | "user.password_recovered",
): Promise<void> {
  return recordAudit(
    tx,
    { id: user.id, label: `${user.name} <${user.email}>`, ip },
    { action, entityType: "user", entityId: user.id, municipality: user.municipalityCvegeo },
  );
}
