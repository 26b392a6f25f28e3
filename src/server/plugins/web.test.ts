import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../test/app.js";

let ctx: TestContext;
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-web-"));

beforeAll(async () => {
  fs.mkdirSync(path.join(webDir, "assets"));
  fs.writeFileSync(
    path.join(webDir, "index.html"),
    '<!doctype html><html lang="es-MX"><head><title>MRTM</title></head><div id="root"></div></html>',
  );
  fs.writeFileSync(
    path.join(webDir, "route-preloads.json"),
    JSON.stringify([
      {
        path: "/municipios/:cvegeo",
        scripts: ["/assets/Page-aa1.js", "/assets/shared-bb2.js"],
        styles: ["/assets/Page-aa1.css"],
      },
      { path: "/municipios/:cvegeo/diagnostico", scripts: ["/assets/Diag-cc3.js"], styles: [] },
      { path: "/acompanamiento/:id", scripts: ["/assets/Action-dd4.js"], styles: [] },
      { path: "/acompanamiento/nueva", scripts: ["/assets/New-ee5.js"], styles: [] },
      {
        path: "/raro",
        scripts: ['/assets/x.js"><script>alert(1)</script>', "https://evil.test/x.js"],
        styles: [],
      },
    ]),
  );
  fs.writeFileSync(path.join(webDir, "assets", "index-abc123.js"), "console.log('mrtm')");
  fs.writeFileSync(path.join(webDir, "assets", "index-abc123.js.map"), '{"sources":["App.tsx"]}');
  const chunk = "export const big = 1;\n".repeat(100);
  fs.writeFileSync(path.join(webDir, "assets", "chunk-ff00aa.js"), chunk);
  fs.writeFileSync(path.join(webDir, "assets", "chunk-ff00aa.js.gz"), zlib.gzipSync(chunk));
  fs.writeFileSync(
    path.join(webDir, "assets", "chunk-ff00aa.js.br"),
    zlib.brotliCompressSync(chunk),
  );
  fs.writeFileSync(
    path.join(webDir, "assets", "logo-77.webp"),
    Buffer.from([0x52, 0x49, 0x46, 0x46]),
  );
  ctx = await createTestContext({ webDir });
});
afterAll(async () => {
  await ctx.app.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe("the web app served by the API process", () => {
  it("serves the app at / and at every client route, never cached", async () => {
    for (const url of ["/", "/modelo", "/municipios/15106/diagnostico"]) {
      const response = await ctx.app.inject({ method: "GET", url });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("text/html");
      expect(response.body).toContain('<div id="root">');
      expect(response.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("serves fingerprinted assets with a year's cache, and unknown API paths as JSON 404", async () => {
    const asset = await ctx.app.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toContain("immutable");
    const api = await ctx.app.inject({ method: "GET", url: "/api/no-existe" });
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/json");
  });

  it("never sends a source map, and answers a missing asset with 404 rather than the app", async () => {
    for (const url of ["/assets/index-abc123.js.map", "/assets/no-existe.js"]) {
      const response = await ctx.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain("App.tsx");
      expect(response.body).not.toContain('<div id="root">');
    }
  });

  it("serves files written after the server started (a rebuild needs no restart)", async () => {
    fs.writeFileSync(path.join(webDir, "assets", "later-def456.js"), "1");
    expect(
      (await ctx.app.inject({ method: "GET", url: "/assets/later-def456.js" })).statusCode,
    ).toBe(200);
  });

  it("sends each asset's compressed copy the client takes, with its own ETag and a 304", async () => {
    const chunk = "export const big = 1;\n".repeat(100);
    const asked = async (acceptEncoding?: string) =>
      ctx.app.inject({
        method: "GET",
        url: "/assets/chunk-ff00aa.js",
        headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {},
      });
    const br = await asked("gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(chunk);
    const gzip = await asked("gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(chunk);
    const refused = await asked("br;q=0, gzip;q=0");
    const plain = await asked();
    for (const response of [refused, plain]) {
      expect(response.headers["content-encoding"]).toBeUndefined();
      expect(response.body).toBe(chunk);
    }
    for (const response of [br, gzip, plain]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("application/javascript; charset=utf-8");
      expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(response.headers.vary).toBe("accept-encoding");
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
    }
    expect(new Set([br, gzip, plain].map((r) => r.headers.etag)).size).toBe(3);
    const again = await ctx.app.inject({
      method: "GET",
      url: "/assets/chunk-ff00aa.js",
      headers: { "accept-encoding": "br", "if-none-match": String(br.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });

  it("leaves other kinds of file to the static files and refuses paths out of assets/", async () => {
    const image = await ctx.app.inject({ method: "GET", url: "/assets/logo-77.webp" });
    expect(image.statusCode).toBe(200);
    expect(image.rawPayload).toEqual(Buffer.from([0x52, 0x49, 0x46, 0x46]));
    for (const url of ["/assets/%2e%2e%2findex.html", "/assets/.hidden.js"]) {
      const response = await ctx.app.inject({ method: "GET", url });
      expect(response.body, url).not.toContain('<div id="root">');
    }
  });

  it("names a page's code in the HTML of its route, so the browser fetches it with the entry", async () => {
    const html = async (url: string) => (await ctx.app.inject({ method: "GET", url })).body;
    const page = await html("/municipios/15106?estado=pendiente");
    expect(page).toContain('<link rel="stylesheet" crossorigin href="/assets/Page-aa1.css">');
    expect(page).toContain('<link rel="modulepreload" crossorigin href="/assets/Page-aa1.js">');
    expect(page).toContain('<link rel="modulepreload" crossorigin href="/assets/shared-bb2.js">');
    expect(page.indexOf("modulepreload")).toBeLessThan(page.indexOf("</head>"));
    expect(page).not.toContain("Diag-cc3");
    const diagnostic = await html("/municipios/15106/diagnostico");
    expect(diagnostic).toContain('href="/assets/Diag-cc3.js"');
    expect(diagnostic).not.toContain("Page-aa1");
    // A fixed segment wins over a parameter.
    expect(await html("/acompanamiento/nueva")).toContain("New-ee5");
    expect(await html("/acompanamiento/nueva")).not.toContain("Action-dd4");
    expect(await html("/acompanamiento/1f0c")).toContain("Action-dd4");
    for (const url of ["/modelo", "/municipios", "/municipios/15106/otra/cosa"]) {
      expect(await html(url), url).not.toContain("modulepreload");
    }
    const compressed = await ctx.app.inject({
      method: "GET",
      url: "/municipios/15106",
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(compressed.headers["content-encoding"]).toBe("br");
    expect(compressed.headers["cache-control"]).toBe("no-cache");
    expect(zlib.brotliDecompressSync(compressed.rawPayload).toString()).toBe(page);
    const again = await ctx.app.inject({
      method: "GET",
      url: "/municipios/15106",
      headers: { "accept-encoding": "gzip, br", "if-none-match": String(compressed.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    // Only built files are named, whatever the list says.
    const odd = await html("/raro");
    expect(odd).not.toContain("<script>");
    expect(odd).not.toContain("evil.test");
  });

  it("names a page's first API reads in a Link header, its own only with a session cookie", async () => {
    const links = async (url: string, cookie?: string) => {
      const response = await ctx.app.inject({
        method: "GET",
        url,
        headers: cookie ? { cookie: `mrtm_session=${cookie}` } : {},
      });
      expect(response.statusCode).toBe(200);
      return String(response.headers.link)
        .split(", ")
        .map((link) => {
          expect(link).toMatch(/^<[^<>\s]+>; rel=preload; as=fetch; crossorigin$/);
          return link.slice(1, link.indexOf(">"));
        });
    };
    const everyPage = ["/api/auth/session", "/api/institution"];
    expect(await links("/")).toEqual(everyPage);
    expect(await links("/municipios/15106")).toEqual(everyPage);
    expect(await links("/municipios/15106?estado=pendiente", "s1")).toEqual([
      ...everyPage,
      "/api/municipalities/15106/tools",
      "/api/municipalities/15106/dashboard",
      "/api/commitments?municipality=15106&status=open&pageSize=3",
      "/api/municipalities",
    ]);
    const id = "0b7f4c1e-5d7a-4a57-9a53-2f1e8f0c9d11";
    expect(await links(`/herramientas/${id}`, "s1")).toEqual([
      ...everyPage,
      `/api/tool-instances/${id}`,
    ]);
    expect(await links(`/herramientas/${id}/documento`, "s1")).toEqual(everyPage);
    expect(await links("/municipios/15106/diagnostico", "s1")).toEqual(everyPage);
    expect(await links("/modelo", "s1")).toEqual(everyPage);
    // A segment that is not a plain key names nothing: no header can be written through it.
    for (const hostile of [
      "15106%3E%2C%20%3Chttps%3A%2F%2Fevil.test%3E",
      "a%0D%0Ab",
      "..%2F..%2Fapi",
    ]) {
      expect(await links(`/municipios/${hostile}`, "s1"), hostile).toEqual(everyPage);
    }
  });

  it("answers every client route with the current index.html, read again after a rebuild", async () => {
    const before = await ctx.app.inject({ method: "GET", url: "/municipios/15106" });
    expect(before.body).toContain('<div id="root">');
    const rebuilt = '<!doctype html><html lang="es-MX"><div id="root" data-build="2"></div></html>';
    fs.writeFileSync(path.join(webDir, "index.html"), rebuilt);
    fs.utimesSync(path.join(webDir, "index.html"), new Date(), new Date(Date.now() + 5_000));
    const after = await ctx.app.inject({ method: "GET", url: "/municipios/15106" });
    expect(after.body).toBe(rebuilt);
  });
});
