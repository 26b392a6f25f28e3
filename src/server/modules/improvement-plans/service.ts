/**
 * M4 improvement plans: the municipality writes its actions (by hand, or proposed in one click
 * from its gaps), follows them up to done with their evidence, and attaches an evidence file.
 * Each write is one transaction with its audit event.
 */
import { and, eq, inArray, type SQL } from "drizzle-orm";
import type {
  ImprovementActionFields,
  UpdateImprovementActionRequest,
} from "../../../contracts/improvement-plans.js";
import type { z } from "../../../contracts/zod.js";
import { localDateOf } from "../../../domain/dates.js";
import {
  IMPROVEMENT_ACTION_STATUSES,
  isOpenAction,
  proposeFromGaps,
} from "../../../domain/improvement-plans.js";
import { canWritePlans } from "../../../domain/policy.js";
import { isGap } from "../../../domain/progress.js";
import type { Database, Executor, Transaction } from "../../db/client.js";
import {
  improvementActions,
  municipalities,
  observations,
  toolInstances,
} from "../../db/schema/index.js";
import type { Acting } from "../../lib/acting.js";
import type { Actor } from "../../lib/audit.js";
import { insertAudited, updateAudited } from "../../lib/audited-writes.js";
import { AppError, conflict, invalid, notFound } from "../../lib/errors.js";
import type { FileUpload } from "../../lib/http-files.js";
import { canSeeMunicipality } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import type { BlobStore } from "../../storage/index.js";
import { attachedVersion, downloadDocument, storeDocumentVersion } from "../documents/versions.js";
import { progressService } from "../progress/service.js";

export type ActionInput = z.output<typeof ImprovementActionFields>;
export type ActionUpdate = z.output<typeof UpdateImprovementActionRequest>;

/** Only the municipality writes its plan; staff read every plan. */
function assertWriter(user: AuthUser): void {
  if (!canWritePlans(user, user.municipality?.cvegeo ?? "")) {
    throw new AppError("forbidden", "El plan de mejora lo registra el municipio.");
  }
}

function assertVisible(user: AuthUser, cvegeo: string, what = "El municipio no existe."): void {
  if (!canSeeMunicipality(user, cvegeo)) {
    throw notFound(what);
  }
}

/** An observation named by an action must be one of the municipality's own. */
async function checkObservation(tx: Executor, cvegeo: string, id: string | null): Promise<void> {
  if (!id) {
    return;
  }
  const [row] = await tx
    .select({ id: observations.id })
    .from(observations)
    .innerJoin(toolInstances, eq(toolInstances.id, observations.toolInstanceId))
    .where(and(eq(observations.id, id), eq(toolInstances.municipalityCvegeo, cvegeo)));
  if (!row) {
    throw invalid("observationId", "La observación no es de una revisión del municipio.");
  }
}

/** The gaps of a municipality's tools today, with their names, for the one-click proposal. */
export async function gapsOf(db: Database, cvegeo: string, now: Date) {
  const progress = await progressService(db).current(now);
  const municipality = progress.byCvegeo.get(cvegeo);
  const participant = progress.participants.get(cvegeo);
  if (!municipality || !participant) {
    return null;
  }
  const outline = progress.outlines.get(participant.modelVersionId) ?? progress.model;
  const names = new Map(outline.dimensions.flatMap((d) => d.tools.map((t) => [t.code, t.name])));
  return {
    tools: outline.dimensions.flatMap((d) => d.tools.map((t) => ({ code: t.code, name: t.name }))),
    gaps: municipality.tools.filter(isGap).map((status) => ({
      toolCode: status.toolCode,
      toolName: names.get(status.toolCode) ?? status.toolCode,
      changesRequested: status.state === "changes_requested",
      deadline: status.deadline,
    })),
  };
}

/** An action still to be done (`isOpenAction`), as a condition on its row. */
export function isOpenActionRow(): SQL {
  return inArray(improvementActions.status, IMPROVEMENT_ACTION_STATUSES.filter(isOpenAction));
}

/** The tools an open action already addresses (so a proposal does not repeat them). */
export async function addressedTools(db: Executor, cvegeo: string): Promise<Set<string>> {
  const rows = await db
    .select({ toolCode: improvementActions.toolCode })
    .from(improvementActions)
    .where(and(eq(improvementActions.municipalityCvegeo, cvegeo), isOpenActionRow()));
  return new Set(rows.flatMap((row) => (row.toolCode ? [row.toolCode] : [])));
}

const snapshot = (action: {
  description: string;
  targetKind: string;
  toolCode: string | null;
  owner: string;
  dueOn: string;
  status?: string;
  completionNote?: string | null;
}) => ({
  description: action.description,
  targetKind: action.targetKind,
  toolCode: action.toolCode,
  owner: action.owner,
  dueOn: action.dueOn,
  status: action.status ?? "planned",
  completionNote: action.completionNote ?? null,
});

/** Inserts an action of the municipality's plan with its audit event, in the caller's transaction. */
async function insertAction(
  tx: Transaction,
  cvegeo: string,
  values: Parameters<typeof snapshot>[0] &
    Omit<
      typeof improvementActions.$inferInsert,
      "municipalityCvegeo" | "createdBy" | "createdAt" | "updatedAt"
    >,
  { user, actor, now }: Acting,
): Promise<string> {
  const stamps = { municipalityCvegeo: cvegeo, createdBy: user.id, createdAt: now, updatedAt: now };
  const action = { ...values, ...stamps };
  const { id } = await insertAudited(tx, actor, improvementActions, action, {
    action: "improvement_action.created",
    entityType: "improvement_action",
    municipality: cvegeo,
    after: snapshot(values),
  });
  return id;
}

