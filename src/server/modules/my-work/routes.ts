import { AdminWorkQuery, MyWork } from "../../../contracts/my-work.js";
import { canAdminister, canReview, canSeeOwnWork } from "../../../domain/policy.js";
import { isMunicipalRole } from "../../../domain/roles.js";
import { AppError } from "../../lib/errors.js";
import { routesOf } from "../../lib/operations.js";
import { authorize } from "../../lib/scope.js";
import type { App } from "../../types.js";
import { adminWork, municipalityWork, reviewWork } from "./queries.js";

/** «Mi trabajo»: one endpoint per view; the web app asks the one of the signed-in role. */
export async function myWorkRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["mi trabajo"]);
  const { db, now } = app.deps;

  route.get(
    "/api/my-work/municipality",
    "Pendientes del municipio de quien consulta (enlaces y colaboradores)",
    { response: { 200: MyWork } },
    async (request) => {
      const { user } = authorize(request, canSeeOwnWork);
      if (!isMunicipalRole(user.role) || !user.municipality) {
        throw new AppError(
          "forbidden",
          "Esta vista es para los enlaces y colaboradores municipales.",
        );
      }
      return municipalityWork(db, user.municipality.cvegeo, now());
    },
  );

  route.get(
    "/api/my-work/review",
    "La cola de revisión de quien consulta: sus municipios asignados, la más antigua primero",
    { response: { 200: MyWork } },
    async (request) => {
      const { user } = authorize(request, canReview);
      return reviewWork(db, user.id, now());
    },
  );

  route.get(
    "/api/my-work/admin",
    "Pendientes de administración: convenios sin enlace, revisiones demoradas, prórrogas por decidir, correo retenido",
    { querystring: AdminWorkQuery, response: { 200: MyWork } },
    async (request) => adminWork(db, request.query.days, now()),
    canAdminister,
  );
}
