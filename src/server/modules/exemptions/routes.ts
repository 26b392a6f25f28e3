import { IdParams } from "../../../contracts/common.js";
import {
  Exemption,
  ExemptToolRequest,
  LiftExemptionRequest,
} from "../../../contracts/exemptions.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import { z } from "../../../contracts/zod.js";
import { canExemptTool } from "../../../domain/policy.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getExemption, listExemptions } from "./queries.js";
import { exemptTool, liftExemption } from "./service.js";

export async function exemptionRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["exenciones"]);
  const { db, now } = app.deps;

  route.getOfMunicipality(
    "/api/municipalities/:cvegeo/exemptions",
    "Las herramientas exentas del municipio (vigentes y levantadas)",
    z.array(Exemption),
    (cvegeo) => listExemptions(db, cvegeo),
  );

  route.post(
    "/api/municipalities/:cvegeo/exemptions",
    "Declarar exenta una herramienta que no aplica al municipio (personal)",
    { params: CvegeoParams, body: ExemptToolRequest, response: { 201: Exemption } },
    async (request, reply) => {
      const id = await exemptTool(db, request.params.cvegeo, request.body, actorOf(request));
      reply.code(201);
      return getExemption(db, id);
    },
    canExemptTool,
  );

  route.post(
    "/api/exemptions/:id/lift",
    "Levantar una exención: la herramienta vuelve a contar (personal)",
    { params: IdParams, body: LiftExemptionRequest, response: { 200: Exemption } },
    async (request) => {
      await liftExemption(db, request.params.id, request.body.reason, actorOf(request), now());
      return getExemption(db, request.params.id);
    },
    canExemptTool,
  );
}
