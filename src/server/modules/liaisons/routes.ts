import { CvegeoParams } from "../../../contracts/municipalities.js";
import { DesignateLiaisonRequest, LiaisonDesignation } from "../../../contracts/participation.js";
import { z } from "../../../contracts/zod.js";
import { canAdminister } from "../../../domain/policy.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { listDesignations } from "./queries.js";
import { designateLiaison } from "./service.js";

export async function liaisonRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["enlaces"]);
  const { db, now } = app.deps;

  route.getOfMunicipality(
    "/api/municipalities/:cvegeo/liaisons",
    "Historial de enlaces designados",
    z.array(LiaisonDesignation),
    (cvegeo) => listDesignations(db, cvegeo),
  );

  route.post(
    "/api/municipalities/:cvegeo/liaison",
    "Designar al enlace del municipio (reemplaza al anterior)",
    {
      params: CvegeoParams,
      body: DesignateLiaisonRequest,
      response: { 200: z.array(LiaisonDesignation) },
    },
    async (request) => {
      await designateLiaison(
        db,
        { municipality: request.params.cvegeo, ...request.body },
        actorOf(request),
        now(),
      );
      return listDesignations(db, request.params.cvegeo);
    },
    canAdminister,
  );
}
