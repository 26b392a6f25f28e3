/**
 * Extensions (prórrogas): the municipality's designated liaison asks for more time on one tool
 * instance; staff approve (possibly with another date) or refuse. Each use case is one
 * transaction with its audit event and notices; the rules are in src/domain/extensions.ts.
 */
import { and, eq } from "drizzle-orm";
import {
  type ExtensionDecisionInput,
  type ExtensionProblem,
  effectiveDeadline,
  extensionDecisionProblem,
  extensionRequestProblem,
} from "../../../domain/extensions.js";
import { canRequestExtension } from "../../../domain/policy.js";
import type { Database, Executor } from "../../db/client.js";
import { deadlineExtensions, toolInstances } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { insertAudited } from "../../lib/audited-writes.js";
import { AppError, isUniqueViolation } from "../../lib/errors.js";
import { foundRow, lockedById } from "../../lib/found-row.js";
import { inScope } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { notifyExtensionDecided, notifyExtensionRequested } from "./notices.js";

export interface ExtensionContext {
  user: AuthUser;
  actor: Actor;
  now: Date;
}

function refuse(problem: ExtensionProblem | null): void {
  if (problem) {
    throw new AppError(problem.code, problem.message);
  }
}

const ALREADY_PENDING: ExtensionProblem = {
  code: "extension_already_pending",
  message: "Ya hay una solicitud de prórroga pendiente para esta herramienta.",
};

/** An instance the user may see (404 otherwise), locked when it is about to change. */
export async function findScopedInstance(tx: Executor, id: string, user: AuthUser, lock = false) {
  const visible = and(eq(toolInstances.id, id), inScope(user, toolInstances.municipalityCvegeo));
  return foundRow(tx, toolInstances, visible, "La herramienta no existe.", lock);
}

async function hasPending(tx: Executor, instanceId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: deadlineExtensions.id })
    .from(deadlineExtensions)
    .where(
      and(
        eq(deadlineExtensions.toolInstanceId, instanceId),
        eq(deadlineExtensions.status, "pending"),
      ),
    );
  return row !== undefined;
}

/** The liaison asks for the instance's deadline to move to `requestedOn`. Returns the request's id. */
export async function requestExtension(
  db: Database,
  instanceId: string,
  input: { requestedOn: string; reason: string },
  { user, actor }: ExtensionContext,
): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      const instance = await findScopedInstance(tx, instanceId, user, true);
      if (!canRequestExtension(user, instance.municipalityCvegeo)) {
        throw new AppError("forbidden", "Solo el enlace designado del municipio pide prórrogas.");
      }
      refuse(
        extensionRequestProblem(
          {
            state: instance.state,
            deadline: instance.deadline,
            hasPendingRequest: await hasPending(tx, instance.id),
          },
          input,
        ),
      );
      const deadline = instance.deadline as string;
      const municipality = instance.municipalityCvegeo;
      const { requestedOn } = input;
      const reason = input.reason.trim();
      const request = {
        toolInstanceId: instance.id,
        municipalityCvegeo: municipality,
        deadlineBefore: deadline,
        requestedOn,
        reason,
        requestedBy: user.id,
      };
      const created = await insertAudited(tx, actor, deadlineExtensions, request, {
        action: "extension.requested",
        entityType: "deadline_extension",
        municipality,
        before: { deadline },
        after: { toolInstance: instance.id, requestedOn, reason },
      });
      await notifyExtensionRequested(tx, {
        id: created.id,
        toolInstanceId: instance.id,
        requestedOn: input.requestedOn,
        reason: input.reason.trim(),
      });
      return created.id;
    });
  } catch (error) {
    // Two requests at once: the partial unique index lets one in.
    if (isUniqueViolation(error, "deadline_extensions_one_pending")) {
      refuse(ALREADY_PENDING);
    }
    throw error;
  }
}

/**
 * Staff decide a pending request. Approving moves the instance's deadline in force to the granted
 * date and keeps the planned one beside it; refusing leaves the deadline as it was.
 */
export async function decideExtension(
  db: Database,
  id: string,
  decision: ExtensionDecisionInput,
  { actor, now }: ExtensionContext,
): Promise<void> {
  await db.transaction(async (tx) => {
    const request = await lockedById(
      tx,
      deadlineExtensions,
      id,
      "La solicitud de prórroga no existe.",
    );
    const instance = await lockedById(
      tx,
      toolInstances,
      request.toolInstanceId,
      "La herramienta no existe.",
    );
    refuse(extensionDecisionProblem(request, instance, decision));
    const reason = decision.reason.trim() === "" ? null : decision.reason.trim();
    const approved = decision.decision === "approve";
    const grantedOn = approved ? decision.grantedOn : null;
    await tx
      .update(deadlineExtensions)
      .set({
        status: approved ? "approved" : "refused",
        grantedOn,
        decisionReason: reason,
        decidedBy: actor.id,
        decidedAt: now,
      })
      .where(eq(deadlineExtensions.id, id));
    // Approved or refused, the event is about the pending request and the deadline it had.
    const decided = {
      entityType: "deadline_extension",
      entityId: id,
      municipality: request.municipalityCvegeo,
      before: { status: "pending", deadline: instance.deadline },
    } as const;
    let deadline = instance.deadline;
    if (grantedOn) {
      const planned = instance.extendedTo === null ? instance.deadline : instance.originalDeadline;
      deadline = effectiveDeadline(planned, grantedOn);
      await tx
        .update(toolInstances)
        .set({ deadline, originalDeadline: planned, extendedTo: grantedOn, updatedAt: now })
        .where(eq(toolInstances.id, instance.id));
      await recordAudit(tx, actor, {
        action: "extension.approved",
        ...decided,
        after: {
          status: "approved",
          requestedOn: request.requestedOn,
          grantedOn,
          deadline,
          reason,
        },
      });
    } else {
      await recordAudit(tx, actor, {
        action: "extension.refused",
        ...decided,
        after: { status: "refused", requestedOn: request.requestedOn, reason: reason ?? "" },
      });
    }
    await notifyExtensionDecided(tx, {
      id,
      toolInstanceId: instance.id,
      status: approved ? "approved" : "refused",
      grantedOn,
      reason,
    });
  });
}
