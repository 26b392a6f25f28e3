/**
 * M3's public consultation (issue 15): the designated liaison opens it on the saved draft of the
 * report (a copy is what citizens read), citizens comment without an account through
 * /consulta/<token>, the liaison publishes or rejects each comment and answers publicly, then
 * closes it; the record is appended to the report's export. Rules in src/domain/consultations.ts.
 */
import { randomBytes } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import type {
  InstanceConsultation,
  PublicConsultation,
} from "../../../contracts/document-drafts.js";
import {
  CONSULTATION_CLOSED_MESSAGE,
  consultationCommentProblems,
  hasConsultation,
  type ModerationDecision,
  moderationProblem,
  openConsultationProblem,
} from "../../../domain/consultations.js";
import { sectionContent, sectionText } from "../../../domain/document-templates.js";
import { canSubmitTool } from "../../../domain/policy.js";
import type { Database, Executor } from "../../db/client.js";
import { consultationComments, consultations, municipalities } from "../../db/schema/index.js";
import type { Acting } from "../../lib/acting.js";
import { type Actor, recordAudit, sha256 } from "../../lib/audit.js";
import { insertAudited, updateAudited } from "../../lib/audited-writes.js";
import { AppError, conflict, isUniqueViolation, notFound } from "../../lib/errors.js";
import { lockedRow } from "../../lib/found-row.js";
import { inScope } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { lockInstance } from "../review/service.js";
import { findDraft, findDraftTarget } from "./queries.js";

/** The public page of a consultation. */
export const consultationPath = (token: string) => `/consulta/${token}`;

function assertLiaison(user: AuthUser, cvegeo: string): void {
  if (!canSubmitTool(user, cvegeo)) {
    throw new AppError(
      "forbidden",
      "La consulta la abre, modera y cierra el enlace designado del municipio.",
    );
  }
}

/** The consultation of an instance with every comment, oldest first; null before it opens. */
export async function consultationOf(db: Executor, instanceId: string) {
  const [consultation] = await db
    .select()
    .from(consultations)
    .where(eq(consultations.toolInstanceId, instanceId));
  if (!consultation) {
    return null;
  }
  const comments = await db
    .select()
    .from(consultationComments)
    .where(eq(consultationComments.consultationId, consultation.id))
    .orderBy(asc(consultationComments.createdAt), asc(consultationComments.id));
  return { consultation, comments };
}

/** `GET /api/tool-instances/:id/consultation`: for the municipality and staff. */
export async function getInstanceConsultation(
  db: Executor,
  instanceId: string,
  user: AuthUser,
  publicUrl: string,
): Promise<InstanceConsultation> {
  const target = await findDraftTarget(db, instanceId, user);
  if (!hasConsultation(target.toolCode)) {
    throw notFound("Esta herramienta no tiene consulta pública.");
  }
  const found = await consultationOf(db, instanceId);
  return {
    instanceId,
    consultation: found
      ? {
          id: found.consultation.id,
          url: `${publicUrl}${consultationPath(found.consultation.token)}`,
          revision: found.consultation.document.revision,
          openedAt: found.consultation.openedAt.toISOString(),
          closedAt: found.consultation.closedAt?.toISOString() ?? null,
          sections: found.consultation.document.template.sections.map(({ key, title }) => ({
            key,
            title,
          })),
          comments: found.comments.map((comment) => ({
            id: comment.id,
            sectionKey: comment.sectionKey,
            authorName: comment.authorName,
            body: comment.body,
            createdAt: comment.createdAt.toISOString(),
            status: comment.status,
            answer: comment.answer,
          })),
        }
      : null,
    canManage: canSubmitTool(user, target.cvegeo),
  };
}

