/**
 * A support action's life after planning: cancelled, put back on the calendar, or held (which
 * takes the baseline of the tools it addressed).
 */
import { eq } from "drizzle-orm";
import type {
  CancelSupportActionRequest,
  HoldSupportActionRequest,
  RescheduleSupportActionRequest,
} from "../../../contracts/support.js";
import {
  type StatusChange,
  statusChangeProblem,
  zonedInstant,
} from "../../../domain/support-actions.js";
import { takeBaseline } from "../../../domain/support-effectiveness.js";
import type { Database, Executor } from "../../db/client.js";
import { supportActionBaselines, supportActions } from "../../db/schema/index.js";
import type { Actor } from "../../lib/audit.js";
import { rejectConflict } from "../../lib/errors.js";
import { returnedRow } from "../../lib/rows.js";
import type { AuthUser } from "../../plugins/auth.js";
import { notifySupportAction } from "../notifications/support-events.js";
import { loadInstanceFacts } from "../progress/queries.js";
import { auditAction } from "./action-audit.js";
import { lockForChange } from "./checks.js";
import { relationsOf } from "./relations.js";

/**
 * Locks an action at the revision the editor saw and moves it to a new status under the domain's
 * transition rules: the row before and after, and the action's relations, for the audit event.
 */
async function changeStatus(
  tx: Executor,
  id: string,
  user: AuthUser,
  seen: { expectedRevision: number },
  change: StatusChange,
  now: Date,
) {
  const action = await lockForChange(tx, id, user, seen.expectedRevision);
  rejectConflict(statusChangeProblem(action, change, now));
  const updated = returnedRow(
    await tx
      .update(supportActions)
      .set({
        status: change.to,
        revision: action.revision + 1,
        updatedAt: now,
        ...(change.to === "cancelled" ? { cancelReason: change.reason } : {}),
        ...(change.to === "planned" ? { startsAt: change.startsAt, cancelReason: null } : {}),
        ...(change.to === "held" ? { heldOn: change.heldOn } : {}),
      })
      .where(eq(supportActions.id, action.id))
      .returning(),
    "update",
  );
  return { action, updated, ...(await relationsOf(tx, id)) };
}

/** Staff cancel a planned action, with a reason. */
export async function cancelSupportAction(
  db: Database,
  id: string,
  input: CancelSupportActionRequest,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const cancel = { to: "cancelled", reason: input.reason } as const;
    const { action, updated, invited } = await changeStatus(tx, id, user, input, cancel, now);
    await auditAction(tx, actor, id, invited, {
      action: "support_action.cancelled",
      before: { status: action.status, revision: action.revision },
      after: { status: updated.status, revision: updated.revision, reason: input.reason },
    });
    await notifySupportAction(
      tx,
      id,
      { kind: "cancelled", reason: input.reason },
      { actorUserId: user.id },
    );
  });
}

/** Staff put a cancelled action back on the calendar, on a new date still to come. */
export async function rescheduleSupportAction(
  db: Database,
  id: string,
  input: RescheduleSupportActionRequest,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = { to: "planned", startsAt: zonedInstant(input.date, input.time) } as const;
    const { action, updated, invited } = await changeStatus(tx, id, user, input, plan, now);
    await auditAction(tx, actor, id, invited, {
      action: "support_action.rescheduled",
      before: { status: action.status, startsAt: action.startsAt.toISOString() },
      after: {
        status: updated.status,
        startsAt: updated.startsAt.toISOString(),
        revision: updated.revision,
      },
    });
    await notifySupportAction(tx, id, { kind: "rescheduled" }, { actorUserId: user.id });
  });
}

/**
 * Staff record that an action took place. The baseline is taken in the same transaction
 * (`takeBaseline`): for every invited municipality × addressed tool, the tool's state as progress
 * reports it for the cycle that counts on the day held (tools a municipality lacks get no row).
 */
export async function markSupportActionHeld(
  db: Database,
  id: string,
  input: HoldSupportActionRequest,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const hold = { to: "held", heldOn: input.heldOn } as const;
    const { action, updated, invited, tools } = await changeStatus(tx, id, user, input, hold, now);
    const facts = await loadInstanceFacts(tx, invited);
    const baseline = takeBaseline(invited, tools, facts, input.heldOn).map((entry) => ({
      actionId: id,
      ...entry,
    }));
    if (baseline.length > 0) {
      await tx.insert(supportActionBaselines).values(baseline);
    }
    await auditAction(tx, actor, id, invited, {
      action: "support_action.held",
      before: { status: action.status, revision: action.revision },
      after: {
        status: updated.status,
        heldOn: input.heldOn,
        revision: updated.revision,
        baseline: baseline.map((b) => `${b.municipalityCvegeo}/${b.toolCode}: ${b.state}`),
      },
    });
  });
}
