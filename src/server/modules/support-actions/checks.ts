/** The checks every change to a support action starts with: who may make it, and on what. */

import { and, eq } from "drizzle-orm";
import { canManageSupportActions } from "../../../domain/policy.js";
import { heldOnlyProblem } from "../../../domain/support-actions.js";
import type { Executor } from "../../db/client.js";
import { supportActionInvitations, type supportActions } from "../../db/schema/index.js";
import { AppError, conflict, forbidden, rejectConflict } from "../../lib/errors.js";
import type { AuthUser } from "../../plugins/auth.js";
import { getVisibleAction } from "./queries.js";

export type ActionRow = typeof supportActions.$inferSelect;

/** Only the institution's staff plan and record support actions (403 for anyone else). */
export function requireStaff(user: AuthUser): void {
  if (!canManageSupportActions(user)) {
    throw forbidden(
      "Solo el personal del órgano garante programa y edita acciones de acompañamiento.",
    );
  }
}

/** A 400 `validation_error` naming the first field wrong, with every problem in its details. */
export function invalidFields(problems: { field: string; message: string }[]): AppError {
  const first = problems[0] ?? { field: "(cuerpo)", message: "Valor no válido." };
  return new AppError(
    "validation_error",
    `El campo «${first.field}» no es válido: ${first.message}`,
    problems,
  );
}

/** Locks an action for a change and checks the editor saw its current revision. */
export async function lockForChange(
  tx: Executor,
  id: string,
  user: AuthUser,
  expectedRevision: number,
): Promise<ActionRow> {
  requireStaff(user);
  const action = await getVisibleAction(tx, id, user, true);
  if (action.revision !== expectedRevision) {
    throw conflict(
      "Otra persona modificó esta acción mientras la editaba. Recargue para ver los cambios.",
    );
  }
  return action;
}

/**
 * Locks an action for a record of what happened at it (attendance, commitments): staff only, and
 * only once the action is held; `what` names the record in the refusal.
 */
export async function lockHeldAction(
  tx: Executor,
  id: string,
  user: AuthUser,
  what: string,
): Promise<ActionRow> {
  requireStaff(user);
  const action = await getVisibleAction(tx, id, user, true);
  rejectConflict(heldOnlyProblem(action.status, what));
  return action;
}

/** Refuses a municipality the action did not invite, as a problem of `field`. */
export async function requireInvited(
  tx: Executor,
  actionId: string,
  cvegeo: string,
  field: string,
) {
  const [row] = await tx
    .select()
    .from(supportActionInvitations)
    .where(
      and(
        eq(supportActionInvitations.actionId, actionId),
        eq(supportActionInvitations.municipalityCvegeo, cvegeo),
      ),
    );
  if (!row) {
    throw invalidFields([{ field, message: "El municipio no fue invitado a esta acción." }]);
  }
}
