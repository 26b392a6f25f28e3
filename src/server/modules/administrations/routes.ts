import { Administration, RecordAdministrationRequest } from "../../../contracts/administrations.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import { z } from "../../../contracts/zod.js";
import { localDateOf } from "../../../domain/dates.js";
import { canAdminister } from "../../../domain/policy.js";
import { recordAudit } from "../../lib/audit.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { handoverPdf } from "./handover.js";
import { listAdministrations } from "./queries.js";
import { recordAdministration } from "./service.js";

export async function administrationRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["administraciones"]);
  const { db, now } = app.deps;

  route.getOfMunicipality(
    "/api/municipalities/:cvegeo/administrations",
    "Las administraciones municipales (periodos constitucionales)",
    z.array(Administration),
    (cvegeo) => listAdministrations(db, cvegeo, now()),
  );

  route.post(
    "/api/municipalities/:cvegeo/administrations",
    "Registrar una nueva administración municipal (administradores)",
    {
      description:
        "El periodo debe terminar después de empezar (administration_dates_out_of_order) y no encimarse con otro (administration_overlaps).",
      params: CvegeoParams,
      body: RecordAdministrationRequest,
      response: { 201: z.array(Administration) },
    },
    async (request, reply) => {
      await recordAdministration(db, request.params.cvegeo, request.body, actorOf(request));
      reply.code(201);
      return listAdministrations(db, request.params.cvegeo, now());
    },
    canAdminister,
  );

  route.municipalityPdf(
    "/api/municipalities/:cvegeo/handover.pdf",
    "Acta de entrega-recepción del MRTM en PDF",
    async (cvegeo, request) => {
      const at = now();
      const { pdf, tools, openObservations } = await handoverPdf(db, cvegeo, at);
      // A private record of the municipality: printing it is audited.
      await recordAudit(db, actorOf(request), {
        action: "handover.printed",
        entityType: "administration",
        municipality: cvegeo,
        after: { asOf: localDateOf(at), tools, openObservations },
      });
      return { fileName: `acta-entrega-recepcion-mrtm-${cvegeo}-${localDateOf(at)}.pdf`, pdf };
    },
  );
}
