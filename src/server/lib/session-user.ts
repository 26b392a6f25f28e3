import { and, eq, gt, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { municipalities, users } from "../db/schema/index.js";
import { designatedLiaisonSql } from "./designation.js";

/**
 * What a query selects to present a signed-in user (`presentSessionUser`): the account, its
 * municipality's name (left join `municipalities` on `userMunicipality`) and whether it is the
 * municipality's current designated liaison.
 */
export function sessionUserColumns() {
  return {
    user: users,
    municipalityName: municipalities.name,
    designatedLiaison: designatedLiaisonSql(),
  };
}

export const userMunicipality = eq(municipalities.cvegeo, users.municipalityCvegeo);

/**
 * A session or token still lets its owner in: it has not expired at the prepared statement's
 * `now` and the account is active.
 */
export function liveCredential(expiresAt: PgColumn): SQL | undefined {
  return and(gt(expiresAt, sql`${sql.placeholder("now")}::timestamptz`), eq(users.active, true));
}

/** Who an account is, as every presentation of it starts: never the password hash. */
export function accountIdentity(user: typeof users.$inferSelect, municipalityName: string | null) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    municipality: user.municipalityCvegeo
      ? { cvegeo: user.municipalityCvegeo, name: municipalityName ?? "" }
      : null,
  };
}
