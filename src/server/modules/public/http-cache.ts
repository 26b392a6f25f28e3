import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip, gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * A public response body prepared once and served many times: its bytes, a gzipped copy and an
 * ETag. Public endpoints are read by everyone and change only when progress changes, so they are
 * built once per data stamp and then cost a hash lookup and a write.
 */
export interface PreparedBody {
  type: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

export function prepareBody(content: string | Buffer, type: string): PreparedBody {
  const body = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return { type, body, gzip: gzipSync(body, GZIP), etag: etagOf(body) };
}

/**
 * The same, compressed off the event loop (the thread pool): for bodies of megabytes built in
 * the background while requests are served.
 */
export async function prepareLargeBody(content: string, type: string): Promise<PreparedBody> {
  const body = Buffer.from(content, "utf8");
  return { type, body, gzip: await gzipAsync(body, GZIP), etag: etagOf(body) };
}

const GZIP = { level: 6 };
const gzipAsync = promisify(gzip);

function etagOf(body: Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** `public, max-age=60`: a minute of staleness is the price of serving thousands of visitors. */
export const PUBLIC_MAX_AGE = 60;

/** Whether the request's If-None-Match names this ETag (weak or strong, or `*`). */
export function matchesEtag(request: FastifyRequest, etag: string): boolean {
  const header = request.headers["if-none-match"];
  if (!header) {
    return false;
  }
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === etag || tag === "*");
}

/**
 * Sends a prepared body with its ETag and public caching: 304 when the client already has it,
 * gzip when the client accepts it.
 */
export function sendPrepared(
  request: FastifyRequest,
  reply: FastifyReply,
  prepared: PreparedBody,
  options: { maxAge?: number; disposition?: string } = {},
): FastifyReply {
  reply
    .header("cache-control", `public, max-age=${options.maxAge ?? PUBLIC_MAX_AGE}`)
    .header("etag", prepared.etag)
    .header("vary", "accept-encoding");
  if (options.disposition) {
    reply.header("content-disposition", options.disposition);
  }
  if (matchesEtag(request, prepared.etag)) {
    return reply.code(304).send();
  }
  reply.type(prepared.type);
  if (/\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) {
    return reply.header("content-encoding", "gzip").send(prepared.gzip);
  }
  return reply.send(prepared.body);
}
