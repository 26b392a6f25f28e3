import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * The built app's fingerprinted files (`dist/web/assets`), answered from memory.
 *
 * A page of the signed-in app loads 40-odd small chunks through the browser's six connections.
 * Through @fastify/static each one cost several file-system calls (the `.br` and `.gz` lookups,
 * open, stat, a read stream) on libuv's four threads: ~450 requests a second on a busy machine,
 * against ~14,000 for the same bytes from memory (issue 19). A name under assets/ carries a hash of
 * its content, so its bytes never change: each file is read once, with its compressed copies
 * (scripts/vite-precompress.ts), and kept. A rebuild writes new names, read when first asked.
 */

/** The kinds of file the build writes under assets/; anything else is left to the static files. */
const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json; charset=utf-8",
};
/** A built file's name: no folder, no dot file, never a source map (they stay on the server). */
const ASSET_NAME = /^[\w-][\w.-]*$/;

/** Whether a name under assets/ may be sent at all (the static files get the other kinds). */
export const isAssetName = (name: string) => ASSET_NAME.test(name) && !name.endsWith(".map");
/** More than any build writes: past it (many rebuilds without a restart) the memory starts over. */
const MAX_BYTES = 64 * 1024 * 1024;

interface Variant {
  body: Buffer;
  etag: string;
}

/** A body with the compressed copies a client may take instead, each with its own ETag. */
export interface Encoded {
  identity: Variant;
  br?: Variant;
  gzip?: Variant;
}

interface Asset extends Encoded {
  type: string;
}

type Encoding = "br" | "gzip";

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.promises.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return undefined;
    }
    throw error;
  }
}

function variant(body: Buffer, suffix: string): Variant {
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 22);
  return { body, etag: `"${hash}${suffix}"` };
}

/** A body and its copies: those given (the build's), or made now (for small bodies only). */
export function encoded(body: Buffer, copies?: { br?: Buffer; gzip?: Buffer }): Encoded {
  const br = copies ? copies.br : zlib.brotliCompressSync(body);
  const gzip = copies ? copies.gzip : zlib.gzipSync(body, { level: 9 });
  return {
    identity: variant(body, ""),
    br: br && variant(br, "-br"),
    gzip: gzip && variant(gzip, "-gz"),
  };
}

/** The encoding to send: brotli, then gzip, when the client takes it and there is a copy. */
function pickEncoding(body: Encoded, acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) {
    return null;
  }
  const accepted = new Set(
    acceptEncoding
      .split(",")
      .map((part) => part.trim().split(";"))
      .filter(([, q]) => q === undefined || !/^q=0(?:\.0*)?$/.test(q.trim()))
      .map(([name = ""]) => name.toLowerCase()),
  );
  if (body.br && accepted.has("br")) {
    return "br";
  }
  if (body.gzip && accepted.has("gzip")) {
    return "gzip";
  }
  return null;
}

/** Sends the copy the client takes, or a 304 when it already has that copy. */
export function sendEncoded(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Encoded,
  headers: { type: string; cacheControl: string },
): void {
  const encoding = pickEncoding(body, request.headers["accept-encoding"]);
  const chosen = (encoding && body[encoding]) || body.identity;
  reply
    .header("content-type", headers.type)
    .header("cache-control", headers.cacheControl)
    .header("etag", chosen.etag);
  if (body.br || body.gzip) {
    reply.header("vary", "accept-encoding");
  }
  if (request.headers["if-none-match"] === chosen.etag) {
    reply.code(304).send();
    return;
  }
  if (encoding) {
    reply.header("content-encoding", encoding);
  }
  reply.send(chosen.body);
}

export interface AssetFiles {
  /**
   * Answers GET /assets/<name> from memory; false when it is no asset of the build. (A boolean,
   * not the reply: a reply is thenable, and awaiting it waits for the response to be sent.)
   */
  send(request: FastifyRequest, reply: FastifyReply, name: string): Promise<boolean>;
}

export function assetFiles(assetsDir: string): AssetFiles {
  const cache = new Map<string, Asset>();
  let cachedBytes = 0;

  async function load(name: string): Promise<Asset | null> {
    const type = TYPES[path.extname(name)];
    if (!type || !isAssetName(name)) {
      return null;
    }
    const file = path.join(assetsDir, name);
    const [identity, br, gzip] = await Promise.all([
      readIfPresent(file),
      readIfPresent(`${file}.br`),
      readIfPresent(`${file}.gz`),
    ]);
    if (!identity) {
      return null;
    }
    const asset: Asset = { type, ...encoded(identity, { br, gzip }) };
    const size = (identity?.length ?? 0) + (br?.length ?? 0) + (gzip?.length ?? 0);
    if (cachedBytes + size > MAX_BYTES) {
      cache.clear();
      cachedBytes = 0;
    }
    cache.set(name, asset);
    cachedBytes += size;
    return asset;
  }

  return {
    async send(request, reply, name) {
      const asset = cache.get(name) ?? (await load(name));
      if (!asset) {
        return false;
      }
      sendEncoded(request, reply, asset, {
        type: asset.type,
        cacheControl: "public, max-age=31536000, immutable",
      });
      return true;
    },
  };
}
