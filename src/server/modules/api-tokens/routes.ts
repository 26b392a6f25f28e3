import { ApiToken, ApiTokenCreated, CreateApiTokenRequest } from "../../../contracts/api-tokens.js";
import { IdParams } from "../../../contracts/common.js";
import { z } from "../../../contracts/zod.js";
import { actorOf, requireSession } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { listApiTokens } from "./queries.js";
import { createApiToken, revokeApiToken } from "./service.js";

const tags = ["autenticación"];
const security = [{ session: [] }];

/** The signed-in person's API tokens. Only a browser session manages them, never a token. */
export async function apiTokenRoutes(app: App): Promise<void> {
  const { db, now } = app.deps;

  app.get(
    "/api/auth/tokens",
    {
      schema: {
        tags,
        security,
        summary: "Mis tokens de API (sin el secreto)",
        response: { 200: z.array(ApiToken) },
      },
    },
    async (request) => {
      const { user } = requireSession(request);
      return listApiTokens(db, user.id, now());
    },
  );

  app.post(
    "/api/auth/tokens",
    {
      schema: {
        tags,
        security,
        summary: "Crear un token de API (el secreto se muestra solo en esta respuesta)",
        body: CreateApiTokenRequest,
        response: { 201: ApiTokenCreated },
      },
    },
    async (request, reply) => {
      const { user } = requireSession(request);
      const created = await createApiToken(db, {
        user,
        name: request.body.name,
        scope: request.body.scope,
        expiresInDays: request.body.expiresInDays,
        actor: actorOf(request),
        now: now(),
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    "/api/auth/tokens/:id",
    {
      schema: {
        tags,
        security,
        summary: "Revocar uno de mis tokens de API",
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { user } = requireSession(request);
      await revokeApiToken(db, {
        user,
        id: request.params.id,
        actor: actorOf(request),
        now: now(),
      });
      return reply.code(204).send(null);
    },
  );
}
