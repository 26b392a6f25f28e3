/** Reads of E4 project cards, scoped to what the user may see, and their presenter. */
import { asc, eq } from "drizzle-orm";
import type { ProjectCard, ProjectCardList } from "../../../contracts/project-cards.js";
import type { Executor } from "../../db/client.js";
import { municipalities, projectCards, users } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { canSeeMunicipality } from "../../lib/scope.js";
import type { AuthUser } from "../../plugins/auth.js";
import { getMunicipality } from "../municipalities/queries.js";
import { findProjectInstance } from "./service.js";

const cardColumns = {
  card: projectCards,
  municipalityName: municipalities.name,
  createdBy: users.name,
};

type CardRow = {
  card: typeof projectCards.$inferSelect;
  municipalityName: string;
  createdBy: string;
};

function present({ card, municipalityName, createdBy }: CardRow): ProjectCard {
  return {
    id: card.id,
    municipality: { cvegeo: card.municipalityCvegeo, name: municipalityName },
    toolInstanceId: card.toolInstanceId,
    title: card.title,
    objectives: card.objectives,
    expectedResults: card.expectedResults,
    activities: card.activities,
    budgetAmount: card.budgetCents / 100,
    budgetSource: card.budgetSource,
    developmentPlanLink: card.developmentPlanLink,
    startsOn: card.startsOn,
    endsOn: card.endsOn,
    status: card.status,
    progress: card.progress,
    revision: card.revision,
    createdBy,
    createdAt: card.createdAt.toISOString(),
    updatedAt: card.updatedAt.toISOString(),
  };
}

function selectCards(db: Executor) {
  return db
    .select(cardColumns)
    .from(projectCards)
    .innerJoin(municipalities, eq(municipalities.cvegeo, projectCards.municipalityCvegeo))
    .innerJoin(users, eq(users.id, projectCards.createdBy));
}

/** A municipality's cards (by start date) with its E4 tool and the deadline they give it. */
export async function listProjectCards(db: Executor, cvegeo: string): Promise<ProjectCardList> {
  const municipality = await getMunicipality(db, cvegeo);
  const instance = await findProjectInstance(db, cvegeo, false);
  const rows = await selectCards(db)
    .where(eq(projectCards.municipalityCvegeo, cvegeo))
    .orderBy(asc(projectCards.startsOn), asc(projectCards.createdAt));
  return {
    municipality: { cvegeo: municipality.cvegeo, name: municipality.name },
    tool: instance
      ? {
          id: instance.id,
          code: instance.toolCode,
          name: instance.toolName,
          state: instance.state,
          deadline: instance.deadline,
        }
      : null,
    cards: rows.map(present),
  };
}

/** One card; another municipality's card answers 404 to municipal users. */
export async function getProjectCard(
  db: Executor,
  id: string,
  user: AuthUser,
): Promise<ProjectCard> {
  const [row] = await selectCards(db).where(eq(projectCards.id, id));
  if (!row || !canSeeMunicipality(user, row.card.municipalityCvegeo)) {
    throw notFound("La ficha de proyecto no existe.");
  }
  return present(row);
}
