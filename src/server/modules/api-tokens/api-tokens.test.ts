import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiToken, ApiTokenCreated } from "../../../contracts/api-tokens.js";
import { API_TOKEN_MAX_ACTIVE } from "../../../domain/api-tokens.js";
import type { AuditAction } from "../../../domain/audit-events.js";
import { apiTokens, users } from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import {
  createTestContext,
  errorCode,
  json,
  setUpTestApp,
  type TestContext,
} from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { buildUser, createToken, type Session, signedIn, signIn } from "../../test/factories.js";
import { createUser } from "../users/service.js";

const ctx = setUpTestApp({ agreements: ["15106", "15054"] });
const admin = ctx.signedIn("admin");

const inject = (options: InjectOptions) => ctx.app.inject(options);

async function tokenRows(userId: string) {
  return ctx.handle.db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
}

/** Asks for a token of 30 days as `session`, for the tests that expect a refusal. */
const requestToken = (session: Session, name: string, scope: "read" | "write") =>
  ctx.send("POST", "/api/auth/tokens", session, { name, scope, expiresInDays: 30 });

function eventsOf(action: AuditAction, entityId: string) {
  return auditEventsOf(ctx.handle.db, action, { entityId });
}

/** An admin's change to an account, through the users API. */
async function patchUser(id: string, payload: Record<string, unknown>) {
  const response = await ctx.send("PATCH", `/api/users/${id}`, admin.session, payload);
  expect(response.statusCode, response.body).toBe(200);
}