/** The liaison opens the consultation on the draft as saved; one per M3 cycle; audited. */
export async function openConsultation(
  db: Database,
  instanceId: string,
  { user, actor, now }: Acting,
): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      const target = await findDraftTarget(tx, instanceId, user, true);
      assertLiaison(user, target.cvegeo);
      const instance = await lockInstance(tx, instanceId, user);
      const draft = await findDraft(tx, instanceId);
      const existing = await consultationOf(tx, instanceId);
      const problem = openConsultationProblem({
        toolCode: instance.toolCode,
        state: instance.state,
        hasConsultation: existing !== null,
        hasDraft: draft !== null,
      });
      if (problem || !draft) {
        throw conflict(problem ?? "");
      }
      const municipality = instance.municipalityCvegeo;
      const { content, revision } = draft;
      const consultation = {
        toolInstanceId: instance.id,
        municipalityCvegeo: municipality,
        token: randomBytes(18).toString("base64url"),
        document: { template: target.template, content, revision },
        openedAt: now,
        openedBy: user.id,
      };
      await insertAudited(tx, actor, consultations, consultation, {
        action: "consultation.opened",
        entityType: "consultation",
        municipality,
        after: { toolInstance: instance.id, cycle: instance.cycle, revision },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict("Este ciclo de M3 ya tiene su consulta pública.");
    }
    throw error;
  }
}

/** The liaison closes the consultation: no more comments; moderation and answers go on. */
export async function closeConsultation(
  db: Database,
  instanceId: string,
  { user, actor, now }: Acting,
): Promise<void> {
  await db.transaction(async (tx) => {
    const instance = await lockInstance(tx, instanceId, user);
    assertLiaison(user, instance.municipalityCvegeo);
    const consultation = await lockedRow(
      tx,
      consultations,
      eq(consultations.toolInstanceId, instance.id),
      "Este ciclo de M3 no tiene consulta pública.",
    );
    if (consultation.closedAt) {
      throw conflict("La consulta ya está cerrada.");
    }
    await tx
      .update(consultations)
      .set({ closedAt: now, closedBy: user.id })
      .where(eq(consultations.id, consultation.id));
    const counts = await tx
      .select({ status: consultationComments.status, n: count() })
      .from(consultationComments)
      .where(eq(consultationComments.consultationId, consultation.id))
      .groupBy(consultationComments.status);
    await recordAudit(tx, actor, {
      action: "consultation.closed",
      entityType: "consultation",
      entityId: consultation.id,
      municipality: instance.municipalityCvegeo,
      after: {
        toolInstance: instance.id,
        comments: counts.reduce((sum, row) => sum + row.n, 0),
        published: counts.find((row) => row.status === "published")?.n ?? 0,
      },
    });
  });
}

/** The liaison publishes (with an optional public answer) or rejects a comment; audited. */
export async function moderateComment(
  db: Database,
  commentId: string,
  request: { decision: ModerationDecision; answer: string },
  { user, actor, now }: Acting,
): Promise<string> {
  const problem = moderationProblem(request.decision, request.answer);
  if (problem) {
    throw new AppError("validation_error", problem, [{ field: "answer", message: problem }]);
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ comment: consultationComments, instanceId: consultations.toolInstanceId })
      .from(consultationComments)
      .innerJoin(consultations, eq(consultations.id, consultationComments.consultationId))
      .where(
        and(
          eq(consultationComments.id, commentId),
          inScope(user, consultationComments.municipalityCvegeo),
        ),
      )
      .for("update", { of: consultationComments });
    if (!row) {
      throw notFound("El comentario no existe.");
    }
    assertLiaison(user, row.comment.municipalityCvegeo);
    const status = request.decision === "publish" ? ("published" as const) : ("rejected" as const);
    const moderated = { status, answer: request.answer, moderatedAt: now, moderatedBy: user.id };
    await updateAudited(tx, actor, consultationComments, commentId, moderated, {
      action: "consultation.comment_moderated",
      entityType: "consultation_comment",
      municipality: row.comment.municipalityCvegeo,
      before: { status: row.comment.status, answer: row.comment.answer },
      after: { status, answer: request.answer },
    });
    return row.instanceId;
  });
}

