import fastifyHelmet, { type FastifyHelmetOptions } from "@fastify/helmet";
import Fastify, { type FastifyInstance } from "fastify";

// What a response carries anyway: not the security headers' business.
const NOT_SECURITY = new Set([
  "content-type",
  "content-length",
  "date",
  "connection",
  "keep-alive",
]);

/**
 * The headers @fastify/helmet adds with these options, worked out once: the plugin rebuilds its
 * whole configuration on every request (a measurable share of a cached read), while the headers
 * never change. A throwaway Fastify with the plugin answers one request; its headers are kept.
 */
export async function helmetHeaders(
  options: FastifyHelmetOptions,
): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(fastifyHelmet, options);
  probe.get("/", async () => "");
  try {
    const response = await probe.inject({ method: "GET", url: "/" });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (!NOT_SECURITY.has(name) && value !== undefined) {
        headers[name] = String(value);
      }
    }
    return headers;
  } finally {
    await probe.close();
  }
}

/** Adds the security headers of `helmetHeaders` to every response, set before any route runs. */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: FastifyHelmetOptions,
): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
