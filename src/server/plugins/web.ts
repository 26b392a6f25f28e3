import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "./auth.js";
import { sendNotFound } from "./errors.js";
import { assetFiles, type Encoded, isAssetName, sendEncoded } from "./web-assets.js";
import { appPages, builtHtml, pageReadsLink } from "./web-pages.js";

/**
 * Serves the built React app from the same process. Unknown non-API paths get index.html so that
 * client-side routes (/modelo, /usuarios…) survive a reload; unknown API paths get a JSON 404.
 */
export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const indexPath = path.join(webDir, "index.html");
  const hasWeb = fs.existsSync(indexPath);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      // Looked up per request, so a rebuild is served without restarting the server.
      wildcard: true,
      // "/" is the app itself; with wildcard lookups a bare directory would otherwise be a 403.
      index: "index.html",
      // The build writes .br and .gz beside each text asset (scripts/vite-precompress.ts).
      preCompressed: true,
      // Source maps stay on the server's disk (vite.config.ts): a request for one is a 404.
      allowedPath: (pathName) => !pathName.endsWith(".map"),
      setHeaders(reply, filePath) {
        // Vite fingerprints everything under assets/: safe to cache for a year.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header(
          "cache-control",
          immutable ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    });
  }
  if (hasWeb) {
    // The fingerprinted build files, from memory (plugins/web-assets.ts); what it does not know
    // (another kind of file) goes to the static files above, which refuse source maps.
    const assets = assetFiles(path.join(webDir, "assets"));
    app.get<{ Params: { "*": string } }>(
      "/assets/*",
      { schema: { hide: true } },
      async (request, reply) => {
        const name = request.params["*"];
        if (!isAssetName(name)) {
          return sendNotFound(reply);
        }
        return (await assets.send(request, reply, name)) ? reply : reply.sendFile(`assets/${name}`);
      },
    );
  }
  // A visitor without a session gets the portal home with its first screen already rendered
  // (portal.html, written by the build: scripts/vite-portal-shell.ts), so the text paints before
  // the JavaScript runs. Signed-in people get the plain app, which shows their own home.
  const pages = appPages(webDir);
  const portalHtml = builtHtml(path.join(webDir, "portal.html"));
  const sendHtml = (
    request: FastifyRequest,
    reply: FastifyReply,
    html: Encoded | null,
    readsLink = true,
  ) => {
    if (!html) {
      return sendNotFound(reply);
    }
    if (readsLink) {
      const urlPath = request.url.split("?")[0] ?? "/";
      reply.header("link", pageReadsLink(urlPath, Boolean(request.cookies[SESSION_COOKIE])));
    }
    sendEncoded(request, reply, html, {
      type: "text/html; charset=utf-8",
      cacheControl: "no-cache",
    });
    return reply;
  };
  if (hasWeb) {
    app.get("/", { schema: { hide: true } }, (request, reply) => {
      const portal = request.cookies[SESSION_COOKIE] ? null : portalHtml();
      // The portal names its first reads itself, once its first screen has painted (its boot
      // module): in a Link header they would be asked for ahead of its stylesheet.
      return portal
        ? sendHtml(request, reply, portal, false)
        : sendHtml(request, reply, pages("/"));
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing asset (or a source map, never served) is a 404, not the app's page.
    const isPage =
      (request.method === "GET" || request.method === "HEAD") &&
      !request.url.startsWith("/api/") &&
      !request.url.startsWith("/assets/");
    if (hasWeb && isPage) {
      return sendHtml(request, reply, pages(request.url.split("?")[0] ?? "/"));
    }
    return sendNotFound(reply);
  });
}
