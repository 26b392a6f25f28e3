/**
 * The one way a module declares its routes: `const route = routesOf(app, tags)` once, then each
 * route as `route.post(url, summary, { params, body, response }, handler)`. Every operation of the
 * module is filed under its tags in the OpenAPI document, with the summary it is given.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type {
  FastifyBaseLogger,
  FastifySchema,
  HTTPMethods,
  RouteGenericInterface,
  RouteHandlerMethod,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { App } from "../types.js";

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

/** The routes of the module `app` is registering, each filed under `tags`. */
export function routesOf(app: App, tags: string[]) {
  const declare =
    (method: HTTPMethods) =>
    <S extends Operation>(url: string, summary: string, schema: S, handler: Handler<S>) => {
      app.route({ method, url, schema: { tags, summary, ...schema }, handler });
    };
  return {
    get: declare("GET"),
    post: declare("POST"),
    put: declare("PUT"),
    patch: declare("PATCH"),
    delete: declare("DELETE"),
  };
}
