import { canSeeMunicipality as policyCanSee } from "../../domain/policy.js";
import { type AuthContext, type AuthUser, assertPasswordSettled } from "../plugins/auth.js";
import { AppError, notFound } from "./errors.js";

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
