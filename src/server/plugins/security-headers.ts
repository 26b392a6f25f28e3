import fastifyHelmet, { type FastifyHelmetOptions } from "@fastify/helmet";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";

// What a response carries anyway: not the security headers' business.
const NOT_SECURITY = new Set([
  "content-type",
  "content-length",
  "date",
  "connection",
  "keep-alive",
]);

/**
 * What every answer that a browser does not render as a page carries (JSON, CSV, downloads,
 * images): the headers OWASP's REST Security Cheat Sheet lists for API responses. Nothing may load
 * or run in it, nothing may frame it, its type is not sniffed, and it is not readable from another
 * site. Helmet's other headers only mean something to a document (decision 0036); on the API's
 * small reads they cost the server and every client more than the body (issue 18).
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "cross-origin-resource-policy": "same-origin",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
});

const HSTS = "max-age=31536000; includeSubDomains";

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

/** A page, or a script that could run as a worker: the content a policy for documents governs. */
function isDocument(contentType: unknown): boolean {
  return (
    typeof contentType === "string" &&
    (contentType.startsWith("text/html") || contentType.includes("javascript"))
  );
}

/**
 * Sets the API's headers on every response before any route runs (a route may replace them, as
 * the framed previews do), and returns what completes a response once its type is known: helmet's
 * document headers for pages, where a route did not set its own, and HSTS behind TLS. The app
 * calls it from its one `onSend` hook.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: FastifyHelmetOptions,
): Promise<(request: FastifyRequest, reply: FastifyReply) => void> {
  const documentHeaders = Object.entries(await helmetHeaders(options));
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(API_SECURITY_HEADERS);
    done();
  });
  return (request, reply) => {
    if (request.protocol === "https") {
      reply.header("strict-transport-security", HSTS);
    }
    if (!isDocument(reply.getHeader("content-type"))) {
      return;
    }
    for (const [name, value] of documentHeaders) {
      const current = reply.getHeader(name);
      // Still the API's default (or unset): the page gets the document's. A route's own stays.
      if (current === undefined || current === API_SECURITY_HEADERS[name]) {
        reply.header(name, value);
      }
    }
  };
}
