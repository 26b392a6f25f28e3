import { IdParams } from "../../../contracts/common.js";
import {
  DraftComment,
  DraftView,
  InstanceConsultation,
  ModerateConsultationComment,
  NewConsultationComment,
  NewDraftComment,
  NewTrainingSession,
  PublicConsultation,
  SaveDocumentDraft,
  SavedDocumentDraft,
  TrainingRegister,
} from "../../../contracts/document-drafts.js";
import { TokenParams } from "../../../contracts/surveys.js";
import { z } from "../../../contracts/zod.js";
import { CONSULTATION_RECEIVED_MESSAGE } from "../../../domain/consultations.js";
import type { DraftContent } from "../../../domain/document-templates.js";
import { actingOf } from "../../lib/acting.js";
import { routesOf } from "../../lib/operations.js";
import { getByPublicToken, publicSubmissionLimit } from "../../lib/routes.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import {
  closeConsultation,
  commentOnConsultation,
  getInstanceConsultation,
  getPublicConsultation,
  moderateComment,
  openConsultation,
} from "./consultation.js";
import { registerConsultationPage } from "./consultation-page.js";
import { draftPdf } from "./pdf.js";
import { getDraftView } from "./queries.js";
import { addComment, exportDraft, saveDraft } from "./service.js";
import {
  correctTraining,
  getTrainingRegister,
  recordTraining,
  removeTraining,
} from "./trainings.js";

/**
 * The Word writer (docx, megabytes once loaded) loads with the first export in that format, not
 * at start (decision 0034).
 */
let docxWriter: Promise<typeof import("./docx.js")> | undefined;
const docxModule = () => {
  docxWriter ??= import("./docx.js");
  return docxWriter;
};

const tags = ["documentos guiados"];

const MIME = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;

