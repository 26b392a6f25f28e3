import type { FastifyRequest } from "fastify";
import { IdParams } from "../../../contracts/common.js";
import {
  AnswerObservationRequest,
  ReviewRequest,
  ToolInstanceDetail,
} from "../../../contracts/participation.js";
import type { Actor } from "../../lib/audit.js";
import { routesOf } from "../../lib/operations.js";
import { type AuthUser, actorOf, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
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

  /**
   * What the three review steps share: the step runs as the signed-in user, and the answer is the
   * instance as the user now sees it: the one in the path, or the one whose id the step returns
   * (answering an observation).
   */
  const thenDetail = async (
    request: FastifyRequest & { params: { id: string } },
    step: (user: AuthUser, actor: Actor, at: Date) => Promise<unknown>,
  ) => {
    const { user } = requireUser(request);
    const named = await step(user, actorOf(request), now());
    return getInstanceDetail(
      db,
      typeof named === "string" ? named : request.params.id,
      user,
      now(),
    );
  };

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
