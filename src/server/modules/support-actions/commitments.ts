/** The commitments (acuerdos) of a held action: recording them and following them up. */
import { and, eq } from "drizzle-orm";
import type {
  CommitmentStatusRequest,
  CreateCommitmentRequest,
} from "../../../contracts/support.js";
import type { z } from "../../../contracts/zod.js";
import { localDateOf } from "../../../domain/dates.js";
import { actingRole } from "../../../domain/policy.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import {
  type CommitmentActor,
  commitmentChangeProblem,
  commitmentDueProblem,
} from "../../../domain/support-actions.js";
import type { Database } from "../../db/client.js";
import { commitments, users } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { insertAudited } from "../../lib/audited-writes.js";
import { forbidden, rejectConflict } from "../../lib/errors.js";
import { lockedById } from "../../lib/found-row.js";
import type { AuthUser } from "../../plugins/auth.js";
import { invalidFields, lockHeldAction, requireInvited } from "./checks.js";
import { getVisibleCommitment } from "./queries.js";

/**
 * Staff record a commitment (acuerdo) of a held action. Its owner is one of the invited
 * municipalities and/or a person: an account (staff, or of that municipality) or a name.
 */
export async function addCommitment(
  db: Database,
  id: string,
  input: z.output<typeof CreateCommitmentRequest>,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const action = await lockHeldAction(tx, id, user, "Los acuerdos");
    const dueProblem = commitmentDueProblem(input.dueOn, action.heldOn);
    if (dueProblem) {
      throw invalidFields([{ field: "dueOn", message: dueProblem }]);
    }
    let municipality = input.municipality;
    let ownerName = input.ownerName;
    if (input.ownerUserId) {
      const [owner] = await tx
        .select()
        .from(users)
        .where(and(eq(users.id, input.ownerUserId), eq(users.active, true)));
      if (!owner) {
        throw invalidFields([{ field: "ownerUserId", message: "La persona usuaria no existe." }]);
      }
      if (isMunicipalRole(owner.role)) {
        if (municipality !== null && owner.municipalityCvegeo !== municipality) {
          throw invalidFields([
            {
              field: "ownerUserId",
              message: "La persona responsable pertenece a otro municipio.",
            },
          ]);
        }
        municipality = owner.municipalityCvegeo;
      }
      ownerName = ownerName || owner.name;
    }
    if (municipality !== null) {
      await requireInvited(tx, id, municipality, "municipality");
    }
    const after = {
      actionId: id,
      description: input.description,
      ownerUserId: input.ownerUserId,
      ownerName,
      dueOn: input.dueOn,
    };
    const commitment = { ...after, municipalityCvegeo: municipality, createdAt: now };
    const { id: created } = await insertAudited(tx, actor, commitments, commitment, {
      action: "commitment.created",
      entityType: "commitment",
      municipality,
      after,
    });
    return created;
  });
}

const COMMITMENT_AUDIT = {
  open: "commitment.reopened",
  closed: "commitment.closed",
  cancelled: "commitment.cancelled",
} as const;

/**
 * Follows a commitment up: staff close, cancel or reopen it; the liaison of the municipality that
 * owns it closes it, with a note of how it was fulfilled. Other municipalities get 404.
 */
export async function changeCommitmentStatus(
  db: Database,
  commitmentId: string,
  input: z.output<typeof CommitmentStatusRequest>,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const visible = await getVisibleCommitment(tx, commitmentId, user);
    const commitment = await lockedById(tx, commitments, visible.id, "El acuerdo no existe.");
    let who: CommitmentActor = "staff";
    if (isMunicipalRole(user.role)) {
      if (actingRole(user) !== "liaison") {
        throw forbidden("Solo el enlace del municipio da seguimiento a sus acuerdos.");
      }
      who = "owner_liaison";
    }
    rejectConflict(commitmentChangeProblem(commitment.status, input.status, who, input.note));
    const reopening = input.status === "open";
    await tx
      .update(commitments)
      .set({
        status: input.status,
        closingNote: reopening ? null : input.note,
        closedAt: reopening ? null : now,
        closedBy: reopening ? null : user.id,
      })
      .where(eq(commitments.id, commitment.id));
    await recordAudit(tx, actor, {
      action: COMMITMENT_AUDIT[input.status],
      entityType: "commitment",
      entityId: commitment.id,
      municipality: commitment.municipalityCvegeo,
      before: { status: commitment.status, closingNote: commitment.closingNote },
      after: { status: input.status, note: input.note, on: localDateOf(now) },
    });
  });
}
