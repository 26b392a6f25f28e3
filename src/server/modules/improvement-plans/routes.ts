import { IdParams } from "../../../contracts/common.js";
import {
  CreateImprovementActionRequest,
  ImprovementAction,
  ImprovementOverview,
  ImprovementPlan,
  ProposedActionsResult,
  UpdateImprovementActionRequest,
} from "../../../contracts/improvement-plans.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import { localDateOf } from "../../../domain/dates.js";
import { actingOf } from "../../lib/acting.js";
import { recordAudit } from "../../lib/audit.js";
import { acceptSingleFileUploads, fileUpload, readSingleFile } from "../../lib/http-files.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf, requireRole } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getInstitution } from "../institution/service.js";
import { improvementPlanPdf } from "./pdf.js";
import { getImprovementAction, getImprovementOverview, getImprovementPlan } from "./queries.js";
import {
  type ActionInput,
  type ActionUpdate,
  attachImprovementEvidence,
  createImprovementAction,
  openImprovementEvidence,
  proposeActionsFromGaps,
  updateImprovementAction,
} from "./service.js";

export async function improvementPlanRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["planes de mejora (M4)"]);
  const { db, now, blobs, config } = app.deps;
  await acceptSingleFileUploads(app, config.maxUploadBytes);

  route.getOfMunicipality(
    "/api/municipalities/:cvegeo/improvement-plan",
    "El plan de mejora del municipio: acciones, avance y propuestas desde sus brechas",
    ImprovementPlan,
    (cvegeo) => getImprovementPlan(db, cvegeo, now()),
  );

  route.municipalityPdf(
    "/api/municipalities/:cvegeo/improvement-plan.pdf",
    "El plan de mejora en PDF, para su aprobación formal",
    async (cvegeo, request) => {
      const at = now();
      const plan = await getImprovementPlan(db, cvegeo, at);
      const pdf = improvementPlanPdf(plan, await getInstitution(db), localDateOf(at));
      // A private document of the municipality: its download is audited like evidence's.
      await recordAudit(db, actorOf(request), {
        action: "improvement_plan.downloaded",
        entityType: "report",
        municipality: cvegeo,
        after: { format: "pdf", asOf: localDateOf(at) },
      });
      return { fileName: `plan-de-mejora-${cvegeo}-${localDateOf(at)}.pdf`, pdf };
    },
  );

  route.post(
    "/api/municipalities/:cvegeo/improvement-actions",
    "Agregar una acción al plan de mejora (enlace o colaborador del municipio)",
    {
      params: CvegeoParams,
      body: CreateImprovementActionRequest,
      response: { 201: ImprovementAction },
    },
    async (request, reply) => {
      const acting = actingOf(request, now);
      const input = request.body as ActionInput;
      const id = await createImprovementAction(db, request.params.cvegeo, input, acting);
      return reply.code(201).send(await getImprovementAction(db, id, acting.user, now()));
    },
  );

  route.post(
    "/api/municipalities/:cvegeo/improvement-plan/proposals",
    "Proponer en un clic una acción por cada brecha aún no atendida",
    { params: CvegeoParams, response: { 201: ProposedActionsResult } },
    async (request, reply) => {
      const { cvegeo } = request.params;
      const created = await proposeActionsFromGaps(db, cvegeo, actingOf(request, now));
      return reply.code(201).send({ created, plan: await getImprovementPlan(db, cvegeo, now()) });
    },
  );

  route.get(
    "/api/improvement-plans/overview",
    "Personal: el avance del plan de cada municipio y las acciones vencidas",
    { response: { 200: ImprovementOverview } },
    async (request) => {
      requireRole(request, "admin", "reviewer");
      return getImprovementOverview(db, now());
    },
  );

  route.getById(
    "/api/improvement-actions/:id",
    "Una acción del plan de mejora",
    ImprovementAction,
    (id, user) => getImprovementAction(db, id, user, now()),
  );

  route.put(
    "/api/improvement-actions/:id",
    "Editar una acción y darle seguimiento (con la revisión vista: 409 si cambió)",
    {
      params: IdParams,
      body: UpdateImprovementActionRequest,
      response: { 200: ImprovementAction },
    },
    async (request) => {
      const acting = actingOf(request, now);
      await updateImprovementAction(db, request.params.id, request.body as ActionUpdate, acting);
      return getImprovementAction(db, request.params.id, acting.user, now());
    },
  );

  route.post(
    "/api/improvement-actions/:id/evidence",
    "Adjuntar el archivo de evidencia de cumplimiento (multipart); cada subida es una versión nueva",
    { consumes: ["multipart/form-data"], params: IdParams, response: { 200: ImprovementAction } },
    async (request) => {
      const acting = actingOf(request, now);
      const { id } = request.params;
      const part = await readSingleFile(request);
      await attachImprovementEvidence(db, blobs, { id, ...fileUpload(part, config) }, acting);
      return getImprovementAction(db, id, acting.user, now());
    },
  );

  route.downloadById(
    "/api/improvement-actions/:id/evidence",
    "Descargar el archivo de evidencia de una acción",
    (id, user, actor) => openImprovementEvidence(db, blobs, id, user, actor),
  );
}
