/**
 * The one way a module declares its routes: `const route = routesOf(app, tags)` once, then each
 * route as `route.post(url, summary, { params, body, response }, handler, can?)`. Every operation
 * of the module is filed under its tags in the OpenAPI document, with the summary it is given; a
 * route given the policy `can` answers 401 without a session and 403 to whom it refuses before
 * its handler runs (as `getById` does).
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type {
  FastifyBaseLogger,
  FastifyRequest,
  FastifySchema,
  HTTPMethods,
  RouteGenericInterface,
  RouteHandlerMethod,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "../../contracts/zod.js";
import type { Subject } from "../../domain/policy.js";
import type { AuthUser } from "../plugins/auth.js";
import type { App } from "../types.js";
import { downloadById, getById } from "./id-routes.js";
import { getOfMunicipality, municipalityPdf } from "./routes.js";
import { authorize } from "./scope.js";

/** What an operation declares besides its tags and summary: its schemas and description. */
type Operation = Omit<FastifySchema, "tags" | "summary">;

/** A handler typed by the route's schemas, as Fastify types the handlers it is given. */
type Handler<S extends Operation> = RouteHandlerMethod<
  Server,
  IncomingMessage,
  ServerResponse,
  RouteGenericInterface,
  unknown,
  S,
  ZodTypeProvider,
  FastifyBaseLogger
>;

/**
 * The routes of the module `app` is registering, each filed under `tags`: any route, and the
 * shapes many modules share (`lib/routes.ts`, `lib/id-routes.ts`), given their 200 schema.
 */
export function routesOf(app: App, tags: string[]) {
  const declare =
    (method: HTTPMethods) =>
    <S extends Operation>(
      url: string,
      summary: string,
      schema: S,
      handler: Handler<S>,
      can?: (subject: Subject) => boolean,
    ) => {
      const allowed: Handler<S> = can
        ? function (request, reply) {
            authorize(request, can);
            return handler.call(this, request, reply);
          }
        : handler;
      app.route({ method, url, schema: { tags, summary, ...schema }, handler: allowed });
    };
  return {
    get: declare("GET"),
    post: declare("POST"),
    put: declare("PUT"),
    patch: declare("PATCH"),
    delete: declare("DELETE"),
    getOfMunicipality: <T extends z.ZodType>(
      url: string,
      summary: string,
      response: T,
      read: (cvegeo: string, request: FastifyRequest) => Promise<z.output<T>>,
      subject?: string,
    ) => getOfMunicipality(app, url, { tags, summary, response: { 200: response } }, read, subject),
    getById: <T extends z.ZodType>(
      url: string,
      summary: string,
      response: T,
      read: (id: string, user: AuthUser) => Promise<z.output<T>>,
      can?: (subject: Subject) => boolean,
    ) => getById(app, url, { tags, summary, response: { 200: response } }, read, can),
    municipalityPdf: (url: string, summary: string, build: Parameters<typeof municipalityPdf>[3]) =>
      municipalityPdf(app, url, { tags, summary }, build),
    downloadById: (url: string, summary: string, open: Parameters<typeof downloadById>[3]) =>
      downloadById(app, url, { tags, summary }, open),
  };
}