describe("POST /api/auth/tokens", () => {
  it("returns the secret once, keeps only its SHA-256 and audits the creation", async () => {
    const { user, session } = await signedIn(ctx.app, "liaison");
    const response = await ctx.send("POST", "/api/auth/tokens", session, {
      name: "  Portal municipal  ",
      scope: "read",
      expiresInDays: 30,
    });
    expect(response.statusCode).toBe(201);
    const created = json<ApiTokenCreated>(response);
    expect(created.secret).toMatch(/^mrtm_[A-Za-z0-9_-]{43}$/);
    expect(created.token).toMatchObject({
      name: "Portal municipal",
      scope: "read",
      status: "active",
      hint: `mrtm_…${created.secret.slice(-4)}`,
      lastUsedAt: null,
      revokedAt: null,
    });
    const days =
      (Date.parse(created.token.expiresAt) - Date.parse(created.token.createdAt)) / 864e5;
    expect(days).toBe(30);

    const [row] = await tokenRows(user.id);
    expect(row?.tokenHash).toBe(createHash("sha256").update(created.secret).digest("hex"));
    expect(row).toMatchObject({ ownerRole: "liaison", ownerMunicipalityCvegeo: "15106" });

    const list = await ctx.get("/api/auth/tokens", session);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.secret);
    expect(list.body).not.toContain(row?.tokenHash);
    expect(json<ApiToken[]>(list)).toEqual([created.token]);

    const [event] = await eventsOf("api_token.created", created.token.id);
    expect(event).toMatchObject({
      actorId: user.id,
      entityType: "api_token",
      municipalityCvegeo: "15106",
      after: { name: "Portal municipal", scope: "read", expiresAt: created.token.expiresAt },
    });
    expect(JSON.stringify(event)).not.toContain(created.secret);
  });

  it("refuses a bad name, scope or expiry with 400 and the field, writing nothing", async () => {
    const { user, session } = await signedIn(ctx.app, "reviewer");
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "   ", scope: "read", expiresInDays: 30 }, "name"],
      [{ name: "x".repeat(81), scope: "read", expiresInDays: 30 }, "name"],
      [{ name: "CI", scope: "admin", expiresInDays: 30 }, "scope"],
      [{ name: "CI", scope: "write", expiresInDays: 0 }, "expiresInDays"],
      [{ name: "CI", scope: "write", expiresInDays: 366 }, "expiresInDays"],
      [{ name: "CI", scope: "write", expiresInDays: 1.5 }, "expiresInDays"],
      [{ name: "CI", scope: "write", expiresInDays: "30" }, "expiresInDays"],
    ];
    for (const [payload, field] of cases) {
      const response = await ctx.send("POST", "/api/auth/tokens", session, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorCode(response)).toBe("validation_error");
      expect(
        json<{ error: { details: { field: string }[] } }>(response).error.details[0]?.field,
      ).toBe(field);
    }
    expect(await tokenRows(user.id)).toEqual([]);
  });

  it(`allows ${API_TOKEN_MAX_ACTIVE} active tokens per person; revoking one makes room`, async () => {
    const { user, session } = await signedIn(ctx.app, "reviewer");
    const tokens = [];
    for (let i = 0; i < API_TOKEN_MAX_ACTIVE; i++) {
      tokens.push(await createToken(ctx.app, session, "read", { name: `T${i}` }));
    }
    const refused = await requestToken(session, "Uno más", "read");
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe("token_limit");
    expect(json<{ error: { message: string } }>(refused).error.message).toMatch(/revoque/);
    expect(await tokenRows(user.id)).toHaveLength(API_TOKEN_MAX_ACTIVE);

    // An expired token does not count either.
    await ctx.handle.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, tokens[0]?.id ?? ""));
    await createToken(ctx.app, session, "read", { name: "En lugar del vencido" });
    const revoked = await ctx.send("DELETE", `/api/auth/tokens/${tokens[1]?.id}`, session);
    expect(revoked.statusCode).toBe(204);
    await createToken(ctx.app, session, "read", { name: "En lugar del revocado" });
  });

  it("refuses a session with a temporary password (403 password_change_required)", async () => {
    const email = "temporal-token@prueba.mrtm.test";
    const { id, temporaryPassword } = await createUser(
      ctx.handle.db,
      { email, name: "Persona temporal", role: "reviewer", municipality: null },
      SYSTEM_ACTOR,
    );
    const session = await signIn(ctx.app, { email, password: temporaryPassword ?? "" });
    const response = await requestToken(session, "CI", "write");
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("password_change_required");
    expect(await tokenRows(id)).toEqual([]);
  });

  it("needs a signed-in session with its CSRF token", async () => {
    const anonymous = await inject({
      method: "POST",
      url: "/api/auth/tokens",
      payload: { name: "CI", scope: "write", expiresInDays: 30 },
    });
    expect(anonymous.statusCode).toBe(401);
    const { session } = await signedIn(ctx.app, "reviewer");
    const noCsrf = await inject({
      method: "POST",
      url: "/api/auth/tokens",
      headers: { cookie: session.cookie },
      payload: { name: "CI", scope: "write", expiresInDays: 30 },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(errorCode(noCsrf)).toBe("csrf_failed");
  });
});

describe("DELETE /api/auth/tokens/:id", () => {
  it("revokes the caller's own token (audited): it answers 401 from then on", async () => {
    const { session } = await signedIn(ctx.app, "collaborator");
    const token = await createToken(ctx.app, session, "write", { name: "Hoja de cálculo" });
    expect(
      (await inject({ method: "GET", url: "/api/auth/me", headers: token.headers })).statusCode,
    ).toBe(200);

    const response = await ctx.send("DELETE", `/api/auth/tokens/${token.id}`, session);
    expect(response.statusCode).toBe(204);
    const after = await inject({ method: "GET", url: "/api/auth/me", headers: token.headers });
    expect(after.statusCode).toBe(401);
    expect(errorCode(after)).toBe("invalid_token");
    const [event] = await eventsOf("api_token.revoked", token.id);
    expect(event).toMatchObject({
      before: { name: "Hoja de cálculo", scope: "write" },
      after: { reason: "owner" },
    });
    const list = json<ApiToken[]>(await ctx.get("/api/auth/tokens", session));
    expect(list[0]).toMatchObject({ id: token.id, status: "revoked", revokedReason: "owner" });

    const again = await ctx.send("DELETE", `/api/auth/tokens/${token.id}`, session);
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("conflict");
  });

  it("answers 404 for someone else's token and leaves it working", async () => {
    const owner = await signedIn(ctx.app, "liaison");
    const token = await createToken(ctx.app, owner.session, "read");
    const other = await signedIn(ctx.app, "admin");
    const response = await ctx.send("DELETE", `/api/auth/tokens/${token.id}`, other.session);
    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe("not_found");
    const list = await ctx.get("/api/auth/tokens", other.session);
    expect(json<ApiToken[]>(list)).toEqual([]);
    expect(
      (await inject({ method: "GET", url: "/api/auth/me", headers: token.headers })).statusCode,
    ).toBe(200);
  });
});

