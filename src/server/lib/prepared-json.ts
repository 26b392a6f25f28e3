import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

const gzipAsync = promisify(gzip);

/**
 * A signed-in read's response, serialized and gzipped once per change of what it shows and then
 * sent as bytes (decision 0027): no serialization, no response validation, no compression per
 * request. Its schema stays in the route for OpenAPI, and tests parse it against that schema.
 */
export interface PreparedJson {
  body: Buffer;
  /**
   * Null while a large body is compressed in the thread pool: the first readers after a change
   * get it uncompressed rather than wait for the compression (issue 18: the regional ranking's
   * gzip took ~6 ms of the time a change took to show).
   */
  gzipped: Buffer | null;
  /** Weak: the same entity is sent identity- or gzip-encoded. */
  etag: string;
}

/** Bodies up to this size are sent compressed from the first reader on: a fraction of a millisecond. */
const COMPRESSED_AT_ONCE = 16 * 1024;

/** JSON bytes, their gzip (before the first reader when small, soon after when large), a weak ETag. */
export async function prepareJson(value: unknown): Promise<PreparedJson> {
  const body = Buffer.from(JSON.stringify(value));
  const prepared: PreparedJson = {
    body,
    gzipped: null,
    etag: `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
  };
  // In the thread pool either way: the event loop goes on serving meanwhile.
  const gzipped = gzipAsync(body).then((bytes) => {
    prepared.gzipped = bytes;
  });
  if (body.length <= COMPRESSED_AT_ONCE) {
    await gzipped;
  } else {
    // Should it fail, the body goes on being sent uncompressed.
    gzipped.catch(() => undefined);
  }
  return prepared;
}

/**
 * Sends a prepared signed-in body, `private, no-cache` (the browser asks each time; a 304 when it
 * has these bytes already), gzip when the client accepts it.
 */
export function sendPreparedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  prepared: PreparedJson,
): FastifyReply {
  reply
    .header("etag", prepared.etag)
    .header("cache-control", "private, no-cache")
    .header("vary", "accept-encoding");
  if (request.headers["if-none-match"] === prepared.etag) {
    return reply.code(304).send();
  }
  reply.type("application/json; charset=utf-8");
  if (prepared.gzipped !== null && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
    return reply.header("content-encoding", "gzip").send(prepared.gzipped);
  }
  return reply.send(prepared.body);
}
