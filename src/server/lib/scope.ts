import type { AuthContext } from "../plugins/auth.js";
import { AppError, notFound } from "./errors.js";

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
  const own = auth.user.municipality?.cvegeo;
  if (auth.user.role !== "admin" && auth.user.role !== "reviewer" && own !== cvegeo) {
    throw notFound(`${what} no existe.`);
  }
  return auth;
}
