import { count, eq, inArray } from "drizzle-orm";
import type { Diagnostic } from "../../../contracts/participation.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import type { Database, Executor } from "../../db/client.js";
import {
  agreements,
  type DiagnosticAnswerValue,
  diagnostics,
  evidenceFiles,
  municipalities,
  toolInstances,
  users,
} from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { AppError, conflict, notFound } from "../../lib/errors.js";
import { canSeeMunicipality } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { notifyDiagnosticSubmitted } from "../notifications/tool-events.js";
import { submitWithin } from "../review/service.js";
import { selectInstanceRows } from "../tool-instances/queries.js";

/**
 * The diagnostic's rows: every first-cycle deliverable except the tools done on signing (E1,
 * "Realizado" in the seed form), in model order.
 */
async function loadItems(db: Executor, cvegeo: string) {
  const rows = (await selectInstanceRows(db, cvegeo, eq(toolInstances.cycle, 1))).map((row) => ({
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
  const items = rows.filter((row) => row.periodKind !== "on_agreement");
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
  return items.map(({ periodKind: _kind, ...item }) => ({
    ...item,
    evidenceCount: counts.find((c) => c.id === item.instanceId)?.n ?? 0,
  }));
}

export async function getDiagnostic(db: Executor, cvegeo: string): Promise<Diagnostic> {
  const [participant] = await db
    .select({ name: municipalities.name })
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
  return {
    municipality: { cvegeo, name: participant.name },
    status: saved?.diagnostic.status ?? "draft",
    updatedAt: saved?.diagnostic.updatedAt.toISOString() ?? null,
    submittedAt: saved?.diagnostic.submittedAt?.toISOString() ?? null,
    submittedBy: saved?.submittedBy ?? null,
    items: (await loadItems(db, cvegeo)).map((item) => ({
      ...item,
      answer: answers[item.instanceId] ?? null,
    })),
  };
}

function assertMunicipalEditor(user: AuthUser, cvegeo: string): void {
  if (!canSeeMunicipality(user, cvegeo)) {
    throw notFound("El municipio no existe.");
  }
  if (!isMunicipalRole(user.role)) {
    throw new AppError("forbidden", "El diagnóstico lo responde el municipio.");
  }
}

async function lockDraft(tx: Executor, cvegeo: string) {
  await tx.insert(diagnostics).values({ municipalityCvegeo: cvegeo }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(diagnostics)
    .where(eq(diagnostics.municipalityCvegeo, cvegeo))
    .for("update");
  if (!row) {
    throw notFound("El diagnóstico no existe.");
  }
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
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  assertMunicipalEditor(user, cvegeo);
  await getDiagnostic(db, cvegeo);
  await db.transaction(async (tx) => {
    const row = await lockDraft(tx, cvegeo);
    const valid = new Set((await loadItems(tx, cvegeo)).map((item) => item.instanceId));
    const unknown = changes.filter((change) => !valid.has(change.instanceId));
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
    await recordAudit(tx, actor, {
      action: "diagnostic.saved",
      entityType: "diagnostic",
      entityId: cvegeo,
      municipality: cvegeo,
      before: { answered: Object.keys(row.answers).length },
      after: { answered: Object.keys(answers).length },
    });
  });
}

/**
 * Submits the diagnostic (liaison only) once every row is answered and every claimed tool has a
 * document. Claimed tools go to review like any submission; pending ones are the gaps.
 */
export async function submitDiagnostic(
  db: Database,
  cvegeo: string,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<void> {
  assertMunicipalEditor(user, cvegeo);
  if (user.role !== "liaison") {
    throw new AppError("forbidden", "Solo el enlace del municipio envía el diagnóstico.");
  }
  await getDiagnostic(db, cvegeo);
  await db.transaction(async (tx) => {
    const row = await lockDraft(tx, cvegeo);
    const items = await loadItems(tx, cvegeo);
    const label = (item: (typeof items)[number]) =>
      `${item.tool}${item.part ? ` ${item.part})` : ""} ${item.partName ?? item.toolName}`;
    const unanswered = items.filter((item) => !row.answers[item.instanceId]);
    const undocumented = items.filter(
      (item) => row.answers[item.instanceId] === "has" && item.evidenceCount === 0,
    );
    const problems = [
      ...unanswered.map((item) => ({
        field: `answers.${item.instanceId}`,
        message: `Sin respuesta: ${label(item)}.`,
      })),
      ...undocumented.map((item) => ({
        field: `answers.${item.instanceId}`,
        message: `Falta el documento comprobatorio: ${label(item)}.`,
      })),
    ];
    if (problems.length > 0) {
      throw new AppError(
        "validation_error",
        `El diagnóstico no está completo (${problems.length} pendiente(s)).`,
        problems,
      );
    }
    const claimed = items.filter((item) => row.answers[item.instanceId] === "has");
    for (const item of claimed) {
      await submitWithin(tx, item.instanceId, user, actor, now);
    }
    await tx
      .update(diagnostics)
      .set({ status: "submitted", submittedBy: user.id, submittedAt: now, updatedAt: now })
      .where(eq(diagnostics.municipalityCvegeo, cvegeo));
    await recordAudit(tx, actor, {
      action: "diagnostic.submitted",
      entityType: "diagnostic",
      entityId: cvegeo,
      municipality: cvegeo,
      after: { claimed: claimed.length, pending: items.length - claimed.length },
    });
    await notifyDiagnosticSubmitted(tx, cvegeo, {
      claimed: claimed.length,
      pending: items.length - claimed.length,
    });
  });
}
