import { IdParams } from "../../../contracts/common.js";
import {
  ModelVersionDetail,
  ModelVersionSummary,
  PublishedModel,
  SaveDraftRequest,
} from "../../../contracts/model.js";
import { z } from "../../../contracts/zod.js";
import { canAdminister } from "../../../domain/policy.js";
import { routesOf } from "../../lib/operations.js";
import { authorize } from "../../lib/scope.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getPublishedModel, getVersionDetail, listVersions } from "./queries.js";
import { createDraft, discardDraft, publishDraft, saveDraft } from "./service.js";

const tags = ["modelo"];

export async function modelRoutes(app: App): Promise<void> {
  const route = routesOf(app, tags);
  const { db } = app.deps;

  route.get(
    "/api/model",
    "El modelo publicado en vigor (público)",
    { response: { 200: PublishedModel } },
    async () => getPublishedModel(db),
  );

  route.get(
    "/api/model/versions",
    "Todas las versiones, con borradores",
    { response: { 200: z.array(ModelVersionSummary) } },
    async () => listVersions(db),
    canAdminister,
  );

  route.getById(
    "/api/model/versions/:id",
    "Una versión con su contenido",
    ModelVersionDetail,
    (id) => getVersionDetail(db, id),
    canAdminister,
  );

  route.post(
    "/api/model/versions",
    "Crear un borrador a partir del modelo vigente",
    { response: { 201: ModelVersionDetail } },
    async (request, reply) => {
      const id = await createDraft(db, actorOf(request));
      reply.code(201);
      return getVersionDetail(db, id);
    },
    canAdminister,
  );

  app.put(
    "/api/model/versions/:id",
    {
      schema: {
        tags,
        summary: "Guardar el contenido de un borrador",
        params: IdParams,
        body: SaveDraftRequest,
        response: { 200: ModelVersionDetail },
      },
      bodyLimit: 2 * 1024 * 1024,
    },
    async (request) => {
      authorize(request, canAdminister);
      await saveDraft(
        db,
        request.params.id,
        request.body.content,
        request.body.expectedRevision,
        actorOf(request),
      );
      return getVersionDetail(db, request.params.id);
    },
  );

  route.post(
    "/api/model/versions/:id/publish",
    "Publicar un borrador",
    { params: IdParams, response: { 200: ModelVersionDetail } },
    async (request) => {
      await publishDraft(db, request.params.id, actorOf(request));
      return getVersionDetail(db, request.params.id);
    },
    canAdminister,
  );

  route.delete(
    "/api/model/versions/:id",
    "Descartar un borrador",
    { params: IdParams, response: { 204: z.null() } },
    async (request, reply) => {
      await discardDraft(db, request.params.id, actorOf(request));
      return reply.code(204).send(null);
    },
    canAdminister,
  );
}