describe("Authorization: Bearer", () => {
  it("acts as its owner, with the owner's role and municipality, and records the last use", async () => {
    const { user, session } = await signedIn(ctx.app, "liaison");
    const token = await createToken(ctx.app, session, "read");
    const me = await inject({ method: "GET", url: "/api/auth/me", headers: token.headers });
    expect(me.statusCode).toBe(200);
    expect(json(me)).toMatchObject({
      user: { id: user.id, role: "liaison", municipality: { cvegeo: "15106" } },
      csrfToken: null,
    });
    const [row] = await tokenRows(user.id);
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
    expect(row?.lastUsedIp).toBe("127.0.0.1");
    // Staff routes stay staff routes.
    const queue = await inject({ method: "GET", url: "/api/review-queue", headers: token.headers });
    expect(queue.statusCode).toBe(403);
    expect(errorCode(queue)).toBe("forbidden");
  });

  it("keeps a liaison's token inside their municipality (another one answers 404)", async () => {
    const { session } = await signedIn(ctx.app, "liaison", { municipality: "15106" });
    const token = await createToken(ctx.app, session, "write");
    const own = await inject({
      method: "GET",
      url: "/api/municipalities/15106/tools",
      headers: token.headers,
    });
    expect(own.statusCode).toBe(200);
    for (const url of ["/api/municipalities/15054/tools", "/api/municipalities/15054/agreement"]) {
      const other = await inject({ method: "GET", url, headers: token.headers });
      expect(other.statusCode, url).toBe(404);
    }
  });

  it("writes without a CSRF token, naming the token in the audit trail, and audits the use", async () => {
    const { user, session } = await signedIn(ctx.app, "reviewer");
    const token = await createToken(ctx.app, session, "write", { name: "Sincronizador" });
    const response = await inject({
      method: "PUT",
      url: "/api/notification-preferences",
      headers: { ...token.headers, origin: "https://otro.example.org" },
      payload: { preferences: [{ kind: "overdue_digest", email: false }] },
    });
    expect(response.statusCode, response.body).toBe(200);
    const [saved] = await auditEventsOf(ctx.handle.db, "notification_preferences.updated", {
      actorId: user.id,
    });
    expect(saved?.actorLabel).toMatch(/\(token de API «Sincronizador»\)$/);
    const [used] = await eventsOf("api_token.used", token.id);
    expect(used).toMatchObject({
      actorId: user.id,
      after: {
        name: "Sincronizador",
        method: "PUT",
        route: "/api/notification-preferences",
        status: 200,
      },
    });
    // A write's event is sealed into the chain once the request has answered.
    await ctx.app.inject({ method: "GET", url: "/api/health" });
    const [sealed] = await eventsOf("api_token.used", token.id);
    expect(sealed?.chainSeq).not.toBeNull();
  });

  it("gives a read token 403 token_read_only on every write, audited, with nothing changed", async () => {
    const { user, session } = await signedIn(ctx.app, "admin");
    const token = await createToken(ctx.app, session, "read", { name: "Tablero" });
    expect(
      (await inject({ method: "GET", url: "/api/users", headers: token.headers })).statusCode,
    ).toBe(200);
    expect(
      (await inject({ method: "HEAD", url: "/api/users", headers: token.headers })).statusCode,
    ).toBe(200);
    const target = await buildUser(ctx.handle.db, "reviewer", { name: "Sin cambios" });
    for (const [method, url, payload] of [
      ["PATCH", `/api/users/${target.id}`, { name: "Cambiado" }],
      ["POST", "/api/users", { email: "nuevo@prueba.mrtm.test", name: "N", role: "reviewer" }],
      ["DELETE", "/api/institution/logo", undefined],
      ["PUT", "/api/notification-preferences", { preferences: [] }],
    ] as const) {
      const response = await inject({ method, url, headers: token.headers, payload });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(errorCode(response)).toBe("token_read_only");
    }
    const [unchanged] = await ctx.handle.db.select().from(users).where(eq(users.id, target.id));
    expect(unchanged?.name).toBe("Sin cambios");
    const used = await eventsOf("api_token.used", token.id);
    expect(used.map((event) => (event.after as { status: number }).status)).toEqual([
      403, 403, 403, 403,
    ]);
    expect(used.every((event) => event.actorId === user.id)).toBe(true);
  });

  it("refuses unknown, malformed and expired tokens with 401 invalid_token, cookie or not", async () => {
    const { session } = await signedIn(ctx.app, "reviewer");
    const token = await createToken(ctx.app, session, "write");
    const unknown = `mrtm_${"A".repeat(43)}`;
    for (const authorization of [
      `Bearer ${unknown}`,
      "Bearer nada",
      "Bearer ",
      `bearer ${token.secret}x`,
      `Bearer ${token.secret.slice(5)}`,
    ]) {
      // The session cookie does not rescue a bad bearer token: the header decides.
      const response = await inject({
        method: "GET",
        url: "/api/auth/me",
        headers: { authorization, cookie: session.cookie },
      });
      expect(response.statusCode, authorization).toBe(401);
      expect(errorCode(response)).toBe("invalid_token");
      expect(response.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
    }
    // Another scheme is not ours: the request is simply anonymous.
    const basic = await inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { authorization: "Basic dXNlcjpwYXNz" },
    });
    expect(errorCode(basic)).toBe("unauthenticated");

    await ctx.handle.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, token.id));
    const expired = await inject({ method: "GET", url: "/api/auth/me", headers: token.headers });
    expect(expired.statusCode).toBe(401);
    expect(errorCode(expired)).toBe("invalid_token");
  });

  it("cannot manage tokens, change the password or sign out (403 session_required)", async () => {
    const { session } = await signedIn(ctx.app, "admin");
    const token = await createToken(ctx.app, session, "write");
    const other = await createToken(ctx.app, session, "read");
    for (const [method, url, payload] of [
      ["GET", "/api/auth/tokens", undefined],
      ["POST", "/api/auth/tokens", { name: "Hijo", scope: "write", expiresInDays: 365 }],
      ["DELETE", `/api/auth/tokens/${other.id}`, undefined],
      ["POST", "/api/auth/password", { currentPassword: "x", newPassword: "y" }],
      ["POST", "/api/auth/logout", undefined],
    ] as const) {
      const response = await inject({ method, url, headers: token.headers, payload });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(errorCode(response)).toBe("session_required");
    }
    const list = json<ApiToken[]>(await ctx.get("/api/auth/tokens", session));
    expect(list.map((t) => t.status)).toEqual(["active", "active"]);
  });
});

