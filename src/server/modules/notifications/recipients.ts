import { and, eq, inArray, sql } from "drizzle-orm";
import { submissionRecipients } from "../../../domain/portfolios.js";
import {
  MUNICIPAL_ROLES,
  type MunicipalRole,
  type Role,
  type StaffRole,
} from "../../../domain/roles.js";
import type { Executor } from "../../db/client.js";
import { reviewerMunicipalities, users } from "../../db/schema/index.js";

export interface Recipient {
  id: string;
  role: Role;
  municipality: string | null;
}

const columns = { id: users.id, role: users.role, municipality: users.municipalityCvegeo };

/**
 * The active accounts of municipalities, by role (the liaison and, by default, the collaborators).
 * A replaced liaison's account is deactivated at hand-over, so only the current one is told.
 */
export function municipalRecipients(
  tx: Executor,
  cvegeos: string[],
  roles: readonly MunicipalRole[] = MUNICIPAL_ROLES,
): Promise<Recipient[]> {
  if (cvegeos.length === 0) {
    return Promise.resolve([]);
  }
  return tx
    .select(columns)
    .from(users)
    .where(
      and(
        eq(users.active, true),
        inArray(users.municipalityCvegeo, cvegeos),
        inArray(users.role, [...roles]),
      ),
    );
}

/** The institution's active staff of the given roles. */
export function staffRecipients(tx: Executor, roles: readonly StaffRole[]): Promise<Recipient[]> {
  return tx
    .select(columns)
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, [...roles])));
}

/** Active accounts by id (a commitment's owner, an action's facilitators). */
export function usersById(tx: Executor, ids: string[]): Promise<Recipient[]> {
  if (ids.length === 0) {
    return Promise.resolve([]);
  }
  return tx
    .select(columns)
    .from(users)
    .where(and(eq(users.active, true), inArray(users.id, ids)));
}

/**
 * The active reviewers a municipality's new submission is told to: its assigned reviewers and
 * those who opted in, or every reviewer when nobody has it in their portfolio.
 */
export async function reviewersOfSubmission(tx: Executor, cvegeo: string): Promise<string[]> {
  const reviewers = await tx
    .select({
      id: users.id,
      notifyUnassigned: users.notifyUnassignedSubmissions,
      assigned:
        sql<boolean>`exists (select 1 from ${reviewerMunicipalities} where ${reviewerMunicipalities.reviewerId} = ${users.id} and ${reviewerMunicipalities.municipalityCvegeo} = ${cvegeo})`.mapWith(
          Boolean,
        ),
    })
    .from(users)
    .where(and(eq(users.active, true), eq(users.role, "reviewer")));
  return submissionRecipients(reviewers);
}
