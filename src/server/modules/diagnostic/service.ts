import { count, desc, eq, inArray } from "drizzle-orm";
import type { Diagnostic, DiagnosticComparison } from "../../../contracts/participation.js";
import type { AuditAction, AuditPayloadOf } from "../../../domain/audit-events.js";
import {
  compareRounds,
  diagnosticItemLabel,
  isAskedInDiagnostic,
  newRoundProblem,
  notAskedMessage,
  shownReason,
  submissionProblems,
} from "../../../domain/diagnostic.js";
import { canEditDiagnostic, canSubmitDiagnostic } from "../../../domain/policy.js";
import type { Database, Executor } from "../../db/client.js";
import {
  administrations,
  agreements,
  type DiagnosticAnswerValue,
  diagnosticRounds,
  diagnostics,
  evidenceFiles,
  municipalities,
  toolInstances,
  users,
} from "../../db/schema/index.js";
import type { Acting } from "../../lib/acting.js";
import { type Actor, type AuditEntry, recordAudit } from "../../lib/audit.js";
import { AppError, conflict, notFound } from "../../lib/errors.js";
import { lockedRow } from "../../lib/found-row.js";
import { canSeeMunicipality } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { getInstitution } from "../institution/service.js";
import { notifyDiagnosticSubmitted } from "../notifications/tool-events.js";
import { submitWithin } from "../review/service.js";
import { selectInstanceRows } from "../tool-instances/queries.js";

/**
 * The diagnostic's rows: every first-cycle deliverable in model order, with its current state.
 * Which of them it asks is `isAskedInDiagnostic`; the others (E1, "Realizado" in the seed form,
 * and what is validated or in review) are shown with their state.
 */
async function loadItems(db: Executor, cvegeo: string) {
  const items = (await selectInstanceRows(db, cvegeo, eq(toolInstances.cycle, 1))).map((row) => ({
    instanceId: row.instance.id,
    tool: row.instance.toolCode,
    toolName: row.toolName,
    dimension: row.dimension,
    part: row.instance.partCode,
    partName: row.partName,
    periodLabel: row.periodLabel,
    periodKind: row.periodKind,
    state: row.instance.state,
  }));
  const counts =
    items.length === 0
      ? []
      : await db
          .select({ id: evidenceFiles.toolInstanceId, n: count() })
          .from(evidenceFiles)
          .where(
            inArray(
              evidenceFiles.toolInstanceId,
              items.map((item) => item.instanceId),
            ),
          )
          .groupBy(evidenceFiles.toolInstanceId);
  return items.map((item) => ({
    ...item,
    evidenceCount: counts.find((c) => c.id === item.instanceId)?.n ?? 0,
  }));
}

export async function getDiagnostic(db: Executor, cvegeo: string): Promise<Diagnostic> {
  const [participant] = await db
    .select({ name: municipalities.name, signedOn: agreements.signedOn })
    .from(agreements)
    .innerJoin(municipalities, eq(municipalities.cvegeo, agreements.municipalityCvegeo))
    .where(eq(agreements.municipalityCvegeo, cvegeo));
  if (!participant) {
    throw notFound("El municipio no participa: no tiene convenio registrado.");
  }
  const [saved] = await db
    .select({ diagnostic: diagnostics, submittedBy: users.name })
    .from(diagnostics)
    .leftJoin(users, eq(users.id, diagnostics.submittedBy))
    .where(eq(diagnostics.municipalityCvegeo, cvegeo));
  const answers = saved?.diagnostic.answers ?? {};
  const latest = await latestAdministrationId(db, cvegeo);
  const problem = newRoundProblem(
    {
      status: saved?.diagnostic.status ?? "draft",
      administrationId: saved?.diagnostic.administrationId ?? null,
    },
    latest,
  );
  return {
    municipality: { cvegeo, name: participant.name },
    status: saved?.diagnostic.status ?? "draft",
    updatedAt: saved?.diagnostic.updatedAt.toISOString() ?? null,
    submittedAt: saved?.diagnostic.submittedAt?.toISOString() ?? null,
    submittedBy: saved?.submittedBy ?? null,
    round: saved?.diagnostic.round ?? 1,
    newRound: { allowed: problem === null, reason: problem?.message ?? null },
    agreement: { signedOn: participant.signedOn, unitName: (await getInstitution(db)).unitName },
    items: (await loadItems(db, cvegeo)).map((item) => ({
      ...item,
      answer: answers[item.instanceId] ?? null,
    })),
  };
}

/** The municipality's latest recorded administration (by start), if any. */
async function latestAdministrationId(db: Executor, cvegeo: string): Promise<string | null> {
  const [latest] = await db
    .select({ id: administrations.id })
    .from(administrations)
    .where(eq(administrations.municipalityCvegeo, cvegeo))
    .orderBy(desc(administrations.startsOn))
    .limit(1);
  return latest?.id ?? null;
}

