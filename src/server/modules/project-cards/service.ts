/**
 * E4 project cards: the municipality writes them; each write recomputes the E4 tool's deadline
 * (`projectDeadlineChange` in src/domain/project-cards.ts) in the same transaction, with its
 * audit events.
 */
import { and, asc, eq } from "drizzle-orm";
import type { ProjectCardFields } from "../../../contracts/project-cards.js";
import type { z } from "../../../contracts/zod.js";
import type { LocalDate } from "../../../domain/dates.js";
import { replanDeadline } from "../../../domain/extensions.js";
import { canWritePlans } from "../../../domain/policy.js";
import { projectDeadlineChange } from "../../../domain/project-cards.js";
import type { Database, Executor } from "../../db/client.js";
import { modelTools, projectCards, toolInstances } from "../../db/schema/index.js";
import type { Acting } from "../../lib/acting.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { insertAudited, updateAudited } from "../../lib/audited-writes.js";
import { AppError, conflict, notFound } from "../../lib/errors.js";
import { instanceJoins } from "../../lib/instance-joins.js";
import { canSeeMunicipality } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";

export type ProjectCardInput = z.output<typeof ProjectCardFields>;

/** Only the municipality writes its cards; staff read them. */
function assertWriter(user: AuthUser): void {
  if (!canWritePlans(user, user.municipality?.cvegeo ?? "")) {
    throw new AppError("forbidden", "Las fichas de proyecto las registra el municipio.");
  }
}

/** The municipality's instance of its project-dependent tool (E4), locked; null without one. */
export async function findProjectInstance(tx: Executor, cvegeo: string, lock: boolean) {
  const query = tx
    .select({
      id: toolInstances.id,
      deadline: toolInstances.deadline,
      originalDeadline: toolInstances.originalDeadline,
      extendedTo: toolInstances.extendedTo,
      state: toolInstances.state,
      toolCode: toolInstances.toolCode,
      toolName: modelTools.name,
    })
    .from(toolInstances)
    .innerJoin(modelTools, instanceJoins.tool)
    .where(and(eq(toolInstances.municipalityCvegeo, cvegeo), eq(modelTools.periodKind, "project")))
    .orderBy(asc(toolInstances.toolCode), asc(toolInstances.cycle))
    .limit(1);
  const [row] = lock ? await query.for("update", { of: toolInstances }) : await query;
  return row ?? null;
}

const stored = (card: ProjectCardInput) => ({
  title: card.title,
  objectives: card.objectives,
  expectedResults: card.expectedResults,
  activities: card.activities,
  budgetCents: Math.round(card.budgetAmount * 100),
  budgetSource: card.budgetSource,
  developmentPlanLink: card.developmentPlanLink,
  startsOn: card.startsOn,
  endsOn: card.endsOn,
  status: card.status,
  progress: card.progress,
});

/** What the audit trail keeps of a card. */
function snapshot(card: ReturnType<typeof stored>) {
  return {
    title: card.title,
    startsOn: card.startsOn,
    endsOn: card.endsOn,
    status: card.status,
    progress: card.progress,
    budgetAmount: card.budgetCents / 100,
    activities: card.activities.length,
  };
}

/** Records a new project card of the municipality (its liaison or a collaborator). */
export async function createProjectCard(
  db: Database,
  cvegeo: string,
  card: ProjectCardInput,
  { user, actor, now }: Acting,
): Promise<string> {
  if (!canSeeMunicipality(user, cvegeo)) {
    throw notFound("El municipio no existe.");
  }
  assertWriter(user);
  return db.transaction(async (tx) => {
    const instance = await findProjectInstance(tx, cvegeo, true);
    if (!instance) {
      throw conflict(
        "El municipio no tiene la herramienta de proyectos (E4): se crea al registrar su convenio.",
      );
    }
    const values = stored(card);
    const stamps = { createdBy: user.id, createdAt: now, updatedAt: now };
    const owner = { municipalityCvegeo: cvegeo, toolInstanceId: instance.id };
    const row = { ...values, ...owner, ...stamps };
    const { id } = await insertAudited(tx, actor, projectCards, row, {
      action: "project_card.created",
      entityType: "project_card",
      municipality: cvegeo,
      after: snapshot(values),
    });
    await applyProjectDeadline(tx, instance, cvegeo, actor, now);
    return id;
  });
}

/** Edits a card (every field at once) against the revision the editor saw: a stale edit is 409. */
export async function updateProjectCard(
  db: Database,
  id: string,
  card: ProjectCardInput & { expectedRevision: number },
  { user, actor, now }: Acting,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ cvegeo: projectCards.municipalityCvegeo })
      .from(projectCards)
      .where(eq(projectCards.id, id));
    if (!found || !canSeeMunicipality(user, found.cvegeo)) {
      throw notFound("La ficha de proyecto no existe.");
    }
    assertWriter(user);
    // The instance first, as a new card does: writers of one municipality's cards take turns.
    const instance = await findProjectInstance(tx, found.cvegeo, true);
    const [current] = await tx
      .select()
      .from(projectCards)
      .where(eq(projectCards.id, id))
      .for("update");
    if (!current || !instance) {
      throw notFound("La ficha de proyecto no existe.");
    }
    if (current.revision !== card.expectedRevision) {
      throw conflict(
        "Alguien más modificó la ficha mientras la editaba. Recargue la página para ver sus cambios.",
      );
    }
    const values = stored(card);
    const revised = { ...values, revision: current.revision + 1, updatedAt: now };
    await updateAudited(tx, actor, projectCards, id, revised, {
      action: "project_card.updated",
      entityType: "project_card",
      municipality: found.cvegeo,
      before: snapshot(current),
      after: snapshot(values),
    });
    await applyProjectDeadline(tx, instance, found.cvegeo, actor, now);
  });
}

/**
 * Moves the E4 instance's planned deadline to what its cards now say (unless validated), audited;
 * an approved extension stays in force when it is later (`replanDeadline`).
 */
async function applyProjectDeadline(
  tx: Executor,
  instance: {
    id: string;
    deadline: LocalDate | null;
    originalDeadline: LocalDate | null;
    extendedTo: LocalDate | null;
    state: string;
  },
  cvegeo: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  const cards = await tx
    .select({ status: projectCards.status, endsOn: projectCards.endsOn })
    .from(projectCards)
    .where(eq(projectCards.toolInstanceId, instance.id));
  const planned = instance.extendedTo === null ? instance.deadline : instance.originalDeadline;
  const next = projectDeadlineChange(planned, instance.state === "validated", cards);
  if (next === undefined) {
    return;
  }
  await tx
    .update(toolInstances)
    .set({ ...replanDeadline(next, instance.extendedTo), updatedAt: now })
    .where(eq(toolInstances.id, instance.id));
  await recordAudit(tx, actor, {
    action: "tool_instance.deadline_set",
    entityType: "tool_instance",
    entityId: instance.id,
    municipality: cvegeo,
    before: { deadline: instance.deadline },
    after: { deadline: next },
  });
}
