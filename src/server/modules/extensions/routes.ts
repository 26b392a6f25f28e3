import { IdParams } from "../../../contracts/common.js";
import {
  DecideExtensionRequest,
  Extension,
  ExtensionQuery,
  RequestExtensionRequest,
} from "../../../contracts/extensions.js";
import { z } from "../../../contracts/zod.js";
import { canDecideExtension } from "../../../domain/policy.js";
import { routesOf } from "../../lib/operations.js";
import { authorize } from "../../lib/scope.js";
import { actorOf, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getExtension, instanceExtensions, listExtensions } from "./queries.js";
import { decideExtension, findScopedInstance, requestExtension } from "./service.js";

export async function extensionRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["prórrogas"]);
  const { db, now } = app.deps;

  route.get(
    "/api/extensions",
    "Solicitudes de prórroga de todos los municipios (personal)",
    { querystring: ExtensionQuery, response: { 200: z.array(Extension) } },
    async (request) => {
      const { user } = authorize(request, canDecideExtension);
      return listExtensions(db, user, request.query.status);
    },
  );

  route.get(
    "/api/tool-instances/:id/extensions",
    "Las solicitudes de prórroga de una herramienta del municipio, la más reciente primero",
    { params: IdParams, response: { 200: z.array(Extension) } },
    async (request) => {
      const { user } = requireUser(request);
      await findScopedInstance(db, request.params.id, user);
      return instanceExtensions(db, user, request.params.id);
    },
  );

  route.post(
    "/api/tool-instances/:id/extensions",
    "Solicitar una prórroga (enlace designado del municipio)",
    { params: IdParams, body: RequestExtensionRequest, response: { 201: Extension } },
    async (request, reply) => {
      const { user } = requireUser(request);
      const id = await requestExtension(db, request.params.id, request.body, {
        user,
        actor: actorOf(request),
        now: now(),
      });
      reply.code(201);
      return getExtension(db, user, id);
    },
  );

  route.post(
    "/api/extensions/:id/decision",
    "Aprobar (con la fecha pedida u otra) o rechazar una prórroga (personal)",
    { params: IdParams, body: DecideExtensionRequest, response: { 200: Extension } },
    async (request) => {
      const { user } = authorize(request, canDecideExtension);
      await decideExtension(db, request.params.id, request.body, {
        user,
        actor: actorOf(request),
        now: now(),
      });
      return getExtension(db, user, request.params.id);
    },
  );
}
