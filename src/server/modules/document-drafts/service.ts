/**
 * Drafting a guided document (issue 15): saves with optimistic concurrency (a stale save gets 409
 * `draft_conflict` with the server's version), section comments, each write audited in its
 * transaction. The rules are in src/domain/document-templates.ts; who may write, `canDraftDocument`.
 */
import type { DraftComment, DraftConflictDetails } from "../../../contracts/document-drafts.js";
import { hasConsultation } from "../../../domain/consultations.js";
import { localDateOf } from "../../../domain/dates.js";
import {
  commentProblem,
  completeness,
  type DraftContent,
  draftContentProblem,
  draftEditProblem,
} from "../../../domain/document-templates.js";
import { actingRole, canDraftDocument } from "../../../domain/policy.js";
import { isImportedReview, transition } from "../../../domain/tool-state.js";
import { keepsTrainingRegister, trainingTotals } from "../../../domain/trainings.js";
import type { Database, Executor } from "../../db/client.js";
import { documentDraftComments, documentDrafts } from "../../db/schema/index.js";
import type { Acting } from "../../lib/acting.js";
import { recordAudit } from "../../lib/audit.js";
import { formatDateEs } from "../../lib/dates-es.js";
import { AppError, conflict, invalid, rejectConflict } from "../../lib/errors.js";
import { updateOrInsert } from "../../lib/one-row.js";
import { returnedRow } from "../../lib/rows.js";
import type { AuthUser } from "../../plugins/auth.js";
import { getInstitution } from "../institution/service.js";
import { lockInstance, moveInstance } from "../review/service.js";
import { consultationOf } from "./consultation.js";
import {
  type Annex,
  consultationAnnex,
  exportName,
  type PrintedDocument,
  printedDocument,
  trainingAnnex,
} from "./print.js";
import { type DraftTarget, draftVersion, findDraft, findDraftTarget } from "./queries.js";
import { trainingSessionsOf } from "./trainings.js";

function assertDrafter(user: AuthUser, target: DraftTarget): void {
  if (!canDraftDocument(user, target.cvegeo)) {
    throw new AppError("forbidden", "El documento lo redacta el equipo del municipio.");
  }
}

/**
 * Saves a draft whole. `expectedRevision` is the revision the editor started from (0 before the
 * first save): if someone saved since, nothing is written and the 409 carries their version.
 */
export async function saveDraft(
  db: Database,
  instanceId: string,
  request: { content: DraftContent; expectedRevision: number },
  { user, actor, now }: Acting,
): Promise<{ revision: number; updatedAt: string }> {
  return db.transaction(async (tx) => {
    // The instance row is the lock: two first saves of one draft take turns too.
    const target = await findDraftTarget(tx, instanceId, user, true);
    assertDrafter(user, target);
    rejectConflict(draftEditProblem(target.state));
    const instance = await lockInstance(tx, instanceId, user);
    const problem = draftContentProblem(target.template, request.content);
    if (problem) {
      throw invalid("content", problem);
    }
    const draft = await findDraft(tx, instanceId, true);
    const current = draftVersion(target, draft);
    if (current.revision !== request.expectedRevision) {
      const details: DraftConflictDetails = current;
      throw new AppError(
        "draft_conflict",
        `${current.updatedBy ?? "Otra persona"} guardó el documento mientras usted lo editaba. Compare las dos versiones y elija qué conservar en cada sección.`,
        undefined,
        undefined,
        details,
      );
    }
    const revision = current.revision + 1;
    // Writing the document is working on the tool, as an upload is: pending → in progress.
    const moved = transition(instance.state, "add_evidence", actingRole(user), {
      hasEvidence: true,
      importedReview: isImportedReview(instance.state, instance.importedAt),
    });
    if (moved.ok && moved.state !== instance.state) {
      await moveInstance(tx, instance, moved.state, now);
    }
    const values = { content: request.content, revision, updatedAt: now, updatedBy: user.id };
    const row = await updateOrInsert(tx, documentDrafts, draft, values, {
      toolInstanceId: instanceId,
      municipalityCvegeo: target.cvegeo,
      createdAt: now,
    });
    await recordAudit(tx, actor, {
      action: "document_draft.saved",
      entityType: "document_draft",
      entityId: row.id,
      municipality: target.cvegeo,
      before: draft ? { revision: draft.revision } : null,
      after: {
        toolInstance: instanceId,
        revision,
        percent: completeness(target.template, request.content).percent,
        state: moved.ok ? moved.state : instance.state,
        sections: Object.keys(request.content.sections),
      },
    });
    return { revision, updatedAt: now.toISOString() };
  });
}

