import { IdParams } from "../../../contracts/common.js";
import {
  InstanceSurvey,
  OpenSurveyRequest,
  PublicSurvey,
  SetCommentVisibilityRequest,
  SurveyAnswerAccepted,
  SurveyAnswerRequest,
  SurveyLink,
  TokenParams,
} from "../../../contracts/surveys.js";
import { notFound } from "../../lib/errors.js";
import { routesOf } from "../../lib/operations.js";
import { getByPublicToken, publicSubmissionLimit } from "../../lib/routes.js";
import { actorOf, requireRole, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { posterPdf, qrPng, qrSvg } from "./files.js";
import { registerSurveyPage } from "./page.js";
import { getInstanceSurvey, getPublicSurvey, surveyPath } from "./queries.js";
import { answerSurvey, closeSurvey, openSurvey, setCommentHidden } from "./service.js";

const tags = ["encuestas"];
/** Remembers, per survey, that this browser answered (its random key, never an identity). */
const BROWSER_COOKIE = "mrtm_encuesta";

export async function surveyRoutes(app: App): Promise<void> {
  const route = routesOf(app, tags);
  const { db, blobs, config, now } = app.deps;
  const link = (token: string) => ({ token, url: `${config.publicUrl}${surveyPath(token)}` });

  route.post(
    "/api/tool-instances/:id/survey",
    "Abrir la encuesta de satisfacción del ciclo de M1 (enlace)",
    {
      description:
        "Cuestionario estándar del modelo más hasta 5 preguntas propias; devuelve el enlace público.",
      params: IdParams,
      body: OpenSurveyRequest,
      response: { 201: SurveyLink },
    },
    async (request, reply) => {
      const { user } = requireRole(request, "liaison");
      const survey = await openSurvey(
        db,
        {
          instanceId: request.params.id,
          ownQuestions: request.body?.ownQuestions ?? [],
          privacyNotice: request.body?.privacyNotice,
        },
        user,
        actorOf(request),
        now(),
      );
      reply.code(201);
      return link(survey.token);
    },
  );

  route.getById(
    "/api/tool-instances/:id/survey",
    "La encuesta de un ciclo de M1: resultados en vivo y comentarios",
    InstanceSurvey,
    (id, user) => getInstanceSurvey(db, id, user, config.publicUrl),
  );

  route.post(
    "/api/tool-instances/:id/survey/close",
    "Cerrar la encuesta y generar la evidencia de M1 (enlace)",
    {
      description:
        "Deja de recibir respuestas y agrega dos versiones de evidencia en borrador: el reporte de resultados (PDF) y las respuestas anónimas (XLSX).",
      params: IdParams,
      response: { 200: InstanceSurvey },
    },
    async (request) => {
      const { user } = requireRole(request, "liaison");
      await closeSurvey(
        db,
        blobs,
        {
          instanceId: request.params.id,
          publicUrl: config.publicUrl,
          maxBytes: config.maxUploadBytes,
          tempDir: config.uploadTempDir,
        },
        user,
        actorOf(request),
        now(),
      );
      return getInstanceSurvey(db, request.params.id, user, config.publicUrl);
    },
  );

  /** The survey's public link, for the QR and poster downloads; 404 before it opens. */
  const surveyUrl = async (request: Parameters<typeof requireUser>[0], id: string) => {
    const { user } = requireUser(request);
    const { survey, municipality } = await getInstanceSurvey(db, id, user, config.publicUrl);
    if (!survey) {
      throw notFound("Este ciclo de M1 no tiene encuesta.");
    }
    return { url: survey.url, cycle: survey.cycle, municipalityName: municipality.name };
  };

  // The QR in both formats; an SVG can hold script, so it is also marked never to be sniffed.
  const qrFormats = [
    { ext: "png", mime: "image/png", draw: qrPng },
    { ext: "svg", mime: "image/svg+xml", draw: qrSvg },
  ] as const;
  for (const { ext, mime, draw } of qrFormats) {
    route.get(
      `/api/tool-instances/:id/survey/qr.${ext}`,
      `Código QR del enlace público (${ext.toUpperCase()})`,
      { params: IdParams },
      async (request, reply) => {
        const { url, cycle } = await surveyUrl(request, request.params.id);
        reply
          .type(mime)
          .header(
            "content-disposition",
            `attachment; filename="encuesta-m1-ciclo-${cycle}-qr.${ext}"`,
          );
        if (ext === "svg") {
          reply.header("x-content-type-options", "nosniff");
        }
        return reply.send(await draw(url));
      },
    );
  }

  route.get(
    "/api/tool-instances/:id/survey/poster.pdf",
    "Cartel imprimible para la ventanilla, con el código QR (PDF)",
    { params: IdParams },
    async (request, reply) => {
      const { url, cycle, municipalityName } = await surveyUrl(request, request.params.id);
      const pdf = await posterPdf({ municipalityName, url });
      return reply
        .type("application/pdf")
        .header(
          "content-disposition",
          `attachment; filename="encuesta-m1-ciclo-${cycle}-cartel.pdf"`,
        )
        .send(pdf);
    },
  );

  route.put(
    "/api/survey-responses/:id/comment-visibility",
    "Ocultar un comentario de la vista pública, o mostrarlo de nuevo (enlace)",
    {
      description: "El comentario nunca se edita ni se borra; el cambio queda en la bitácora.",
      params: IdParams,
      body: SetCommentVisibilityRequest,
      response: { 200: InstanceSurvey },
    },
    async (request) => {
      const { user } = requireRole(request, "liaison");
      const instanceId = await setCommentHidden(
        db,
        request.params.id,
        request.body.hidden,
        user,
        actorOf(request),
        now(),
      );
      return getInstanceSurvey(db, instanceId, user, config.publicUrl);
    },
  );

  getByPublicToken(
    app,
    "/api/public/surveys/:token",
    {
      summary: "Las preguntas de una encuesta, para su formulario público",
      params: TokenParams,
      response: { 200: PublicSurvey },
    },
    (token) => getPublicSurvey(db, token),
  );

  app.post(
    "/api/public/surveys/:token/responses",
    {
      schema: {
        tags: ["Público"],
        summary: "Responder una encuesta (anónimo; una respuesta por navegador)",
        description:
          "400 validation_error nombra la pregunta; 404 si el enlace no existe; 409 survey_closed si ya cerró, survey_already_answered si este navegador ya respondió; 429 si se excede el límite por dirección.",
        params: TokenParams,
        body: SurveyAnswerRequest,
        response: { 201: SurveyAnswerAccepted },
      },
      config: publicSubmissionLimit(config.surveyMaxPerAddress, "demasiadas respuestas"),
    },
    async (request, reply) => {
      const cookie = request.cookies[BROWSER_COOKIE];
      const browserToken = await answerSurvey(
        db,
        {
          token: request.params.token,
          answers: request.body.answers,
          browserToken:
            request.body.browserToken ??
            (cookie && cookie.length >= 16 && cookie.length <= 128 ? cookie : undefined),
          website: request.body.website,
        },
        now(),
      );
      reply.setCookie(BROWSER_COOKIE, browserToken, {
        path: `/api/public/surveys/${request.params.token}`,
        httpOnly: true,
        sameSite: "strict",
        secure: request.protocol === "https",
        maxAge: 365 * 24 * 3600,
      });
      reply.code(201);
      return { ok: true as const, message: "¡Gracias! Su respuesta quedó registrada." };
    },
  );

  await registerSurveyPage(app);
}
