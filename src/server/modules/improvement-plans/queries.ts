/** Reads of M4 improvement plans and their presenters. */
import { and, asc, eq, lt, type SQL } from "drizzle-orm";
import type {
  ImprovementAction,
  ImprovementOverview,
  ImprovementPlan,
} from "../../../contracts/improvement-plans.js";
import { daysBetween, localDateOf } from "../../../domain/dates.js";
import {
  isImprovementActionOverdue,
  planProgress,
  proposeFromGaps,
} from "../../../domain/improvement-plans.js";
import type { Database, Executor } from "../../db/client.js";
import {
  documents,
  improvementActions,
  municipalities,
  observations,
  toolInstances,
  users,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { canSeeMunicipality } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { getMunicipality } from "../municipalities/queries.js";
import { progressService } from "../progress/service.js";
import { addressedTools, gapsOf, isOpenActionRow } from "./service.js";

function selectActions(db: Executor) {
  return db
    .select({
      action: improvementActions,
      municipalityName: municipalities.name,
      createdBy: users.name,
      observation: {
        id: observations.id,
        text: observations.text,
        toolCode: toolInstances.toolCode,
      },
      document: {
        id: documents.id,
        fileName: documents.fileName,
        size: documents.size,
        uploadedAt: documents.uploadedAt,
      },
    })
    .from(improvementActions)
    .innerJoin(municipalities, eq(municipalities.cvegeo, improvementActions.municipalityCvegeo))
    .innerJoin(users, eq(users.id, improvementActions.createdBy))
    .leftJoin(observations, eq(observations.id, improvementActions.observationId))
    .leftJoin(toolInstances, eq(toolInstances.id, observations.toolInstanceId))
    .leftJoin(documents, eq(documents.id, improvementActions.completionDocumentId));
}

type ActionRow = Awaited<ReturnType<ReturnType<typeof selectActions>["where"]>>[number];

function present(row: ActionRow, toolNames: Map<string, string>, today: string): ImprovementAction {
  const { action } = row;
  return {
    id: action.id,
    municipality: { cvegeo: action.municipalityCvegeo, name: row.municipalityName },
    description: action.description,
    targetKind: action.targetKind,
    toolCode: action.toolCode,
    toolName: action.toolCode ? (toolNames.get(action.toolCode) ?? null) : null,
    observation:
      row.observation?.id && row.observation.text !== null && row.observation.toolCode !== null
        ? { id: row.observation.id, text: row.observation.text, toolCode: row.observation.toolCode }
        : null,
    finding: action.finding,
    owner: action.owner,
    dueOn: action.dueOn,
    status: action.status,
    overdue: isImprovementActionOverdue(action, today),
    completionNote: action.completionNote,
    completionDocument: row.document?.id
      ? {
          id: row.document.id,
          fileName: row.document.fileName ?? "",
          size: row.document.size ?? 0,
          uploadedAt: row.document.uploadedAt?.toISOString() ?? "",
        }
      : null,
    completedOn: action.completedOn,
    revision: action.revision,
    createdBy: row.createdBy,
    createdAt: action.createdAt.toISOString(),
  };
}

/** The names of the model's tools (the model in force), for actions that name a tool. */
async function toolNamesNow(db: Database, now: Date): Promise<Map<string, string>> {
  const { model } = await progressService(db).current(now);
  return new Map(model.dimensions.flatMap((d) => d.tools.map((t) => [t.code, t.name])));
}

/** A municipality's plan: its actions by due date, progress, proposals, tools and observations. */
export async function getImprovementPlan(
  db: Database,
  cvegeo: string,
  now: Date,
): Promise<ImprovementPlan> {
  const municipality = await getMunicipality(db, cvegeo);
  const today = localDateOf(now);
  const found = await gapsOf(db, cvegeo, now);
  const names = found
    ? new Map(found.tools.map((t) => [t.code, t.name]))
    : await toolNamesNow(db, now);
  const rows = await selectActions(db)
    .where(eq(improvementActions.municipalityCvegeo, cvegeo))
    .orderBy(asc(improvementActions.dueOn), asc(improvementActions.createdAt));
  const actions = rows.map((row) => present(row, names, today));
  const proposals = found
    ? proposeFromGaps(found.gaps, await addressedTools(db, cvegeo), today).map((p) => ({
        toolCode: p.toolCode,
        toolName: names.get(p.toolCode) ?? p.toolCode,
        dueOn: p.dueOn,
      }))
    : [];
  const reviewed = await db
    .select({ id: observations.id, text: observations.text, toolCode: toolInstances.toolCode })
    .from(observations)
    .innerJoin(toolInstances, eq(toolInstances.id, observations.toolInstanceId))
    .where(eq(toolInstances.municipalityCvegeo, cvegeo))
    .orderBy(asc(toolInstances.toolCode), asc(observations.position));
  return {
    municipality: { cvegeo: municipality.cvegeo, name: municipality.name },
    participating: found !== null,
    progress: planProgress(actions, today),
    actions,
    proposals,
    tools: found?.tools ?? [],
    observations: reviewed,
  };
}

/** One action; another municipality's answers 404 to municipal users. */
export async function getImprovementAction(
  db: Database,
  id: string,
  user: AuthUser,
  now: Date,
): Promise<ImprovementAction> {
  const [row] = await selectActions(db).where(eq(improvementActions.id, id));
  if (!row || !canSeeMunicipality(user, row.action.municipalityCvegeo)) {
    throw notFound("La acción de mejora no existe.");
  }
  return present(row, await toolNamesNow(db, now), localDateOf(now));
}

/** Staff: every municipality's plan progress, and every overdue action (most overdue first). */
export async function getImprovementOverview(
  db: Database,
  now: Date,
): Promise<ImprovementOverview> {
  const today = localDateOf(now);
  const all = await db
    .select({
      cvegeo: improvementActions.municipalityCvegeo,
      name: municipalities.name,
      status: improvementActions.status,
      dueOn: improvementActions.dueOn,
    })
    .from(improvementActions)
    .innerJoin(municipalities, eq(municipalities.cvegeo, improvementActions.municipalityCvegeo))
    .orderBy(asc(municipalities.name));
  const byMunicipality = new Map<string, { name: string; actions: typeof all }>();
  for (const row of all) {
    const entry = byMunicipality.get(row.cvegeo) ?? { name: row.name, actions: [] };
    entry.actions.push(row);
    byMunicipality.set(row.cvegeo, entry);
  }
  const overdue = await openActionsDue(db, lt(improvementActions.dueOn, today));
  return {
    plans: [...byMunicipality].map(([cvegeo, entry]) => ({
      municipality: { cvegeo, name: entry.name },
      progress: planProgress(entry.actions, today),
    })),
    overdue: overdue.map((row) => ({
      id: row.id,
      municipality: { cvegeo: row.cvegeo, name: row.name },
      description: row.description,
      toolCode: row.toolCode,
      owner: row.owner,
      dueOn: row.dueOn,
      status: row.status,
      daysOverdue: daysBetween(row.dueOn, today),
    })),
  };
}

/** Open actions whose due date meets `due`, with their municipality, soonest first. */
export function openActionsDue(db: Executor, due: SQL) {
  return db
    .select({
      id: improvementActions.id,
      cvegeo: improvementActions.municipalityCvegeo,
      name: municipalities.name,
      description: improvementActions.description,
      toolCode: improvementActions.toolCode,
      owner: improvementActions.owner,
      dueOn: improvementActions.dueOn,
      status: improvementActions.status,
    })
    .from(improvementActions)
    .innerJoin(municipalities, eq(municipalities.cvegeo, improvementActions.municipalityCvegeo))
    .where(and(isOpenActionRow(), due))
    .orderBy(asc(improvementActions.dueOn), asc(municipalities.name));
}
