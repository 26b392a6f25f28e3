import { and, asc, desc, eq } from "drizzle-orm";
import { sectionReferenceProblem } from "../../../domain/document-templates.js";
import { actingRole, canAnswerObservation } from "../../../domain/policy.js";
import {
  type CriterionResult,
  measuredMaturity,
  type ObservationType,
  type ReviewDecision,
  resubmissionMessage,
  resubmissionProblems,
  reviewInputProblems,
  reviewOutcome,
  reviewProblem,
} from "../../../domain/review.js";
import type { Role } from "../../../domain/roles.js";
import { isImportedReview, type ToolAction, transition } from "../../../domain/tool-state.js";
import type { Database, Executor } from "../../db/client.js";
import {
  evidenceFiles,
  modelTools,
  observations,
  reviews,
  submissions,
  toolInstances,
} from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { updateAudited } from "../../lib/audited-writes.js";
import { AppError, conflict } from "../../lib/errors.js";
import { lockedRow } from "../../lib/found-row.js";
import { inScope } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { draftSnapshot } from "../document-drafts/queries.js";
import { notifyInstanceReviewed, notifyInstanceSubmitted } from "../notifications/tool-events.js";

/** Locks an instance the user may see; another municipality's instance answers 404. */
export async function lockInstance(tx: Executor, id: string, user: AuthUser) {
  const instance = await lockedRow(
    tx,
    toolInstances,
    and(eq(toolInstances.id, id), inScope(user, toolInstances.municipalityCvegeo)),
    "La herramienta no existe.",
  );
  return instance;
}

type InstanceRow = typeof toolInstances.$inferSelect;

function apply(
  instance: Pick<InstanceRow, "state" | "importedAt">,
  action: ToolAction,
  role: Role,
  hasEvidence: boolean,
) {
  const result = transition(instance.state, action, role, {
    hasEvidence,
    importedReview: isImportedReview(instance.state, instance.importedAt),
  });
  if (!result.ok) {
    throw new AppError(result.reason === "forbidden" ? "forbidden" : "conflict", result.message);
  }
  return result.state;
}

/**
 * Moves an instance to a new state. Every state change bumps the version, which is what makes a
 * reviewer's `expectedVersion` detect that someone else acted in between. The state is MRTM's own
 * from then on, so an imported one (XLSX import) stops being marked as imported.
 */
export async function moveInstance(
  tx: Executor,
  instance: InstanceRow,
  state: InstanceRow["state"],
  now: Date,
  also: Partial<Pick<InstanceRow, "firstSubmittedAt" | "validatedAt" | "maturity">> = {},
): Promise<void> {
  await tx
    .update(toolInstances)
    .set({ ...also, state, importedAt: null, version: instance.version + 1, updatedAt: now })
    .where(eq(toolInstances.id, instance.id));
}

/** The liaison sends an instance's evidence to review. */
export async function submitInstance(
  db: Database,
  id: string,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await submitWithin(tx, id, user, actor, now);
    await notifyInstanceSubmitted(tx, id);
  });
}

/** Submits inside the caller's transaction (the diagnostic submits many instances at once). */
export async function submitWithin(
  tx: Executor,
  id: string,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  const instance = await lockInstance(tx, id, user);
  const evidence = await tx
    .select({ id: evidenceFiles.id })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.toolInstanceId, id));
  const state = apply(instance, "submit", actingRole(user), evidence.length > 0);
  if (instance.state === "changes_requested") {
    await checkAnswersTheReturn(
      tx,
      id,
      evidence.map((e) => e.id),
    );
  }
  await tx.insert(submissions).values({
    toolInstanceId: id,
    evidenceIds: evidence.map((e) => e.id),
    // The guided document's draft as sent: the reviewer reads it and observes its sections.
    draftSnapshot: await draftSnapshot(tx, id),
    submittedBy: user.id,
    submittedAt: now,
  });
  await moveInstance(tx, instance, state, now, {
    firstSubmittedAt: instance.firstSubmittedAt ?? now,
  });
  await recordAudit(tx, actor, {
    action: "tool_instance.submitted",
    entityType: "tool_instance",
    entityId: id,
    municipality: instance.municipalityCvegeo,
    before: { state: instance.state },
    after: { state, evidence: evidence.length },
  });
}

/**
 * A returned instance goes back to review only when it answers the review that returned it: every
 * observation answered and, with a requerimiento, a document version the returned submission did
 * not carry. Otherwise 409 `resubmission_incomplete`, naming each missing thing in `details`.
 */
async function checkAnswersTheReturn(
  tx: Executor,
  id: string,
  evidenceIds: string[],
): Promise<void> {
  const [returned] = await tx
    .select({ id: reviews.id, sent: submissions.evidenceIds })
    .from(reviews)
    .innerJoin(submissions, eq(submissions.id, reviews.submissionId))
    .where(eq(reviews.toolInstanceId, id))
    .orderBy(desc(reviews.decidedAt), desc(submissions.submittedAt))
    .limit(1);
  if (!returned) {
    return;
  }
  const findings = await tx
    .select({ type: observations.type, text: observations.text, answer: observations.answer })
    .from(observations)
    .where(eq(observations.reviewId, returned.id))
    .orderBy(asc(observations.position));
  const sent = new Set(returned.sent);
  const problems = resubmissionProblems({
    observations: findings,
    newDocuments: evidenceIds.filter((evidenceId) => !sent.has(evidenceId)).length,
  });
  const message = resubmissionMessage(problems);
  if (message) {
    throw new AppError(
      "resubmission_incomplete",
      message,
      problems.map((problem) => ({
        field: problem.kind === "unanswered" ? `observations.${problem.index}` : "evidence",
        message: problem.message,
      })),
    );
  }
}