describe("a token ends with its owner's access", () => {
  async function ownerWithToken(role: "liaison" | "reviewer" | "admin" = "liaison") {
    const owner = await signedIn(ctx.app, role);
    const token = await createToken(ctx.app, owner.session, "write");
    expect(
      (await inject({ method: "GET", url: "/api/auth/me", headers: token.headers })).statusCode,
    ).toBe(200);
    return { ...owner, token };
  }

  async function expectDead(token: { headers: Record<string, string> }) {
    const response = await inject({ method: "GET", url: "/api/auth/me", headers: token.headers });
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe("invalid_token");
  }

  it("dies with the owner's deactivation, and stays dead after a reactivation", async () => {
    const { user, token } = await ownerWithToken();
    await patchUser(user.id, { active: false });
    await expectDead(token);
    const [event] = await eventsOf("api_token.revoked", token.id);
    expect(event).toMatchObject({
      actorId: admin.user.id,
      after: { reason: "account_changed" },
      municipalityCvegeo: "15106",
    });
    await patchUser(user.id, { active: true });
    await expectDead(token);
  });

  it("dies with a role change and with a municipality change", async () => {
    const roleChanged = await ownerWithToken("liaison");
    await patchUser(roleChanged.user.id, { role: "collaborator" });
    await expectDead(roleChanged.token);

    const moved = await ownerWithToken("liaison");
    await patchUser(moved.user.id, { municipality: "15054" });
    await expectDead(moved.token);
    // The moved liaison's token never reaches either municipality again.
    const other = await inject({
      method: "GET",
      url: "/api/municipalities/15054/tools",
      headers: moved.token.headers,
    });
    expect(other.statusCode).toBe(401);
    const [row] = await tokenRows(moved.user.id);
    expect(row).toMatchObject({ revokedReason: "account_changed" });
  });

  it("dies with an admin's password reset (and the new session may not mint tokens yet)", async () => {
    const { user, token } = await ownerWithToken("reviewer");
    const reset = await ctx.send("POST", `/api/users/${user.id}/reset-password`, admin.session);
    expect(reset.statusCode).toBe(200);
    await expectDead(token);
    const [row] = await tokenRows(user.id);
    expect(row).toMatchObject({ revokedReason: "password_reset" });
  });

  it("is refused when the account changed outside the users service (defence in depth)", async () => {
    const { user, token } = await ownerWithToken("liaison");
    await ctx.handle.db
      .update(users)
      .set({ municipalityCvegeo: "15054" })
      .where(eq(users.id, user.id));
    await expectDead(token);
    const [row] = await tokenRows(user.id);
    expect(row?.revokedAt).toBeNull();
    await ctx.handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    await ctx.handle.db
      .update(users)
      .set({ municipalityCvegeo: "15106" })
      .where(eq(users.id, user.id));
    await expectDead(token);
  });
});

