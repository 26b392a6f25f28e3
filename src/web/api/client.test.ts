/**
 * The API client over a stubbed `fetch`: what it sends (address, CSRF token, body) and how it
 * reads what comes back (data, the server's errors, anything else). Each test loads a fresh copy
 * of the module, since the client keeps the session's CSRF token.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionInfo } from "../../contracts/auth.js";

type Client = typeof import("./client");

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: string | undefined;
}

let client: Client;
let sent: Sent[];
let answers: Array<Response | Error>;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const session = (csrfToken: string): SessionInfo =>
  ({ user: { id: "u1", email: "ana@mrtm.test" }, csrfToken }) as unknown as SessionInfo;

const csrfFailed = () =>
  json(403, { error: { code: "csrf_failed", message: "Falta el token de seguridad." } });

beforeEach(async () => {
  sent = [];
  answers = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    sent.push({
      url,
      method: init.method ?? "GET",
      headers: init.headers as Record<string, string>,
      body: init.body,
      credentials: init.credentials,
    });
    const answer = answers.shift();
    if (!answer) {
      throw new Error(`no answer prepared for ${url}`);
    }
    if (answer instanceof Error) {
      throw answer;
    }
    return answer;
  });
  vi.resetModules();
  client = await import("./client");
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Signs in, so that the client holds `token`. */
async function signIn(token = "token-1") {
  answers.push(json(200, session(token)));
  await client.api.auth.login({ email: "ana@mrtm.test", password: "x" });
}

describe("reading", () => {
  it("asks for JSON on the same origin and returns the body", async () => {
    answers.push(json(200, { status: "ok", database: "pglite" }));
    await expect(client.api.health()).resolves.toEqual({ status: "ok", database: "pglite" });
    expect(sent[0]).toMatchObject({
      url: "/api/health",
      method: "GET",
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
  });

  it("leaves empty filters out of the address and encodes the rest", async () => {
    answers.push(json(200, { items: [], total: 0 }));
    await client.api.users.list({
      q: "lópez & hijos",
      role: undefined,
      active: "true",
      page: 2,
      pageSize: 25,
    });
    const url = new URL(sent[0]?.url ?? "", "http://localhost");
    expect(url.pathname).toBe("/api/users");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: "lópez & hijos",
      active: "true",
      page: "2",
      pageSize: "25",
    });
  });

  it("sends no query string when every filter is empty", async () => {
    answers.push(json(200, []));
    await client.api.municipalities.list("");
    expect(sent[0]?.url).toBe("/api/municipalities");
  });

  it("encodes identifiers in the path", async () => {
    answers.push(json(200, {}));
    await client.api.municipalities.get("15/106?x");
    expect(sent[0]?.url).toBe("/api/municipalities/15%2F106%3Fx");
  });

  it("never sends the CSRF token on a read", async () => {
    await signIn();
    answers.push(json(200, {}));
    await client.api.health();
    expect(sent[1]?.headers["x-csrf-token"]).toBeUndefined();
  });
});

describe("writing", () => {
  it("sends JSON with the token the sign-in gave", async () => {
    await signIn("token-1");
    answers.push(json(200, { ok: true }));
    await client.api.auth.changePassword({ currentPassword: "a", newPassword: "b" });
    expect(sent[1]).toMatchObject({
      method: "POST",
      url: "/api/auth/password",
      headers: { "content-type": "application/json", "x-csrf-token": "token-1" },
    });
    expect(JSON.parse(String(sent[1]?.body))).toEqual({ currentPassword: "a", newPassword: "b" });
  });

  it("sends an image as is, with its own type", async () => {
    await signIn();
    answers.push(json(200, {}));
    const logo = new Blob([new Uint8Array([0x89, 0x50])], { type: "image/png" });
    await client.api.institution.uploadLogo(logo);
    expect(sent[1]?.method).toBe("PUT");
    expect(sent[1]?.headers["content-type"]).toBe("image/png");
    expect(sent[1]?.body).toBe(logo);
  });

  it("returns nothing for 204 No Content", async () => {
    await signIn();
    answers.push(new Response(null, { status: 204 }));
    await expect(client.api.model.discard("v1")).resolves.toBeUndefined();
  });

  it("forgets the token on sign-out, even when the server does not answer", async () => {
    await signIn("token-1");
    answers.push(new Error("offline"));
    await expect(client.api.auth.logout()).rejects.toMatchObject({ code: "network_error" });
    answers.push(json(200, {}));
    await client.api.model.createDraft().catch(() => undefined);
    expect(sent[2]?.headers["x-csrf-token"]).toBeUndefined();
  });

  it("refreshes a stale token once and sends again", async () => {
    await signIn("token-viejo");
    answers.push(csrfFailed(), json(200, { session: session("token-nuevo") }), json(200, {}));
    await client.api.model.createDraft();
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      "POST /api/auth/login",
      "POST /api/model/versions",
      "GET /api/auth/session",
      "POST /api/model/versions",
    ]);
    expect(sent[1]?.headers["x-csrf-token"]).toBe("token-viejo");
    expect(sent[3]?.headers["x-csrf-token"]).toBe("token-nuevo");
  });

  it("gives up when there is no session to refresh the token from", async () => {
    await signIn();
    answers.push(csrfFailed(), json(200, { session: null }));
    await expect(client.api.model.createDraft()).rejects.toMatchObject({
      status: 403,
      code: "csrf_failed",
    });
    expect(sent).toHaveLength(3);
  });

  it("does not retry a refusal that is not about the token", async () => {
    await signIn();
    answers.push(json(403, { error: { code: "forbidden", message: "No tiene permiso." } }));
    await expect(client.api.model.createDraft()).rejects.toMatchObject({ code: "forbidden" });
    expect(sent).toHaveLength(2);
  });
});

describe("errors", () => {
  it("carry the server's code, Spanish message and field details", async () => {
    answers.push(
      json(400, {
        error: {
          code: "validation_failed",
          message: "Revise los datos.",
          details: [{ field: "email", message: "Escriba un correo válido." }],
        },
      }),
    );
    const error = await client.api.users
      .create({ email: "x", name: "Ana", role: "reviewer" } as never)
      .catch((e: unknown) => e);
    expect(client.isApiError(error)).toBe(true);
    if (!client.isApiError(error)) {
      return;
    }
    expect(error).toMatchObject({ status: 400, code: "validation_failed" });
    expect(error.message).toBe("Revise los datos.");
    expect(error.fieldMessage("email")).toBe("Escriba un correo válido.");
    expect(error.fieldMessage("name")).toBeUndefined();
  });

  it("name the status when a proxy answers instead of the server", async () => {
    answers.push(new Response("<html>Bad gateway</html>", { status: 502 }));
    await expect(client.api.health()).rejects.toMatchObject({
      status: 502,
      code: "internal_error",
      message: "El servidor respondió con un error inesperado (502). Inténtelo de nuevo.",
    });
    answers.push(new Response("", { status: 404 }));
    await expect(client.api.health()).rejects.toMatchObject({
      status: 404,
      code: "unexpected_response",
    });
  });

  it("say the server could not be reached when the network fails", async () => {
    answers.push(new TypeError("Failed to fetch"));
    await expect(client.api.health()).rejects.toMatchObject({
      status: 0,
      code: "network_error",
      message: "No se pudo conectar con el servidor. Revise su conexión e inténtelo de nuevo.",
    });
  });

  it("are not mistaken for other errors", () => {
    expect(client.isApiError(new Error("x"))).toBe(false);
    expect(client.isApiError(new client.ApiError(409, "conflict", "Ya existe."))).toBe(true);
  });
});
