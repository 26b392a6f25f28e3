import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../test/app.js";

let ctx: TestContext;
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-web-"));

beforeAll(async () => {
  fs.mkdirSync(path.join(webDir, "assets"));
  fs.writeFileSync(
    path.join(webDir, "index.html"),
    '<!doctype html><html lang="es-MX"><div id="root"></div></html>',
  );
  fs.writeFileSync(path.join(webDir, "assets", "index-abc123.js"), "console.log('mrtm')");
  fs.writeFileSync(path.join(webDir, "assets", "index-abc123.js.map"), '{"sources":["App.tsx"]}');
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
});
