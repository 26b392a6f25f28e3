import { describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { errorOf, json, setUpTestApp } from "../test/app.js";

/** Warnings node printed while this file's apps were built (Fastify's deprecations among them). */
const warnings: Error[] = [];
process.on("warning", (warning) => warnings.push(warning));

const ctx = setUpTestApp();

/** A sign-in request whose body is `payload`, sent as `contentType`. */
const postLoginBody = (contentType: string, payload: string) =>
  ctx.app.inject({
    method: "POST",
    url: "/api/auth/login",
    headers: { "content-type": contentType },
    payload,
  });

describe("one error body everywhere", () => {
  it("answers an unknown API route with a JSON 404", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/no-existe" });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("application/json");
    expect(json(response)).toEqual({
      error: { code: "not_found", message: "La ruta solicitada no existe." },
    });
  });

  it("answers malformed JSON with 400 validation_error", async () => {
    const response = await postLoginBody("application/json", "{not json");
    expect(errorOf(response, 400)).toEqual({
      code: "validation_error",
      message: "El cuerpo de la petición no es JSON válido.",
    });
  });

  it("answers an unsupported content type with 415", async () => {
    const response = await postLoginBody("text/plain", "hola");
    expect(errorOf(response, 415)).toMatchObject({ code: "unsupported_media_type" });
  });

  it("logs a 5xx but never sends its details", async () => {
    const logged: string[] = [];
    const app = await buildApp(ctx.app.deps, {
      logger: { level: "error", stream: { write: (line: string) => void logged.push(line) } },
    });
    app.get("/api/falla", async () => {
      throw new Error("secreto: contraseña de la base de datos");
    });
    const response = await app.inject({ method: "GET", url: "/api/falla" });
    await app.close();
    expect(errorOf(response, 500)).toMatchObject({ code: "internal_error" });
    expect(response.body).not.toContain("secreto");
    expect(logged.join("\n")).toContain("secreto");
  });
});

describe("the access log", () => {
  it("writes one line per request, with its method, path, address, status and time", async () => {
    const logged: Record<string, unknown>[] = [];
    const app = await buildApp(ctx.app.deps, {
      logger: {
        level: "info",
        stream: { write: (line: string) => void logged.push(JSON.parse(line)) },
      },
    });
    const response = await app.inject({ method: "GET", url: "/api/health?x=1" });
    await app.close();
    expect(response.statusCode).toBe(200);
    const lines = logged.filter((line) => line.reqId !== undefined);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: "request completed",
      method: "GET",
      url: "/api/health?x=1",
      ip: "127.0.0.1",
      statusCode: 200,
    });
    expect(typeof lines[0]?.responseTime).toBe("number");
  });

  it("writes the very line pino writes for Fastify's request logger", async () => {
    const written: string[] = [];
    const app = await buildApp(ctx.app.deps, {
      logger: { level: "info", stream: { write: (line: string) => void written.push(line) } },
    });
    await app.inject({ method: "GET", url: '/api/health?q="comillas"\\y\u00f1' });
    const access = written.find((line) => line.includes('"request completed"')) ?? "";
    const { reqId, method, url, ip, statusCode, responseTime } = JSON.parse(access);
    app.log
      .child({ reqId })
      .info({ method, url, ip, statusCode, responseTime }, "request completed");
    await app.close();
    const byPino = written.at(-1) ?? "";
    // Two lines: the server's, then pino's for the same fields.
    expect(written.indexOf(access)).toBeLessThan(written.length - 1);
    const untimed = (line: string) => line.replace(/"time":\d+/, '"time":0');
    expect(untimed(access)).toBe(untimed(byPino));
  });

  it("writes no access line below `info`", async () => {
    const written: string[] = [];
    const app = await buildApp(ctx.app.deps, {
      logger: { level: "warn", stream: { write: (line: string) => void written.push(line) } },
    });
    const response = await app.inject({ method: "GET", url: "/api/health" });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(written.filter((line) => line.includes("request completed"))).toEqual([]);
  });

  it("turns Fastify's own request lines off without an option Fastify warns about at start", async () => {
    const app = await buildApp(ctx.app.deps, { logger: false });
    await app.close();
    // Node emits a warning on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((warning) => warning.name)).not.toContain("FastifyDeprecation");
  });
});

describe("GET /api/health", () => {
  it("reports the database engine in use", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/health" });
    expect(json(response)).toEqual({
      status: "ok",
      database: process.env.TEST_DATABASE_URL ? "postgres" : "pglite",
      preparingDemo: false,
    });
  });

  it("says while a first start is still writing the demo progress, for the pages to say so", async () => {
    let preparing = true;
    const app = await buildApp(
      { ...ctx.app.deps, preparingDemo: () => preparing },
      { logger: false },
    );
    try {
      const during = await app.inject({ method: "GET", url: "/api/health" });
      expect(json(during)).toMatchObject({ status: "ok", preparingDemo: true });
      preparing = false;
      const after = await app.inject({ method: "GET", url: "/api/health" });
      expect(json(after)).toMatchObject({ status: "ok", preparingDemo: false });
    } finally {
      await app.close();
    }
  });
});

describe("security headers", () => {
  it("sends a Content-Security-Policy that lets nothing run, frame-ancestors none and nosniff", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/health" });
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("GET /api/docs", () => {
  it("serves Swagger UI and an OpenAPI document generated from the zod schemas", async () => {
    const ui = await ctx.app.inject({ method: "GET", url: "/api/docs/" });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain("swagger");
    const spec = json<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>(await ctx.app.inject({ method: "GET", url: "/api/docs/json" }));
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/auth/login",
        "/api/model",
        "/api/municipalities",
        "/api/users",
      ]),
    );
    expect(JSON.stringify(spec.paths["/api/auth/login"]?.post?.requestBody)).toContain("email");
  });
});
