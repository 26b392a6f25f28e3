import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
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

interface Asset {
  type: string;
  identity: Variant;
  br?: Variant;
  gzip?: Variant;
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

function variant(body: Buffer | undefined, suffix: string): Variant | undefined {
  if (!body) {
    return undefined;
  }
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 22);
  return { body, etag: `"${hash}${suffix}"` };
}

/** The encoding to send: brotli, then gzip, when the client takes it and the build wrote it. */
function pickEncoding(asset: Asset, acceptEncoding: string | undefined): Encoding | null {
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
  if (asset.br && accepted.has("br")) {
    return "br";
  }
  if (asset.gzip && accepted.has("gzip")) {
    return "gzip";
  }
  return null;
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
    const plain = variant(identity, "");
    if (!plain) {
      return null;
    }
    const asset: Asset = {
      type,
      identity: plain,
      br: variant(br, "-br"),
      gzip: variant(gzip, "-gz"),
    };
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
      const encoding = pickEncoding(asset, request.headers["accept-encoding"]);
      const chosen = (encoding && asset[encoding]) || asset.identity;
      reply
        .header("content-type", asset.type)
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("etag", chosen.etag);
      if (asset.br || asset.gzip) {
        reply.header("vary", "accept-encoding");
      }
      if (request.headers["if-none-match"] === chosen.etag) {
        reply.code(304).send();
        return true;
      }
      if (encoding) {
        reply.header("content-encoding", encoding);
      }
      reply.send(chosen.body);
      return true;
    },
  };
}
