import { and, eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client.js";
import { municipalities, reviewerMunicipalities, users } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { invalid, notFound } from "../../lib/errors.js";

/** The reviewer's row, locked, with its current portfolio: what an audit event's `before` shows. */
async function lockPortfolio(tx: Transaction, reviewerId: string) {
  const [reviewer] = await tx
    .select({ id: users.id, notifyUnassigned: users.notifyUnassignedSubmissions })
    .from(users)
    .where(and(eq(users.id, reviewerId), eq(users.role, "reviewer"), eq(users.active, true)))
    .for("update");
  if (!reviewer) {
    throw notFound("El revisor no existe o su cuenta no está activa.");
  }
  const rows = await tx
    .select({ cvegeo: reviewerMunicipalities.municipalityCvegeo })
    .from(reviewerMunicipalities)
    .where(eq(reviewerMunicipalities.reviewerId, reviewerId));
  return {
    municipalities: rows.map((row) => row.cvegeo).sort(),
    notifyUnassigned: reviewer.notifyUnassigned,
  };
}

type Portfolio = Awaited<ReturnType<typeof lockPortfolio>>;

/**
 * Changes a reviewer's portfolio in one transaction under the row's lock: `change` writes it and
 * returns what changed; the audit event shows the whole portfolio before and after.
 */
async function changePortfolio(
  db: Database,
  reviewerId: string,
  actor: Actor,
  change: (tx: Transaction) => Promise<Partial<Portfolio>>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockPortfolio(tx, reviewerId);
    const changed = await change(tx);
    await recordAudit(tx, actor, {
      action: "reviewer_portfolio.updated",
      entityType: "user",
      entityId: reviewerId,
      municipality: null,
      before,
      after: { ...before, ...changed },
    });
  });
}

/** An admin replaces a reviewer's portfolio. Unknown municipalities are refused, naming them. */
export async function setPortfolio(
  db: Database,
  reviewerId: string,
  cvegeos: string[],
  actor: Actor,
): Promise<void> {
  await changePortfolio(db, reviewerId, actor, async (tx) => {
    const wanted = [...new Set(cvegeos)].sort();
    if (wanted.length > 0) {
      const known = await tx
        .select({ cvegeo: municipalities.cvegeo })
        .from(municipalities)
        .where(inArray(municipalities.cvegeo, wanted));
      const found = new Set(known.map((row) => row.cvegeo));
      const missing = wanted.filter((cvegeo) => !found.has(cvegeo));
      if (missing.length > 0) {
        throw invalid(
          "municipalities",
          `No existe un municipio con la clave ${missing.slice(0, 5).join(", ")}.`,
        );
      }
    }
    await tx
      .delete(reviewerMunicipalities)
      .where(eq(reviewerMunicipalities.reviewerId, reviewerId));
    if (wanted.length > 0) {
      await tx
        .insert(reviewerMunicipalities)
        .values(wanted.map((cvegeo) => ({ reviewerId, municipalityCvegeo: cvegeo })));
    }
    return { municipalities: wanted };
  });
}

/** A reviewer chooses whether to hear of submissions outside the portfolio too. */
export async function setPortfolioPreference(
  db: Database,
  reviewerId: string,
  notifyUnassigned: boolean,
  actor: Actor,
): Promise<void> {
  await changePortfolio(db, reviewerId, actor, async (tx) => {
    await tx
      .update(users)
      .set({ notifyUnassignedSubmissions: notifyUnassigned, updatedAt: new Date() })
      .where(eq(users.id, reviewerId));
    return { notifyUnassigned };
  });
}