export interface ReviewOptions {
  decision: ReviewDecision;
  observations: { type: ObservationType; text: string; sectionKey?: string | null }[];
  criteria: { code: string; result: CriterionResult }[];
  maturityLevel?: number | null;
  expectedVersion: number;
}

/**
 * A reviewer validates or returns a submitted instance. The version the reviewer saw must still
 * be current: of two reviewers deciding at once, one succeeds and the other gets 409.
 */
export async function reviewInstance(
  db: Database,
  id: string,
  options: ReviewOptions,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const instance = await lockInstance(tx, id, user);
    if (instance.version !== options.expectedVersion) {
      throw conflict(
        "Otra persona actuó sobre esta herramienta mientras la revisaba. Recargue para ver su estado actual.",
      );
    }
    const state = apply(instance, options.decision, actingRole(user), true);
    const problem = reviewProblem(options.decision, options.observations);
    if (problem) {
      throw new AppError("validation_error", problem, [
        { field: "observations", message: problem },
      ]);
    }
    // The instance's tool is the one of the participant's model version (its agreement's), which
    // a newer published version does not replace.
    const [tool] = await tx
      .select({ criteria: modelTools.criteria, maturityLevels: modelTools.maturityLevels })
      .from(modelTools)
      .where(eq(modelTools.id, instance.modelToolId));
    if (!tool) {
      throw new Error(`tool ${instance.modelToolId} of instance ${id} missing`);
    }
    const maturityLevel = options.maturityLevel ?? null;
    const invalid = reviewInputProblems(tool, { criteria: options.criteria, maturityLevel });
    if (invalid.length > 0) {
      throw new AppError(
        "review_criteria_invalid",
        invalid.map((found) => found.message).join(" "),
        invalid,
      );
    }
    const [submission] = await tx
      .select()
      .from(submissions)
      .where(eq(submissions.toolInstanceId, id))
      .orderBy(desc(submissions.submittedAt))
      .limit(1);
    if (!submission) {
      throw conflict("No hay un envío pendiente de revisión.");
    }
    const [review] = await tx
      .insert(reviews)
      .values({
        toolInstanceId: id,
        submissionId: submission.id,
        decision: reviewOutcome(options.decision),
        criteria: options.criteria,
        maturityLevel,
        reviewerId: user.id,
        decidedAt: now,
      })
      .returning({ id: reviews.id });
    if (!review) {
      throw new Error("insert returned no row");
    }
    const unknownSection = sectionReferenceProblem(
      submission.draftSnapshot,
      options.observations.map((o) => o.sectionKey ?? null),
    );
    if (unknownSection) {
      throw new AppError("validation_error", unknownSection, [
        { field: "observations", message: unknownSection },
      ]);
    }
    if (options.observations.length > 0) {
      await tx.insert(observations).values(
        options.observations.map((o, position) => ({
          ...o,
          sectionKey: o.sectionKey ?? null,
          position,
          reviewId: review.id,
          toolInstanceId: id,
        })),
      );
    }
    const maturity = measuredMaturity(tool, {
      criteria: options.criteria.map((c) => c.result),
      maturityLevel,
    });
    await moveInstance(tx, instance, state, now, {
      validatedAt: state === "validated" ? now : null,
      maturity,
    });
    await recordAudit(tx, actor, {
      action: state === "validated" ? "tool_instance.validated" : "tool_instance.changes_requested",
      entityType: "tool_instance",
      entityId: id,
      municipality: instance.municipalityCvegeo,
      before: { state: instance.state, version: instance.version },
      after: {
        state,
        version: instance.version + 1,
        observations: options.observations.length,
        criteria: options.criteria,
      },
    });
    await notifyInstanceReviewed(tx, id, {
      decision: reviewOutcome(options.decision),
      observations: options.observations.length,
    });
  });
}

/** The municipality answers an observation of a returned instance. */
export async function answerObservation(
  db: Database,
  observationId: string,
  answer: string,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const observation = await lockedRow(
      tx,
      observations,
      eq(observations.id, observationId),
      "La observación no existe.",
    );
    const instance = await lockInstance(tx, observation.toolInstanceId, user);
    if (!canAnswerObservation(user, instance.municipalityCvegeo)) {
      throw new AppError("forbidden", "Solo el municipio responde a las observaciones.");
    }
    if (instance.state !== "changes_requested") {
      throw conflict(
        "Solo se responden observaciones de una herramienta devuelta con observaciones.",
      );
    }
    const answered = { answer, answeredBy: user.id, answeredAt: now };
    await updateAudited(tx, actor, observations, observationId, answered, {
      action: "observation.answered",
      entityType: "observation",
      municipality: instance.municipalityCvegeo,
      before: { answer: observation.answer },
      after: { answer },
    });
    return instance.id;
  });
}
