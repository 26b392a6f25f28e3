import { IdParams } from "../../../contracts/common.js";
import {
  AnswerObservationRequest,
  ReviewRequest,
  ToolInstanceDetail,
} from "../../../contracts/participation.js";
import { routesOf } from "../../lib/operations.js";
import { requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { detailAfter } from "./detail-after.js";
import { getInstanceDetail } from "./queries.js";
import { answerObservation, reviewInstance, submitInstance } from "./service.js";

export async function reviewRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["revisión"]);
  const { db, now } = app.deps;

  route.get(
    "/api/tool-instances/:id",
    "Una herramienta del municipio con su evidencia e historial",
    { params: IdParams, response: { 200: ToolInstanceDetail } },
    async (request) => getInstanceDetail(db, request.params.id, requireUser(request).user, now()),
  );

  const thenDetail = detailAfter(app);

  route.post(
    "/api/tool-instances/:id/submit",
    "Enviar a revisión (solo el enlace)",
    { params: IdParams, response: { 200: ToolInstanceDetail } },
    async (request) =>
      thenDetail(request, (user, actor, at) =>
        submitInstance(db, request.params.id, user, actor, at),
      ),
  );

  route.post(
    "/api/tool-instances/:id/review",
    "Validar o devolver con observaciones (revisores y administradores)",
    { params: IdParams, body: ReviewRequest, response: { 200: ToolInstanceDetail } },
    async (request) =>
      thenDetail(request, (user, actor, at) =>
        reviewInstance(db, request.params.id, request.body, user, actor, at),
      ),
  );

  route.post(
    "/api/observations/:id/answer",
    "Responder una observación (municipio)",
    { params: IdParams, body: AnswerObservationRequest, response: { 200: ToolInstanceDetail } },
    async (request) =>
      thenDetail(request, (user, actor, at) =>
        answerObservation(db, request.params.id, request.body.answer, user, actor, at),
      ),
  );
}