describe("rate limit per token", () => {
  let limited: TestContext;
  beforeAll(async () => {
    limited = await createTestContext({ apiTokenMaxPerMinute: 3 });
  });
  afterAll(() => limited.app.close());

  it("answers 429 rate_limited past the token's budget, without touching other tokens or sessions", async () => {
    const { session } = await signedIn(limited.app, "reviewer");
    const first = await createToken(limited.app, session, "write");
    const second = await createToken(limited.app, session, "write");
    for (let i = 0; i < 3; i++) {
      const ok = await limited.app.inject({
        method: "GET",
        url: "/api/auth/me",
        headers: first.headers,
      });
      expect(ok.statusCode).toBe(200);
    }
    const refused = await limited.app.inject({
      method: "POST",
      url: "/api/notifications/read-all",
      headers: first.headers,
    });
    expect(refused.statusCode).toBe(429);
    expect(errorCode(refused)).toBe("rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    // A refused-for-rate write leaves no event (a flood of them would flood the trail).
    const used = await auditEventsOf(limited.handle.db, "api_token.used", { entityId: first.id });
    expect(used).toEqual([]);
    const other = await limited.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: second.headers,
    });
    expect(other.statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      const bySession = await limited.app.inject({
        method: "GET",
        url: "/api/auth/me",
        headers: { cookie: session.cookie },
      });
      expect(bySession.statusCode).toBe(200);
    }
  });
});

describe("OpenAPI", () => {
  it("documents the bearer scheme beside the cookie session", async () => {
    const spec = ctx.app.swagger() as {
      components: { securitySchemes: Record<string, Record<string, string>> };
      security: Record<string, unknown[]>[];
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(spec.components.securitySchemes.bearer).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    expect(spec.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(spec.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(spec.paths["/api/auth/tokens"]?.post?.security).toEqual([{ session: [] }]);
  });
});
