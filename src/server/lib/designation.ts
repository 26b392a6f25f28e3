import { type SQL, sql } from "drizzle-orm";
import { liaisonDesignations, users } from "../db/schema/index.js";

/**
 * Whether the `users` row of the query is its municipality's current designated liaison: what a
 * liaison's powers follow (decision 0012). Read with the session, so a hand-over takes effect on
 * the next request.
 */
export function designatedLiaisonSql(): SQL<boolean> {
  return sql<boolean>`(${users.role} = 'liaison' and exists (select 1 from ${liaisonDesignations} where ${liaisonDesignations.userId} = ${users.id} and ${liaisonDesignations.municipalityCvegeo} = ${users.municipalityCvegeo} and ${liaisonDesignations.endedAt} is null))`;
}
