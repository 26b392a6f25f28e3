/**
 * The register of trainings delivered under R2 and R3 (issue 15): the municipality's team records
 * each session of a cycle (instance) and may remove a wrong one; staff read it; it is printed with
 * the plan's guided document. Rules in src/domain/trainings.ts.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { NewTrainingSession, TrainingRegister } from "../../../contracts/document-drafts.js";
import { localDateOf } from "../../../domain/dates.js";
import { canDraftDocument } from "../../../domain/policy.js";
import type { RegisteredTraining } from "../../../domain/training-indicators.js";
import {
  keepsTrainingRegister,
  TRAINING_TOOLS,
  trainingProblems,
  trainingRegisterProblem,
  trainingTotals,
} from "../../../domain/trainings.js";
import type { Database, Executor } from "../../db/client.js";
import { toolInstances, trainingSessions, users } from "../../db/schema/index.js";
import type { Acting } from "../../lib/acting.js";
import { recordAudit } from "../../lib/audit.js";
import { insertAudited, updateAudited } from "../../lib/audited-writes.js";
import { AppError, notFound, rejectConflict } from "../../lib/errors.js";
import { foundRow } from "../../lib/found-row.js";
import { inScope } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { lockInstance } from "../review/service.js";

/** An R2 or R3 instance in the asker's scope; any other tool has no register (404). */
async function findTrainingInstance(db: Executor, instanceId: string, user: AuthUser) {
  const [instance] = await db
    .select({
      id: toolInstances.id,
      toolCode: toolInstances.toolCode,
      cvegeo: toolInstances.municipalityCvegeo,
    })
    .from(toolInstances)
    .where(and(eq(toolInstances.id, instanceId), inScope(user, toolInstances.municipalityCvegeo)));
  if (!instance || !keepsTrainingRegister(instance.toolCode)) {
    throw notFound("Esta herramienta no lleva registro de capacitaciones.");
  }
  return instance;
}

