import { IdParams } from "../../../contracts/common.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import {
  CreateProjectCardRequest,
  ProjectCard,
  ProjectCardList,
  UpdateProjectCardRequest,
} from "../../../contracts/project-cards.js";
import { actingOf } from "../../lib/acting.js";
import { recordAudit } from "../../lib/audit.js";
import { sendPdf } from "../../lib/http-files.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getInstitution } from "../institution/service.js";
import { projectCardPdf } from "./pdf.js";
import { getProjectCard, listProjectCards } from "./queries.js";
import {
  createProjectCard,
  findProjectInstance,
  type ProjectCardInput,
  updateProjectCard,
} from "./service.js";

export async function projectCardRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["fichas de proyecto (E4)"]);
  const { db, now } = app.deps;

  route.getOfMunicipality(
    "/api/municipalities/:cvegeo/project-cards",
    "Las fichas de proyecto del municipio y el plazo que dan a su herramienta E4",
    ProjectCardList,
    (cvegeo) => listProjectCards(db, cvegeo),
  );

  route.post(
    "/api/municipalities/:cvegeo/project-cards",
    "Registrar una ficha de proyecto (enlace o colaborador del municipio)",
    { params: CvegeoParams, body: CreateProjectCardRequest, response: { 201: ProjectCard } },
    async (request, reply) => {
      const acting = actingOf(request, now);
      const input = request.body as ProjectCardInput;
      const id = await createProjectCard(db, request.params.cvegeo, input, acting);
      return reply.code(201).send(await getProjectCard(db, id, acting.user));
    },
  );

  route.getById("/api/project-cards/:id", "Una ficha de proyecto", ProjectCard, (id, user) =>
    getProjectCard(db, id, user),
  );

  route.put(
    "/api/project-cards/:id",
    "Editar una ficha de proyecto (con la revisión vista: 409 si cambió)",
    { params: IdParams, body: UpdateProjectCardRequest, response: { 200: ProjectCard } },
    async (request) => {
      const acting = actingOf(request, now);
      const input = request.body as ProjectCardInput & { expectedRevision: number };
      await updateProjectCard(db, request.params.id, input, acting);
      return getProjectCard(db, request.params.id, acting.user);
    },
  );

  route.get(
    "/api/project-cards/:id/pdf",
    "La ficha de proyecto en PDF, para su aprobación en cabildo",
    { params: IdParams },
    async (request, reply) => {
      const card = await getProjectCard(db, request.params.id, requireUser(request).user);
      const institution = await getInstitution(db);
      // A private document of the municipality: its download is audited like evidence's.
      await recordAudit(db, actorOf(request), {
        action: "project_card.downloaded",
        entityType: "project_card",
        entityId: card.id,
        municipality: card.municipality.cvegeo,
        after: { format: "pdf", revision: card.revision },
      });
      const tool = await findProjectInstance(db, card.municipality.cvegeo, false);
      const pdf = projectCardPdf({ card, institution, toolCode: tool?.toolCode ?? "E4" });
      return sendPdf(
        reply,
        `ficha-proyecto-${card.municipality.cvegeo}-${card.id.slice(0, 8)}.pdf`,
        pdf,
      );
    },
  );
}