/** Adds one action to the municipality's plan. */
export async function createImprovementAction(
  db: Database,
  cvegeo: string,
  input: ActionInput,
  acting: Acting,
): Promise<string> {
  assertVisible(acting.user, cvegeo);
  assertWriter(acting.user);
  return db.transaction(async (tx) => {
    await checkObservation(tx, cvegeo, input.observationId);
    return insertAction(tx, cvegeo, input, acting);
  });
}

/**
 * Proposes the plan in one click: one action per gap that no open action addresses yet
 * (`proposeFromGaps`), owned by the liaison's area until someone edits it. Returns how many.
 */
export async function proposeActionsFromGaps(
  db: Database,
  cvegeo: string,
  acting: Acting,
): Promise<number> {
  assertVisible(acting.user, cvegeo);
  assertWriter(acting.user);
  const found = await gapsOf(db, cvegeo, acting.now);
  if (!found) {
    throw conflict("El municipio no tiene convenio: aún no tiene brechas que atender.");
  }
  return db.transaction(async (tx) => {
    // One proposal at a time per municipality: two clicks never propose the same gap twice.
    await tx
      .select({ cvegeo: municipalities.cvegeo })
      .from(municipalities)
      .where(eq(municipalities.cvegeo, cvegeo))
      .for("update");
    const proposals = proposeFromGaps(
      found.gaps,
      await addressedTools(tx, cvegeo),
      localDateOf(acting.now),
    );
    for (const proposal of proposals) {
      const values = {
        description: proposal.description,
        targetKind: "tool_gap" as const,
        toolCode: proposal.toolCode,
        owner: "Unidad de Transparencia",
        dueOn: proposal.dueOn,
      };
      await insertAction(tx, cvegeo, values, acting);
    }
    return proposals.length;
  });
}

/**
 * An action of a municipality the user may see, else 404; locked against other changes when
 * `lock` (the caller's transaction holds it).
 */
async function visibleAction(tx: Executor, id: string, user: AuthUser, lock: boolean) {
  const query = tx.select().from(improvementActions).where(eq(improvementActions.id, id));
  const [row] = lock ? await query.for("update") : await query;
  if (!row || !canSeeMunicipality(user, row.municipalityCvegeo)) {
    throw notFound("La acción de mejora no existe.");
  }
  return row;
}

/** Edits an action and follows it up (status, evidence of completion), against its revision. */
export async function updateImprovementAction(
  db: Database,
  id: string,
  input: ActionUpdate,
  { user, actor, now }: Acting,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await visibleAction(tx, id, user, true);
    assertWriter(user);
    if (current.revision !== input.expectedRevision) {
      throw conflict(
        "Alguien más modificó la acción mientras la editaba. Recargue la página para ver sus cambios.",
      );
    }
    await checkObservation(tx, current.municipalityCvegeo, input.observationId);
    const { expectedRevision: _, ...values } = input;
    const completedOn =
      values.status === "done"
        ? current.status === "done"
          ? current.completedOn
          : localDateOf(now)
        : null;
    const revised = { ...values, completedOn, revision: current.revision + 1, updatedAt: now };
    await updateAudited(tx, actor, improvementActions, id, revised, {
      action: "improvement_action.updated",
      entityType: "improvement_action",
      municipality: current.municipalityCvegeo,
      before: snapshot(current),
      after: snapshot(values),
    });
  });
}

/** Attaches a file as the evidence of an action's completion (a new version each time). */
export async function attachImprovementEvidence(
  db: Database,
  blobs: BlobStore,
  options: FileUpload & { id: string },
  { user, actor, now }: Acting,
): Promise<void> {
  // Refused (404, 403) before the file is stored; the action is read again, locked, to attach it.
  await visibleAction(db, options.id, user, false);
  assertWriter(user);
  const target = { kind: "improvement_evidence", id: options.id } as const;
  await storeDocumentVersion(db, blobs, options, target, user, now, async (tx, insertVersion) => {
    const action = await visibleAction(tx, options.id, user, true);
    if (!isOpenAction(action.status) && action.status !== "done") {
      throw conflict("La acción está cancelada: no lleva evidencia.");
    }
    const document = await insertVersion(action.municipalityCvegeo);
    const revision = action.revision + 1;
    const attached = { completionDocumentId: document.id, revision, updatedAt: now };
    await updateAudited(tx, actor, improvementActions, options.id, attached, {
      action: "improvement_action.evidence_attached",
      entityType: "improvement_action",
      municipality: action.municipalityCvegeo,
      before: { documentId: action.completionDocumentId },
      after: attachedVersion(document),
    });
  });
}

/** The evidence file of an action, for whoever sees the municipality; downloads are audited. */
export async function openImprovementEvidence(
  db: Database,
  blobs: BlobStore,
  id: string,
  user: AuthUser,
  actor: Actor,
) {
  const action = await visibleAction(db, id, user, false);
  return downloadDocument(
    db,
    blobs,
    action.completionDocumentId,
    "La acción no tiene archivo de evidencia.",
    actor,
    (document) => ({
      municipality: action.municipalityCvegeo,
      after: { kind: "improvement_evidence", fileName: document.fileName, actionId: id },
    }),
  );
}