function assertMunicipalEditor(user: AuthUser, cvegeo: string): void {
  if (!canSeeMunicipality(user, cvegeo)) {
    throw notFound("El municipio no existe.");
  }
  if (!canEditDiagnostic(user, cvegeo)) {
    throw new AppError("forbidden", "El diagnóstico lo responde el municipio.");
  }
}

async function lockDraft(tx: Executor, cvegeo: string) {
  await tx.insert(diagnostics).values({ municipalityCvegeo: cvegeo }).onConflictDoNothing();
  const row = await lockedRow(
    tx,
    diagnostics,
    eq(diagnostics.municipalityCvegeo, cvegeo),
    "El diagnóstico no existe.",
  );
  if (row.status === "submitted") {
    throw conflict("El diagnóstico ya fue enviado y no se puede modificar.");
  }
  return row;
}

/** Saves answers as a draft (liaison or collaborator). */
export async function saveDiagnostic(
  db: Database,
  cvegeo: string,
  changes: { instanceId: string; answer: DiagnosticAnswerValue | null }[],
  { user, actor, now }: Acting,
): Promise<void> {
  assertMunicipalEditor(user, cvegeo);
  await getDiagnostic(db, cvegeo);
  await db.transaction(async (tx) => {
    const row = await lockDraft(tx, cvegeo);
    const items = new Map((await loadItems(tx, cvegeo)).map((item) => [item.instanceId, item]));
    const unknown = changes.filter((change) => !items.has(change.instanceId));
    if (unknown.length > 0) {
      throw new AppError(
        "validation_error",
        "Alguna respuesta no corresponde a una herramienta del diagnóstico.",
        unknown.map((change) => ({
          field: `answers.${change.instanceId}`,
          message: "No es una herramienta del diagnóstico.",
        })),
      );
    }
    const notAsked = changes.flatMap((change) => {
      const item = items.get(change.instanceId);
      const reason = item ? shownReason(item) : null;
      return item && reason
        ? [
            {
              field: `answers.${item.instanceId}`,
              message: notAskedMessage(diagnosticItemLabel(item), reason),
            },
          ]
        : [];
    });
    const [first] = notAsked;
    if (first) {
      throw new AppError(
        "diagnostic_tool_not_open",
        notAsked.length === 1
          ? first.message
          : `${notAsked.length} herramientas ya no se preguntan en el diagnóstico: ${first.message}`,
        notAsked,
      );
    }
    const answers = { ...row.answers };
    for (const change of changes) {
      if (change.answer === null) {
        delete answers[change.instanceId];
      } else {
        answers[change.instanceId] = change.answer;
      }
    }
    await tx
      .update(diagnostics)
      .set({ answers, updatedBy: user.id, updatedAt: now })
      .where(eq(diagnostics.municipalityCvegeo, cvegeo));
    await auditDiagnostic(tx, actor, cvegeo, {
      action: "diagnostic.saved",
      before: { answered: Object.keys(row.answers).length },
      after: { answered: Object.keys(answers).length },
    });
  });
}

/** Records an event of a municipality's diagnostic, filed under the municipality. */
function auditDiagnostic<A extends Extract<AuditAction, `diagnostic.${string}`>>(
  tx: Executor,
  actor: Actor,
  cvegeo: string,
  event: { action: A } & AuditPayloadOf<A>,
): Promise<void> {
  // Every diagnostic.* action is filed under "diagnostic"; the compiler cannot see that for a
  // generic action, hence the assertion.
  const entry = { ...event, entityType: "diagnostic", entityId: cvegeo, municipality: cvegeo };
  return recordAudit(tx, actor, entry as AuditEntry<A>);
}

/** The diagnostic's submissions are the designated liaison's alone (`canSubmitDiagnostic`). */
function assertDesignatedLiaison(user: AuthUser, cvegeo: string, what: string): void {
  assertMunicipalEditor(user, cvegeo);
  if (!canSubmitDiagnostic(user, cvegeo)) {
    throw new AppError("forbidden", `Solo el enlace designado del municipio ${what}.`);
  }
}

/**
 * Submits the diagnostic (liaison only) once every row is answered and every claimed tool has a
 * document. Claimed tools go to review like any submission; pending ones are the gaps.
 */