/** The sessions of a cycle, oldest first, with who recorded them. */
export async function trainingSessionsOf(db: Executor, instanceId: string) {
  const rows = await db
    .select({
      id: trainingSessions.id,
      heldOn: trainingSessions.heldOn,
      topic: trainingSessions.topic,
      hours: trainingSessions.hours,
      audience: trainingSessions.audience,
      peopleTrained: trainingSessions.peopleTrained,
      evidence: trainingSessions.evidence,
      recordedBy: users.name,
      createdAt: trainingSessions.createdAt,
    })
    .from(trainingSessions)
    .innerJoin(users, eq(users.id, trainingSessions.createdBy))
    .where(eq(trainingSessions.toolInstanceId, instanceId))
    .orderBy(asc(trainingSessions.heldOn), asc(trainingSessions.createdAt));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/**
 * Every session of a municipality's R2 and R3 registers, of any cycle, for M2's indicators
 * (`registerFigure` picks a period's). Read whole: a municipality records a few dozen a year.
 */
export async function municipalityTrainings(
  db: Executor,
  cvegeo: string,
): Promise<RegisteredTraining[]> {
  return db
    .select({
      toolCode: toolInstances.toolCode,
      heldOn: trainingSessions.heldOn,
      hours: trainingSessions.hours,
      peopleTrained: trainingSessions.peopleTrained,
    })
    .from(toolInstances)
    .innerJoin(trainingSessions, eq(trainingSessions.toolInstanceId, toolInstances.id))
    .where(
      and(
        eq(toolInstances.municipalityCvegeo, cvegeo),
        inArray(toolInstances.toolCode, [...TRAINING_TOOLS]),
      ),
    );
}

/** `GET /api/tool-instances/:id/trainings`. */
export async function getTrainingRegister(
  db: Executor,
  instanceId: string,
  user: AuthUser,
): Promise<TrainingRegister> {
  const instance = await findTrainingInstance(db, instanceId, user);
  const sessions = await trainingSessionsOf(db, instance.id);
  return {
    instanceId: instance.id,
    toolCode: instance.toolCode,
    sessions,
    totals: trainingTotals(sessions),
    canEdit: canDraftDocument(user, instance.cvegeo),
  };
}

function assertValidTraining(input: NewTrainingSession, now: Date): void {
  const problems = trainingProblems(input, localDateOf(now));
  if (problems.length > 0) {
    throw new AppError("validation_error", problems[0]?.message ?? "", problems);
  }
}

/** What the audit trail keeps of a session (not its evidence note). */
function audited(
  toolInstance: string,
  session: Pick<NewTrainingSession, "heldOn" | "topic" | "hours" | "audience" | "peopleTrained">,
) {
  return {
    toolInstance,
    heldOn: session.heldOn,
    topic: session.topic,
    hours: session.hours,
    audience: session.audience,
    peopleTrained: session.peopleTrained,
  };
}

/**
 * A recorded session the user's team may change, its instance locked and still open to the
 * register: 404 out of scope, 403 for whoever does not keep the register, 409 once it is closed.
 */
async function lockSessionToEdit(tx: Executor, sessionId: string, user: AuthUser) {
  const session = await foundRow(
    tx,
    trainingSessions,
    and(eq(trainingSessions.id, sessionId), inScope(user, trainingSessions.municipalityCvegeo)),
    "La capacitación no existe.",
  );
  if (!canDraftDocument(user, session.municipalityCvegeo)) {
    throw new AppError("forbidden", "El registro lo lleva el equipo del municipio.");
  }
  const instance = await lockInstance(tx, session.toolInstanceId, user);
  rejectConflict(trainingRegisterProblem(instance.toolCode, instance.state));
  return session;
}

/** The team records a training delivered in the cycle; audited. */
export async function recordTraining(
  db: Database,
  instanceId: string,
  input: NewTrainingSession,
  { user, actor, now }: Acting,
): Promise<string> {
  assertValidTraining(input, now);
  return db.transaction(async (tx) => {
    const found = await findTrainingInstance(tx, instanceId, user);
    if (!canDraftDocument(user, found.cvegeo)) {
      throw new AppError("forbidden", "El registro lo lleva el equipo del municipio.");
    }
    const instance = await lockInstance(tx, instanceId, user);
    rejectConflict(trainingRegisterProblem(instance.toolCode, instance.state));
    const municipality = instance.municipalityCvegeo;
    const owner = { toolInstanceId: instance.id, municipalityCvegeo: municipality };
    const session = { ...owner, ...input, createdAt: now, createdBy: user.id };
    const { id } = await insertAudited(tx, actor, trainingSessions, session, {
      action: "training.recorded",
      entityType: "training_session",
      municipality,
      after: audited(instance.id, input),
    });
    return id;
  });
}

/** The team removes a session recorded by mistake; the audit event keeps what it said. */
export async function removeTraining(
  db: Database,
  sessionId: string,
  { user, actor }: Acting,
): Promise<string> {
  return db.transaction(async (tx) => {
    const session = await lockSessionToEdit(tx, sessionId, user);
    await tx.delete(trainingSessions).where(eq(trainingSessions.id, session.id));
    await recordAudit(tx, actor, {
      action: "training.removed",
      entityType: "training_session",
      entityId: session.id,
      municipality: session.municipalityCvegeo,
      before: audited(session.toolInstanceId, session),
    });
    return session.toolInstanceId;
  });
}

/**
 * The team corrects a session recorded with a mistake (a wrong date, hours or count); the audit
 * event keeps what it said before. Returns the session's instance.
 */
export async function correctTraining(
  db: Database,
  sessionId: string,
  input: NewTrainingSession,
  { user, actor, now }: Acting,
): Promise<string> {
  assertValidTraining(input, now);
  return db.transaction(async (tx) => {
    const session = await lockSessionToEdit(tx, sessionId, user);
    const { heldOn, topic, hours, audience, peopleTrained, evidence } = input;
    const corrected = { heldOn, topic, hours, audience, peopleTrained, evidence };
    await updateAudited(tx, actor, trainingSessions, session.id, corrected, {
      action: "training.corrected",
      entityType: "training_session",
      municipality: session.municipalityCvegeo,
      before: audited(session.toolInstanceId, session),
      after: audited(session.toolInstanceId, input),
    });
    return session.toolInstanceId;
  });
}
