/** Planning a support action and editing it: staff, one transaction per change. */
import { eq } from "drizzle-orm";
import type {
  CreateSupportActionRequest,
  UpdateSupportActionRequest,
} from "../../../contracts/support.js";
import type { z } from "../../../contracts/zod.js";
import { actionChanges } from "../../../domain/support-action-edits.js";
import { editProblem, venueProblems, zonedInstant } from "../../../domain/support-actions.js";
import type { Database } from "../../db/client.js";
import { supportActions } from "../../db/schema/index.js";
import type { Actor } from "../../lib/audit.js";
import { rejectConflict } from "../../lib/errors.js";
import { returnedRow } from "../../lib/rows.js";
import type { AuthUser } from "../../plugins/auth.js";
import { notifySupportAction } from "../notifications/support-events.js";
import { auditAction, snapshot } from "./action-audit.js";
import { invalidFields, lockForChange, requireStaff } from "./checks.js";
import { checkReferences, relationsOf, replaceRelations } from "./relations.js";

export type CreateActionInput = z.output<typeof CreateSupportActionRequest>;

export type UpdateActionInput = z.output<typeof UpdateSupportActionRequest>;

/** Staff plan a new support action. */
export async function createSupportAction(
  db: Database,
  input: CreateActionInput,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<string> {
  requireStaff(user);
  const venue = { modality: input.modality, place: input.place, link: input.link };
  const problems = venueProblems(venue);
  if (problems.length > 0) {
    throw invalidFields(problems);
  }
  return db.transaction(async (tx) => {
    await checkReferences(tx, input);
    const action = returnedRow(
      await tx
        .insert(supportActions)
        .values({
          type: input.type,
          title: input.title,
          description: input.description,
          startsAt: zonedInstant(input.date, input.time),
          durationMinutes: input.durationMinutes,
          modality: input.modality,
          place: venue.modality === "virtual" ? null : input.place,
          link: venue.modality === "in_person" ? null : input.link,
          createdBy: user.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning(),
    );
    await replaceRelations(tx, action.id, input);
    const relations = await relationsOf(tx, action.id);
    await auditAction(tx, actor, action.id, relations.invited, {
      action: "support_action.created",
      after: snapshot(action, relations),
    });
    await notifySupportAction(tx, action.id, { kind: "created" }, { actorUserId: user.id });
    return action.id;
  });
}

/**
 * Staff edit an action. Only the fields sent and different count as changes (`actionChanges`);
 * what may change depends on the status (domain rules). Every saved change bumps the revision.
 */
export async function updateSupportAction(
  db: Database,
  id: string,
  input: UpdateActionInput,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const action = await lockForChange(tx, id, user, input.expectedRevision);
    const before = await relationsOf(tx, id);
    const { next, lists: refs, changed } = actionChanges(action, before, input);
    if (changed.length === 0) {
      return;
    }
    rejectConflict(editProblem(action.status, changed));
    const venueIssues = venueProblems(next);
    if (venueIssues.length > 0) {
      throw invalidFields(venueIssues);
    }
    await checkReferences(tx, refs);
    const [updated] = await tx
      .update(supportActions)
      .set({ ...next, revision: action.revision + 1, updatedAt: now })
      .where(eq(supportActions.id, id))
      .returning();
    await replaceRelations(tx, id, refs);
    const after = await relationsOf(tx, id);
    await auditAction(tx, actor, id, after.invited, {
      action: "support_action.updated",
      before: snapshot(action, before),
      after: { ...snapshot(updated ?? action, after), changed },
    });
    await notifySupportAction(
      tx,
      id,
      { kind: "updated", changed, before },
      { actorUserId: user.id },
    );
  });
}
