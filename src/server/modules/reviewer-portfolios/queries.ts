import { and, asc, eq, inArray } from "drizzle-orm";
import type { ReviewerPortfolio } from "../../../contracts/portfolios.js";
import type { Executor } from "../../db/client.js";
import { municipalities, reviewerMunicipalities, users } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";

/** The active reviewers' portfolios (or one reviewer's), reviewers by name, municipalities by name. */
export async function listPortfolios(
  db: Executor,
  reviewerId?: string,
): Promise<ReviewerPortfolio[]> {
  const conditions = [eq(users.role, "reviewer"), eq(users.active, true)];
  if (reviewerId) {
    conditions.push(eq(users.id, reviewerId));
  }
  const reviewers = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      notifyUnassigned: users.notifyUnassignedSubmissions,
    })
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.name), asc(users.email));
  const assigned =
    reviewers.length === 0
      ? []
      : await db
          .select({
            reviewerId: reviewerMunicipalities.reviewerId,
            cvegeo: municipalities.cvegeo,
            name: municipalities.name,
          })
          .from(reviewerMunicipalities)
          .innerJoin(
            municipalities,
            eq(municipalities.cvegeo, reviewerMunicipalities.municipalityCvegeo),
          )
          .where(
            inArray(
              reviewerMunicipalities.reviewerId,
              reviewers.map((reviewer) => reviewer.id),
            ),
          )
          .orderBy(asc(municipalities.name));
  return reviewers.map(({ notifyUnassigned, ...reviewer }) => ({
    reviewer,
    municipalities: assigned
      .filter((row) => row.reviewerId === reviewer.id)
      .map(({ cvegeo, name }) => ({ cvegeo, name })),
    notifyUnassigned,
  }));
}

/** One active reviewer's portfolio; any other account is not found. */
export async function getPortfolio(db: Executor, reviewerId: string): Promise<ReviewerPortfolio> {
  const [portfolio] = await listPortfolios(db, reviewerId);
  if (!portfolio) {
    throw notFound("El revisor no existe o su cuenta no está activa.");
  }
  return portfolio;
}