export async function submitDiagnostic(db: Database, cvegeo: string, acting: Acting) {
  const { user, actor, now } = acting;
  assertDesignatedLiaison(user, cvegeo, "envía el diagnóstico");
  await getDiagnostic(db, cvegeo);
  await db.transaction(async (tx) => {
    const row = await lockDraft(tx, cvegeo);
    const items = await loadItems(tx, cvegeo);
    const problems = submissionProblems(
      items.map((item) => ({
        ...item,
        key: item.instanceId,
        label: diagnosticItemLabel(item),
        answer: row.answers[item.instanceId] ?? null,
      })),
    ).map((problem) => ({ field: `answers.${problem.key}`, message: problem.message }));
    if (problems.length > 0) {
      throw new AppError(
        "validation_error",
        `El diagnóstico no está completo (${problems.length} pendiente(s)).`,
        problems,
      );
    }
    // What it asked, with the answers given; a draft answer for a tool that has been validated or
    // sent to review since is not part of it (the acknowledgement reads that tool's state).
    const asked = items.filter(isAskedInDiagnostic);
    const answers = Object.fromEntries(
      asked.flatMap((item) => {
        const answer = row.answers[item.instanceId];
        return answer ? [[item.instanceId, answer] as const] : [];
      }),
    );
    const claimed = asked.filter((item) => answers[item.instanceId] === "has");
    for (const item of claimed) {
      await submitWithin(tx, item.instanceId, user, actor, now);
    }
    await tx
      .update(diagnostics)
      .set({
        status: "submitted",
        answers,
        submittedBy: user.id,
        submittedAt: now,
        updatedAt: now,
        administrationId: await latestAdministrationId(tx, cvegeo),
      })
      .where(eq(diagnostics.municipalityCvegeo, cvegeo));
    const tally = { claimed: claimed.length, pending: asked.length - claimed.length };
    await auditDiagnostic(tx, actor, cvegeo, {
      action: "diagnostic.submitted",
      after: { ...tally, shown: items.length - asked.length },
    });
    await notifyDiagnosticSubmitted(tx, cvegeo, tally);
  });
}

/**
 * Starts a new round of the diagnostic (liaison only) once a new administration is recorded: the
 * submitted round is kept, read-only, in `diagnostic_rounds`, and the current one starts empty.
 */
export async function startDiagnosticRound(db: Database, cvegeo: string, acting: Acting) {
  const { user, actor, now } = acting;
  assertDesignatedLiaison(user, cvegeo, "responde de nuevo el diagnóstico");
  await getDiagnostic(db, cvegeo);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(diagnostics)
      .where(eq(diagnostics.municipalityCvegeo, cvegeo))
      .for("update");
    const latest = await latestAdministrationId(tx, cvegeo);
    const problem = newRoundProblem(
      { status: row?.status ?? "draft", administrationId: row?.administrationId ?? null },
      latest,
    );
    if (problem || !row || !row.submittedAt) {
      throw new AppError(
        problem?.code ?? "diagnostic_round_not_submitted",
        problem?.message ?? "El diagnóstico en curso aún no se envía.",
      );
    }
    await tx.insert(diagnosticRounds).values({
      municipalityCvegeo: cvegeo,
      round: row.round,
      administrationId: row.administrationId,
      answers: row.answers,
      submittedBy: row.submittedBy,
      submittedAt: row.submittedAt,
      closedAt: now,
      closedBy: user.id,
    });
    await tx
      .update(diagnostics)
      .set({
        status: "draft",
        answers: {},
        round: row.round + 1,
        administrationId: latest,
        submittedBy: null,
        submittedAt: null,
        updatedBy: user.id,
        updatedAt: now,
      })
      .where(eq(diagnostics.municipalityCvegeo, cvegeo));
    await auditDiagnostic(tx, actor, cvegeo, {
      action: "diagnostic.round_started",
      before: { round: row.round, answered: Object.keys(row.answers).length },
      after: { round: row.round + 1 },
    });
  });
}

/**
 * The previous round beside the current one, tool by tool (whoever may see the municipality).
 * Not found while the municipality has answered the diagnostic only once.
 */
export async function getDiagnosticComparison(
  db: Executor,
  cvegeo: string,
): Promise<DiagnosticComparison> {
  const current = await getDiagnostic(db, cvegeo);
  const [previous] = await db
    .select({ round: diagnosticRounds, submittedBy: users.name })
    .from(diagnosticRounds)
    .leftJoin(users, eq(users.id, diagnosticRounds.submittedBy))
    .where(eq(diagnosticRounds.municipalityCvegeo, cvegeo))
    .orderBy(desc(diagnosticRounds.round))
    .limit(1);
  if (!previous) {
    throw notFound(
      "El municipio ha respondido el diagnóstico una sola vez: no hay con qué compararlo.",
    );
  }
  const answers = Object.fromEntries(
    current.items.flatMap((item) => (item.answer ? [[item.instanceId, item.answer] as const] : [])),
  );
  const rows = compareRounds(
    current.items.map((item) => ({
      ...item,
      key: item.instanceId,
      label: diagnosticItemLabel(item),
    })),
    previous.round.answers,
    { answers, submitted: current.status === "submitted" },
    current.agreement.unitName,
  );
  return {
    municipality: current.municipality,
    previous: {
      round: previous.round.round,
      submittedAt: previous.round.submittedAt.toISOString(),
      submittedBy: previous.submittedBy,
    },
    current: {
      round: current.round,
      status: current.status,
      submittedAt: current.submittedAt,
      submittedBy: current.submittedBy,
    },
    changed: rows.filter((row) => row.changed).length,
    rows: rows.map((row) => {
      const item = current.items.find((candidate) => candidate.instanceId === row.key);
      return { ...row, instanceId: row.key, dimension: item?.dimension ?? "" };
    }),
  };
}
