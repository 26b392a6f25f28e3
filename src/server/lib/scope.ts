import { eq, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { FastifyRequest } from "fastify";
import {
  municipalityScopeOf,
  canSeeMunicipality as policyCanSee,
  type Subject,
} from "../../domain/policy.js";
import {
  type AuthContext,
  type AuthUser,
  assertPasswordSettled,
  requireUser,
} from "../plugins/auth.js";
import { AppError, notFound } from "./errors.js";

/**
 * Where authorisation is applied on the server (the rules themselves are the pure `can…` functions
 * of `src/domain/policy.ts`):
 * - `authorize(request, can…)` at the top of a route handler, for what depends on who asks only;
 * - `inScope(user, table.municipalityCvegeo)` in the WHERE of every query that reads rows a
 *   municipality owns, so another municipality's rows are not found (404);
 * - a service calls a `can…` function with the row's municipality for what depends on both.
 */

/** The signed-in user if the policy allows them, else 401 (no session) or 403. */
export function authorize(
  request: FastifyRequest,
  can: (subject: Subject) => boolean,
  message = "Su rol no permite realizar esta acción.",
): AuthContext {
  const auth = requireUser(request);
  if (!can(auth.user)) {
    throw new AppError("forbidden", message);
  }
  return auth;
}

/**
 * The one SQL scope of rows a municipality owns: no condition for staff, the user's own
 * municipality for municipal users (an account without one matches nothing). Used in the WHERE,
 * so a row outside the scope is simply not found.
 */
export function inScope(user: Subject, column: AnyPgColumn): SQL | undefined {
  const scope = municipalityScopeOf(user);
  return scope === null ? undefined : scope === "" ? sql`false` : eq(column, scope);
}

/**
 * `inScope` for a named prepared statement, where one plan serves every user: the scope is the
 * parameter `placeholder`, given `municipalityScopeOf(user)` at execution (null for staff: no
 * condition; "" for an account without a municipality: matches nothing, as `inScope`'s false).
 */
export function inScopeOf(column: AnyPgColumn, placeholder: string): SQL {
  const scope = sql.placeholder(placeholder);
  return sql`(${scope}::text is null or ${column} = ${scope})`;
}

/** Staff see every municipality; liaisons and collaborators only their own. */
export function canSeeMunicipality(user: AuthUser, cvegeo: string): boolean {
  return policyCanSee(user, cvegeo);
}

/**
 * Municipal users see only their own municipality. Another municipality's resources answer 404,
 * not 403: whether they exist is not revealed. Staff see every municipality.
 */
export function assertCanSeeMunicipality(
  auth: AuthContext | null,
  cvegeo: string,
  what = "El recurso",
): AuthContext {
  if (!auth) {
    throw new AppError("unauthenticated", "Inicie sesión para continuar.");
  }
  assertPasswordSettled(auth);
  if (!canSeeMunicipality(auth.user, cvegeo)) {
    throw notFound(`${what} no existe.`);
  }
  return auth;
}
