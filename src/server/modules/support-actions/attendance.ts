/** Who attended a held action, for each invited municipality. */
import { and, eq } from "drizzle-orm";
import type { AttendeeRequest } from "../../../contracts/support.js";
import { duplicateAttendeeMessage, sameAttendeeName } from "../../../domain/support-actions.js";
import type { Database, Executor } from "../../db/client.js";
import { municipalities, supportActionAttendees } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { conflict, notFound } from "../../lib/errors.js";
import { returnedRow } from "../../lib/rows.js";
import type { AuthUser } from "../../plugins/auth.js";
import { lockHeldAction, requireInvited, requireStaff } from "./checks.js";
import { getVisibleAction } from "./queries.js";

/**
 * The same person is recorded once per municipality of an action (names compared as typed: case,
 * accents and spaces aside). The caller holds the action's lock, so two requests cannot both pass.
 */
async function rejectDuplicateAttendee(
  tx: Executor,
  id: string,
  input: AttendeeRequest,
): Promise<void> {
  const recorded = await tx
    .select({ name: supportActionAttendees.name, municipality: municipalities.name })
    .from(supportActionAttendees)
    .innerJoin(municipalities, eq(municipalities.cvegeo, supportActionAttendees.municipalityCvegeo))
    .where(
      and(
        eq(supportActionAttendees.actionId, id),
        eq(supportActionAttendees.municipalityCvegeo, input.municipality),
      ),
    );
  const same = recorded.find((row) => sameAttendeeName(row.name, input.name));
  if (same) {
    throw conflict(duplicateAttendeeMessage(same.name, same.municipality));
  }
}

/** Staff record one attendee of a held action, for one of its invited municipalities. */
export async function addAttendee(
  db: Database,
  id: string,
  input: AttendeeRequest,
  user: AuthUser,
  actor: Actor,
): Promise<string> {
  return db.transaction(async (tx) => {
    await lockHeldAction(tx, id, user, "La asistencia");
    await requireInvited(tx, id, input.municipality, "municipality");
    await rejectDuplicateAttendee(tx, id, input);
    const attendee = returnedRow(
      await tx
        .insert(supportActionAttendees)
        .values({
          actionId: id,
          municipalityCvegeo: input.municipality,
          name: input.name,
          position: input.position,
        })
        .returning({ id: supportActionAttendees.id }),
    );
    await recordAudit(tx, actor, {
      action: "support_action.attendee_added",
      entityType: "support_action",
      entityId: id,
      municipality: input.municipality,
      after: { attendeeId: attendee.id, name: input.name, position: input.position },
    });
    return attendee.id;
  });
}

/** Staff remove an attendee recorded by mistake. */
export async function removeAttendee(
  db: Database,
  id: string,
  attendeeId: string,
  user: AuthUser,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    requireStaff(user);
    await getVisibleAction(tx, id, user, true);
    const [removed] = await tx
      .delete(supportActionAttendees)
      .where(
        and(eq(supportActionAttendees.id, attendeeId), eq(supportActionAttendees.actionId, id)),
      )
      .returning();
    if (!removed) {
      throw notFound("La persona asistente no existe.");
    }
    await recordAudit(tx, actor, {
      action: "support_action.attendee_removed",
      entityType: "support_action",
      entityId: id,
      municipality: removed.municipalityCvegeo,
      before: { attendeeId, name: removed.name, position: removed.position },
    });
  });
}
