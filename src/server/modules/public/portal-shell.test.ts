import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTestApp } from "../../test/app.js";

/**
 * How the public home reaches a phone fast: the portal's pre-rendered first screen for visitors
 * without a session, and compressed copies of the built files, written by the build, sent as is.
 */
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-web-shell-"));
const PORTAL_HTML =
  '<!doctype html><html lang="es-MX"><div id="root" data-portal-shell=""><h1>Avance</h1></div></html>';
const SCRIPT = `console.log(${JSON.stringify("x".repeat(4000))});`;

function write(name: string, content: string): void {
  const file = path.join(webDir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content));
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content));
}

// The built files are written before the app (set up below) starts.
beforeAll(() => {
  write("index.html", '<!doctype html><html lang="es-MX"><div id="root"></div></html>');
  write("portal.html", PORTAL_HTML);
  write("assets/index-abc123.js", SCRIPT);
});
afterAll(() => fs.rmSync(webDir, { recursive: true, force: true }));
const ctx = setUpTestApp({ config: { webDir } });
const reviewer = ctx.session("reviewer");

/** A visitor's GET of `url` from a browser that accepts the `encodings` given. */
const getAccepting = (url: string, encodings: string) =>
  ctx.app.inject({ method: "GET", url, headers: { "accept-encoding": encodings } });

describe("the public home's HTML", () => {
  it("gives a visitor without a session the portal's pre-rendered first screen, never cached", async () => {
    const response = await ctx.get("/");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(response.body).toContain('data-portal-shell=""><h1>Avance</h1>');
    // Its first reads are asked for by its boot module once it has painted, not ahead of its
    // stylesheet (scripts/vite-portal-shell.ts).
    expect(response.headers.link).toBeUndefined();
  });

  it("gives a signed-in person the plain app, which shows their own home", async () => {
    const response = await ctx.get("/", reviewer);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('<!doctype html><html lang="es-MX"><div id="root"></div></html>');
    expect(response.headers.link).toContain("</api/auth/session>; rel=preload; as=fetch");
  });

  it("sends the brotli copy to browsers that accept it", async () => {
    const response = await getAccepting("/", "gzip, deflate, br");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(response.rawPayload).toString()).toBe(PORTAL_HTML);
  });
});

describe("the built scripts", () => {
  it("go out gzipped (precompressed by the build) with their real type and a year's cache", async () => {
    const response = await getAccepting("/assets/index-abc123.js", "gzip");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers["content-type"]).toContain("javascript");
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
    expect(zlib.gunzipSync(response.rawPayload).toString()).toBe(SCRIPT);
  });

  it("go out as they are to clients that accept no compression", async () => {
    const response = await getAccepting("/assets/index-abc123.js", "identity");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.body).toBe(SCRIPT);
  });
});