/** A comment of the team on one section; the draft must exist (someone saved it once). */
export async function addComment(
  db: Database,
  instanceId: string,
  request: { sectionKey: string; body: string },
  { user, actor, now }: Acting,
): Promise<DraftComment> {
  return db.transaction(async (tx) => {
    const target = await findDraftTarget(tx, instanceId, user, true);
    assertDrafter(user, target);
    const problem = commentProblem(target.template, request.sectionKey, request.body);
    if (problem) {
      throw invalid("sectionKey", problem);
    }
    const draft = await findDraft(tx, instanceId);
    if (!draft) {
      throw conflict("Guarde el borrador antes de comentar sus secciones.");
    }
    const row = returnedRow(
      await tx
        .insert(documentDraftComments)
        .values({
          draftId: draft.id,
          municipalityCvegeo: target.cvegeo,
          sectionKey: request.sectionKey,
          body: request.body,
          authorId: user.id,
          createdAt: now,
        })
        .returning({ id: documentDraftComments.id }),
    );
    await recordAudit(tx, actor, {
      action: "document_draft.commented",
      entityType: "document_draft",
      entityId: draft.id,
      municipality: target.cvegeo,
      after: {
        toolInstance: instanceId,
        sectionKey: request.sectionKey,
        length: request.body.length,
      },
    });
    return {
      id: row.id,
      sectionKey: request.sectionKey,
      body: request.body,
      author: user.name,
      createdAt: now.toISOString(),
    };
  });
}

/** A draft printed for approval, audited as an export; whoever may read the draft may export it. */
export async function exportDraft(
  db: Database,
  instanceId: string,
  format: "docx" | "pdf",
  { user, actor, now }: Acting,
): Promise<{ printed: PrintedDocument; fileName: string }> {
  return db.transaction(async (tx) => {
    const target = await findDraftTarget(tx, instanceId, user);
    const draft = await findDraft(tx, instanceId);
    const version = draftVersion(target, draft);
    const institution = await getInstitution(tx);
    const annexes = await annexesOf(tx, target.instanceId, target.toolCode);
    await recordAudit(tx, actor, {
      action: "document_draft.exported",
      entityType: "document_draft",
      entityId: draft?.id ?? null,
      municipality: target.cvegeo,
      after: { toolInstance: instanceId, revision: version.revision, format },
    });
    return {
      printed: printedDocument(
        target,
        institution,
        version,
        formatDateEs(localDateOf(now)),
        annexes,
      ),
      fileName: exportName(target, version.revision, format),
    };
  });
}

/** What the export prints after the template: R2/R3's training register, M3's consultation. */
async function annexesOf(db: Executor, instanceId: string, toolCode: string): Promise<Annex[]> {
  if (keepsTrainingRegister(toolCode)) {
    const sessions = await trainingSessionsOf(db, instanceId);
    return trainingAnnex(sessions, trainingTotals(sessions), formatDateEs);
  }
  if (hasConsultation(toolCode)) {
    const found = await consultationOf(db, instanceId);
    if (!found) {
      return [];
    }
    const day = (instant: Date) => formatDateEs(localDateOf(instant));
    return consultationAnnex({
      openedOn: day(found.consultation.openedAt),
      closedOn: found.consultation.closedAt ? day(found.consultation.closedAt) : null,
      received: found.comments.length,
      sections: found.consultation.document.template.sections,
      published: found.comments
        .filter((comment) => comment.status === "published")
        .map((comment) => ({
          sectionKey: comment.sectionKey,
          createdOn: day(comment.createdAt),
          body: comment.body,
          answer: comment.answer,
        })),
    });
  }
  return [];
}