/** A consultation by its public token, with its municipality's name; 404 when unknown. */
async function consultationByToken(db: Executor, token: string) {
  const [row] = await db
    .select({ consultation: consultations, municipalityName: municipalities.name })
    .from(consultations)
    .innerJoin(municipalities, eq(municipalities.cvegeo, consultations.municipalityCvegeo))
    .where(eq(consultations.token, token));
  if (!row) {
    throw notFound("El enlace no corresponde a ninguna consulta.");
  }
  return row;
}

/** What the public page shows: the report as put to consultation and the published comments. */
export async function getPublicConsultation(
  db: Executor,
  token: string,
): Promise<PublicConsultation> {
  const { consultation, municipalityName } = await consultationByToken(db, token);
  const { template, content } = consultation.document;
  const comments = await db
    .select()
    .from(consultationComments)
    .where(
      and(
        eq(consultationComments.consultationId, consultation.id),
        eq(consultationComments.status, "published"),
      ),
    )
    .orderBy(asc(consultationComments.createdAt), asc(consultationComments.id));
  return {
    municipality: { cvegeo: consultation.municipalityCvegeo, name: municipalityName },
    title: template.title,
    open: consultation.closedAt === null,
    openedAt: consultation.openedAt.toISOString(),
    sections: template.sections.map((section) => ({
      key: section.key,
      title: section.title,
      guidance: section.guidance,
      text: sectionText(sectionContent(content, section)),
    })),
    comments: comments.map((comment) => ({
      id: comment.id,
      sectionKey: comment.sectionKey,
      authorName: comment.authorName,
      body: comment.body,
      createdAt: comment.createdAt.toISOString(),
      answer: comment.answer,
    })),
  };
}

export interface CitizenComment {
  token: string;
  sectionKey: string | null;
  body: string;
  name: string;
  website?: string | undefined;
  browserToken?: string | undefined;
}

/**
 * A citizen's comment, waiting for moderation. Refused when the link is unknown (404), the
 * consultation closed (409), the honeypot is filled (400) or the comment is invalid (400, naming
 * the field). Stores no address: only a hash of the browser's random key. Audited with the anonymous actor.
 */
export async function commentOnConsultation(
  db: Database,
  input: CitizenComment,
  actor: Actor,
  now: Date,
): Promise<void> {
  const { consultation } = await consultationByToken(db, input.token);
  if (input.website && input.website.trim() !== "") {
    throw new AppError(
      "consultation_comment_refused",
      "No pudimos registrar su comentario. Recargue la página e intente de nuevo.",
    );
  }
  const problems = consultationCommentProblems(consultation.document.template, input);
  if (problems.length > 0) {
    throw new AppError("validation_error", problems[0]?.message ?? "", problems);
  }
  await db.transaction(async (tx) => {
    // Waits for a closing in progress and reads what it committed: nothing lands after a close.
    const [current] = await tx
      .select({ closedAt: consultations.closedAt })
      .from(consultations)
      .where(eq(consultations.id, consultation.id))
      .for("share");
    if (!current || current.closedAt !== null) {
      throw new AppError("consultation_closed", CONSULTATION_CLOSED_MESSAGE);
    }
    const { sectionKey } = input;
    const municipality = consultation.municipalityCvegeo;
    const comment = {
      consultationId: consultation.id,
      municipalityCvegeo: municipality,
      sectionKey,
      authorName: input.name.trim(),
      body: input.body.trim(),
      browserHash: input.browserToken ? sha256(input.browserToken) : null,
      createdAt: now,
    };
    await insertAudited(tx, actor, consultationComments, comment, {
      action: "consultation.commented",
      entityType: "consultation_comment",
      municipality,
      after: { consultation: consultation.id, sectionKey, length: input.body.length },
    });
  });
}