export async function documentDraftRoutes(app: App): Promise<void> {
  const route = routesOf(app, tags);
  const { db, now, config } = app.deps;

  route.getById(
    "/api/tool-instances/:id/draft",
    "El documento guiado de una herramienta: plantilla, borrador, avance y comentarios",
    DraftView,
    (id, user) => getDraftView(db, id, user),
  );

  route.put(
    "/api/tool-instances/:id/draft",
    "Guardar el borrador (equipo del municipio), con la revisión de la que partió: 409 draft_conflict si alguien guardó antes",
    { params: IdParams, body: SaveDocumentDraft, response: { 200: SavedDocumentDraft } },
    async (request) =>
      saveDraft(
        db,
        request.params.id,
        {
          content: request.body.content as DraftContent,
          expectedRevision: request.body.expectedRevision,
        },
        actingOf(request, now),
      ),
  );

  route.post(
    "/api/tool-instances/:id/draft/comments",
    "Comentar una sección del borrador (equipo del municipio)",
    { params: IdParams, body: NewDraftComment, response: { 201: DraftComment } },
    async (request, reply) => {
      const comment = await addComment(db, request.params.id, request.body, actingOf(request, now));
      return reply.code(201).send(comment);
    },
  );

  for (const format of ["docx", "pdf"] as const) {
    route.get(
      `/api/tool-instances/:id/draft/${format}`,
      `El borrador en ${format.toUpperCase()}, para su aprobación formal`,
      { params: IdParams },
      async (request, reply) => {
        const { printed, fileName } = await exportDraft(
          db,
          request.params.id,
          format,
          actingOf(request, now),
        );
        const body =
          format === "docx" ? await (await docxModule()).draftDocx(printed) : draftPdf(printed);
        return reply
          .type(MIME[format])
          .header("content-disposition", `attachment; filename="${fileName}"`)
          .header("x-content-type-options", "nosniff")
          .send(body);
      },
    );
  }

  route.getById(
    "/api/tool-instances/:id/trainings",
    "El registro de capacitaciones impartidas de un ciclo de R2 o R3, con sus totales",
    TrainingRegister,
    (id, user) => getTrainingRegister(db, id, user),
  );

  route.post(
    "/api/tool-instances/:id/trainings",
    "Registrar una capacitación impartida (equipo del municipio)",
    { params: IdParams, body: NewTrainingSession, response: { 201: TrainingRegister } },
    async (request, reply) => {
      const acting = actingOf(request, now);
      await recordTraining(db, request.params.id, request.body, acting);
      return reply.code(201).send(await getTrainingRegister(db, request.params.id, acting.user));
    },
  );

  route.put(
    "/api/trainings/:id",
    "Corregir una capacitación del registro (equipo del municipio)",
    { params: IdParams, body: NewTrainingSession, response: { 200: TrainingRegister } },
    async (request) => {
      const acting = actingOf(request, now);
      const instanceId = await correctTraining(db, request.params.id, request.body, acting);
      return getTrainingRegister(db, instanceId, acting.user);
    },
  );

  route.delete(
    "/api/trainings/:id",
    "Quitar del registro una capacitación anotada por error (equipo del municipio)",
    { params: IdParams, response: { 200: TrainingRegister } },
    async (request) => {
      const acting = actingOf(request, now);
      const instanceId = await removeTraining(db, request.params.id, acting);
      return getTrainingRegister(db, instanceId, acting.user);
    },
  );

  route.getById(
    "/api/tool-instances/:id/consultation",
    "La consulta pública del informe de M3: enlace y todos los comentarios",
    InstanceConsultation,
    (id, user) => getInstanceConsultation(db, id, user, config.publicUrl),
  );

  route.post(
    "/api/tool-instances/:id/consultation",
    "Abrir la consulta pública sobre el borrador guardado del informe (enlace)",
    { params: IdParams, response: { 201: InstanceConsultation } },
    async (request, reply) => {
      const acting = actingOf(request, now);
      await openConsultation(db, request.params.id, acting);
      return reply
        .code(201)
        .send(await getInstanceConsultation(db, request.params.id, acting.user, config.publicUrl));
    },
  );

  route.post(
    "/api/tool-instances/:id/consultation/close",
    "Cerrar la consulta pública: ya no recibe comentarios (enlace)",
    { params: IdParams, response: { 200: InstanceConsultation } },
    async (request) => {
      const acting = actingOf(request, now);
      await closeConsultation(db, request.params.id, acting);
      return getInstanceConsultation(db, request.params.id, acting.user, config.publicUrl);
    },
  );

  route.put(
    "/api/consultation-comments/:id",
    "Publicar (con respuesta pública) o no publicar un comentario ciudadano (enlace)",
    {
      params: IdParams,
      body: ModerateConsultationComment,
      response: { 200: InstanceConsultation },
    },
    async (request) => {
      const acting = actingOf(request, now);
      const instanceId = await moderateComment(db, request.params.id, request.body, acting);
      return getInstanceConsultation(db, instanceId, acting.user, config.publicUrl);
    },
  );

  getByPublicToken(
    app,
    "/api/public/consultations/:token",
    {
      summary: "El informe sometido a consulta y los comentarios publicados con su respuesta",
      params: TokenParams,
      response: { 200: PublicConsultation },
    },
    (token) => getPublicConsultation(db, token),
  );

  app.post(
    "/api/public/consultations/:token/comments",
    {
      schema: {
        tags: ["Público"],
        summary: "Comentar el informe sometido a consulta (sin cuenta; se publica tras moderarse)",
        description:
          "400 validation_error nombra el campo; 404 si el enlace no existe; 409 consultation_closed si ya cerró; 429 si se excede el límite por dirección.",
        params: TokenParams,
        body: NewConsultationComment,
        response: { 201: z.object({ ok: z.literal(true), message: z.string() }) },
      },
      config: publicSubmissionLimit(config.surveyMaxPerAddress, "demasiados comentarios"),
    },
    async (request, reply) => {
      await commentOnConsultation(
        db,
        { token: request.params.token, ...request.body },
        actorOf(request),
        now(),
      );
      reply.code(201);
      return { ok: true as const, message: CONSULTATION_RECEIVED_MESSAGE };
    },
  );

  await registerConsultationPage(app);
}
