import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../config.js";
import { auditEvents } from "../../db/schema/index.js";
import { createTestContext, errorCode, errorOf, json, type TestContext } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { buildUser, signIn } from "../../test/factories.js";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({
    login: { maxAttempts: 3, maxPerAddress: 100, windowMinutes: 15, lockoutMinutes: 15 },
  });
});
afterAll(() => ctx.app.close());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, headers });

/** Another app on this file's database, with other sign-in limits and settings. */
async function appWith(login: Partial<Config["login"]>, config: Partial<Config> = {}) {
  const { buildApp } = await import("../../app.js");
  return buildApp(
    {
      ...ctx.app.deps,
      config: { ...ctx.config, ...config, login: { ...ctx.config.login, ...login } },
    },
    { logger: false },
  );
}

describe("POST /api/auth/login", () => {
  it("opens a session behind an httpOnly, SameSite cookie and returns the user and a CSRF token", async () => {
    const liaison = await buildUser(ctx.handle.db, "liaison", { municipality: "15106" });
    const response = await login(liaison.email.toUpperCase(), liaison.password);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === "mrtm_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.secure).toBeFalsy();
    const body = json<{
      user: { role: string; municipality: { cvegeo: string; name: string } };
      csrfToken: string;
    }>(response);
    expect(body.user.role).toBe("liaison");
    expect(body.user.municipality).toEqual({ cvegeo: "15106", name: "Toluca" });
    expect(body.csrfToken.length).toBeGreaterThan(20);
  });

  it("marks the cookie Secure when the request came over TLS", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    const app = await appWith({}, { trustProxy: 1 });
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: user.email, password: user.password },
      headers: { "x-forwarded-proto": "https" },
    });
    await app.close();
    expect(response.cookies.find((c) => c.name === "mrtm_session")?.secure).toBe(true);
    expect(response.headers["strict-transport-security"]).toContain("max-age=");
  });

  it("answers a wrong password and an unknown e-mail alike: 401 invalid_credentials", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    const wrong = await login(user.email, "no-es-la-clave-123");
    const unknown = await login("nadie@prueba.mrtm.test", "no-es-la-clave-123");
    for (const response of [wrong, unknown]) {
      expect(errorOf(response, 401)).toEqual({
        code: "invalid_credentials",
        message: "El correo o la contraseña no son correctos.",
      });
    }
  });

  it("records every failed attempt in the audit trail", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    await login(user.email, "equivocada-0000");
    const events = await auditEventsOf(ctx.handle.db, "auth.login_failed", {
      entityId: user.email,
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.id, after: { reason: "wrong_password" } });
  });

  it("throttles an account after repeated failures, even with the right password, with Retry-After", async () => {
    const user = await buildUser(ctx.handle.db, "admin");
    for (let i = 0; i < 3; i++) {
      expect((await login(user.email, `equivocada-${i}-xxxxx`)).statusCode).toBe(401);
    }
    const blocked = await login(user.email, user.password);
    expect(blocked.statusCode).toBe(429);
    expect(errorCode(blocked)).toBe("rate_limited");
    // The lock began a moment ago and lasts lockoutMinutes (15): the wait is whole seconds, at
    // most the full window and no less than a minute short of it.
    const retryAfter = String(blocked.headers["retry-after"]);
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect(Number(retryAfter)).toBeGreaterThan(14 * 60);
    expect(blocked.cookies.find((c) => c.name === "mrtm_session")).toBeUndefined();
  });

  it("refuses a deactivated account with account_inactive", async () => {
    const user = await buildUser(ctx.handle.db, "collaborator");
    const admin = await signIn(ctx.app, await buildUser(ctx.handle.db, "admin"));
    await ctx.app.inject({
      method: "PATCH",
      url: `/api/users/${user.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    const response = await login(user.email, user.password);
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe("account_inactive");
  });

  it("names the invalid field when the body is malformed", async () => {
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "no-es-correo", password: "x" },
    });
    expect(errorOf(response, 400)).toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("«email»"),
      details: [{ field: "email" }],
    });
  });

  it("refuses a login posted from another site (login CSRF)", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    const response = await login(user.email, user.password, {
      origin: "https://malicioso.example",
    });
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("csrf_failed");
  });
});

describe("GET /api/auth/me and POST /api/auth/logout", () => {
  it("answers 401 unauthenticated without a session", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/auth/me" });
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe("unauthenticated");
  });

  it("returns the signed-in user, and nothing after logout", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    const session = await signIn(ctx.app, user);
    const me = await ctx.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: session.cookie },
    });
    expect(json<{ user: { email: string; municipality: null } }>(me).user).toMatchObject({
      email: user.email,
      municipality: null,
    });

    const out = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: session.headers,
    });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === "mrtm_session")?.value).toBe("");
    const after = await ctx.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: session.cookie },
    });
    expect(after.statusCode).toBe(401);
  });

  it("answers 401 to a session past its expiry, and keeps a session that has not expired", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    const session = await signIn(ctx.app, user);
    const me = () =>
      ctx.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: session.cookie } });
    const { sessions, users } = await import("../../db/schema/index.js");
    const [row] = await ctx.handle.db
      .select({ id: sessions.id })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(users.email, user.email));
    const expireIn = (ms: number) =>
      ctx.handle.db
        .update(sessions)
        .set({ expiresAt: new Date(Date.now() + ms) })
        .where(eq(sessions.id, row?.id ?? ""));
    await expireIn(60_000);
    expect((await me()).statusCode).toBe(200);
    await expireIn(-1_000);
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(errorCode(expired)).toBe("unauthenticated");
  });

  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const session = await signIn(ctx.app, await buildUser(ctx.handle.db, "reviewer"));
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("csrf_failed");
    const wrong = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: session.cookie, "x-csrf-token": "x".repeat(session.csrfToken.length) },
    });
    expect(wrong.statusCode).toBe(403);
  });
});

/** POST /api/auth/password as the given session. */
const changePassword = (
  session: { headers: Record<string, string> },
  current: string,
  next: string,
) =>
  ctx.app.inject({
    method: "POST",
    url: "/api/auth/password",
    headers: session.headers,
    payload: { currentPassword: current, newPassword: next },
  });

describe("POST /api/auth/password", () => {
  it("refuses a wrong current password and a password that breaks the policy", async () => {
    const user = await buildUser(ctx.handle.db, "liaison");
    const session = await signIn(ctx.app, user);
    const wrong = await changePassword(session, "otra-cosa-123456", "una-clave-nueva-larga");
    expect(wrong.statusCode).toBe(401);
    const weak = await changePassword(session, user.password, "corta");
    expect(errorOf(weak, 400)).toMatchObject({
      code: "password_policy",
      details: [{ field: "newPassword" }],
    });
  });

  it("changes the password, keeps this session and ends the others", async () => {
    const user = await buildUser(ctx.handle.db, "liaison");
    const here = await signIn(ctx.app, user);
    const elsewhere = await signIn(ctx.app, user);
    const response = await changePassword(here, user.password, "nueva-clave-segura-2026");
    expect(response.statusCode).toBe(200);
    const me = (cookie: string) =>
      ctx.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });
    expect((await me(here.cookie)).statusCode).toBe(200);
    expect((await me(elsewhere.cookie)).statusCode).toBe(401);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
    expect((await login(user.email, "nueva-clave-segura-2026")).statusCode).toBe(200);
  });
});

describe("a temporary password", () => {
  it("opens nothing but itself, the password change and sign-out, until it is changed", async () => {
    const user = await buildUser(ctx.handle.db, "liaison");
    const admin = await signIn(ctx.app, await buildUser(ctx.handle.db, "admin"));
    const reset = await ctx.app.inject({
      method: "POST",
      url: `/api/users/${user.id}/reset-password`,
      headers: admin.headers,
    });
    const { temporaryPassword } = json<{ temporaryPassword: string }>(reset);
    const session = await signIn(ctx.app, { email: user.email, password: temporaryPassword });
    const notifications = () =>
      ctx.app.inject({
        method: "GET",
        url: "/api/notifications",
        headers: session.headers,
      });
    const refused = await notifications();
    expect(errorOf(refused, 403)).toMatchObject({
      code: "password_change_required",
      message: expect.stringMatching(/temporal/),
    });
    const me = await ctx.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: session.headers,
    });
    expect(json<{ user: { mustChangePassword: boolean } }>(me).user.mustChangePassword).toBe(true);

    const changed = await changePassword(session, temporaryPassword, "una-clave-propia-2026");
    expect(changed.statusCode).toBe(200);
    expect((await notifications()).statusCode).toBe(200);
  });
});

describe("temporary lockout after repeated failures", () => {
  const lockedApp = (lockoutMinutes: number) =>
    appWith({ maxAttempts: 2, maxPerAddress: 1000, lockoutMinutes });
  const loginOn = (app: Awaited<ReturnType<typeof lockedApp>>, email: string, password: string) =>
    app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });

  it("locks the account for the configured minutes, in Spanish, with Retry-After, and audits the lock", async () => {
    const app = await lockedApp(30);
    const user = await buildUser(ctx.handle.db, "reviewer");
    expect((await loginOn(app, user.email, "equivocada-1-xxxxx")).statusCode).toBe(401);
    expect((await loginOn(app, user.email, "equivocada-2-xxxxx")).statusCode).toBe(401);
    const blocked = await loginOn(app, user.email, user.password);
    await app.close();
    expect(errorOf(blocked, 429)).toEqual({
      code: "rate_limited",
      message:
        "Demasiados intentos fallidos: la cuenta está bloqueada temporalmente. Intente de nuevo en 30 minutos o solicite al administrador que restablezca su contraseña.",
    });
    const retryAfter = Number(blocked.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(29 * 60);
    expect(retryAfter).toBeLessThanOrEqual(30 * 60);
    const locks = await auditEventsOf(ctx.handle.db, "auth.locked", { entityId: user.email });
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ actorId: user.id, after: { failures: 2, minutes: 30 } });
    // Attempts while locked are refused before the password is checked, and not counted.
    const failures = await auditEventsOf(ctx.handle.db, "auth.login_failed", {
      entityId: user.email,
    });
    expect(failures).toHaveLength(2);
  });

  it("holds across server processes, since it is counted from the shared audit trail", async () => {
    const first = await lockedApp(30);
    const second = await lockedApp(30);
    const user = await buildUser(ctx.handle.db, "liaison", { municipality: "15106" });
    expect((await loginOn(first, user.email, "equivocada-1-xxxxx")).statusCode).toBe(401);
    expect((await loginOn(second, user.email, "equivocada-2-xxxxx")).statusCode).toBe(401);
    const onFirst = await loginOn(first, user.email, user.password);
    await Promise.all([first.close(), second.close()]);
    expect(onFirst.statusCode).toBe(429);
  });

  it("ends by itself when the lockout time has passed, and counts afresh after it", async () => {
    // Five seconds: short to wait for, long enough that the request after the lock still finds
    // it on a busy machine (1.5 s was not).
    const app = await lockedApp(5 / 60);
    const user = await buildUser(ctx.handle.db, "collaborator");
    await loginOn(app, user.email, "equivocada-1-xxxxx");
    await loginOn(app, user.email, "equivocada-2-xxxxx");
    const blocked = await loginOn(app, user.email, user.password);
    expect(blocked.statusCode).toBe(429);
    const retryAfter = Number(blocked.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(5);
    await new Promise((resolve) => setTimeout(resolve, 5_200));
    expect((await loginOn(app, user.email, user.password)).statusCode).toBe(200);
    // The failures before the lock no longer count: one new failure does not lock again.
    expect((await loginOn(app, user.email, "equivocada-3-xxxxx")).statusCode).toBe(401);
    const after = await loginOn(app, user.email, user.password);
    await app.close();
    expect(after.statusCode).toBe(200);
  });

  it("ends when an administrator resets the password", async () => {
    const app = await lockedApp(30);
    const user = await buildUser(ctx.handle.db, "reviewer");
    await loginOn(app, user.email, "equivocada-1-xxxxx");
    await loginOn(app, user.email, "equivocada-2-xxxxx");
    expect((await loginOn(app, user.email, user.password)).statusCode).toBe(429);
    const admin = await signIn(app, await buildUser(ctx.handle.db, "admin"));
    const reset = await app.inject({
      method: "POST",
      url: `/api/users/${user.id}/reset-password`,
      headers: admin.headers,
    });
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = json<{ temporaryPassword: string }>(reset);
    const unlocked = await loginOn(app, user.email, temporaryPassword);
    await app.close();
    expect(unlocked.statusCode).toBe(200);
  });

  it("locks under a burst of concurrent wrong guesses too, and then refuses the right password", async () => {
    const app = await lockedApp(30);
    const user = await buildUser(ctx.handle.db, "reviewer");
    const burst = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) => loginOn(app, user.email, `equivocada-${i}-rafaga`)),
    );
    expect(burst.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    const after = await loginOn(app, user.email, user.password);
    await app.close();
    expect(after.statusCode).toBe(429);
    expect(errorCode(after)).toBe("rate_limited");
  });

  it("checks exactly the allowed guesses out of 30 at once, and audits every refusal", async () => {
    const app = await appWith({ maxAttempts: 10, maxPerAddress: 1000 });
    const user = await buildUser(ctx.handle.db, "reviewer");
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => loginOn(app, user.email, `equivocada-${i}-rafaga`)),
    );
    await app.close();
    const statuses = burst.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    const events = await ctx.handle.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, user.email));
    const tally = (action: string) => events.filter((event) => event.action === action).length;
    expect(tally("auth.login_failed")).toBe(10);
    expect(tally("auth.locked")).toBe(1);
    expect(tally("auth.login_refused")).toBe(20);
  });

  it("locks an unknown e-mail too, so guessing accounts is throttled alike", async () => {
    const app = await lockedApp(30);
    const email = "nadie-bloqueado@prueba.mrtm.test";
    await loginOn(app, email, "equivocada-1-xxxxx");
    await loginOn(app, email, "equivocada-2-xxxxx");
    const third = await loginOn(app, email, "equivocada-3-xxxxx");
    await app.close();
    expect(third.statusCode).toBe(429);
  });
});

describe("breached passwords", () => {
  it("refuses a breached password on change, whatever its case, with the Spanish message", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    const session = await signIn(ctx.app, user);
    const response = await changePassword(session, user.password, "QWERTY123456");
    expect(errorOf(response, 400)).toMatchObject({
      code: "password_policy",
      message: "Esta contraseña aparece en listas de contraseñas filtradas; elija otra.",
      details: [{ field: "newPassword" }],
    });
  });

  it("refuses a breached password when an administrator creates an account", async () => {
    const admin = await signIn(ctx.app, await buildUser(ctx.handle.db, "admin"));
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.headers,
      payload: {
        email: "filtrada@prueba.mrtm.test",
        name: "Cuenta Filtrada",
        role: "reviewer",
        municipality: null,
        password: " 1qaz2wsx3edc ",
      },
    });
    expect(errorOf(response, 400)).toMatchObject({
      code: "password_policy",
      message: "Esta contraseña aparece en listas de contraseñas filtradas; elija otra.",
    });
  });
});

describe("login flood from one address", () => {
  it("is cut at the per-address limit with 429 rate_limited, whatever the accounts tried", async () => {
    const app = await appWith({ maxAttempts: 50, maxPerAddress: 2 });
    const attempt = (i: number) =>
      app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: `x${i}@prueba.mrtm.test`, password: "p" },
      });
    expect((await attempt(1)).statusCode).toBe(401);
    expect((await attempt(2)).statusCode).toBe(401);
    const third = await attempt(3);
    await app.close();
    expect(third.statusCode).toBe(429);
    expect(errorCode(third)).toBe("rate_limited");
  });

  it("behind one trusted proxy, cannot be escaped by forging X-Forwarded-For, and audits the real address", async () => {
    const app = await appWith({ maxAttempts: 50, maxPerAddress: 2 }, { trustProxy: 1 });
    // The proxy appends the address it saw; whatever the client wrote stands to its left.
    const attempt = (i: number) =>
      app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: `forjado${i}@prueba.mrtm.test`, password: "p" },
        headers: { "x-forwarded-for": `10.9.9.${i}, 203.0.113.7` },
      });
    expect((await attempt(1)).statusCode).toBe(401);
    expect((await attempt(2)).statusCode).toBe(401);
    const third = await attempt(3);
    await app.close();
    expect(third.statusCode).toBe(429);
    const recorded = await ctx.handle.db
      .select({ ip: auditEvents.ip })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, "forjado1@prueba.mrtm.test"));
    expect(recorded.map((event) => event.ip)).toEqual(["203.0.113.7"]);
  });
});

describe("GET /api/auth/session", () => {
  it("answers 200 with null when signed out, and the session when signed in", async () => {
    const anonymous = await ctx.app.inject({ method: "GET", url: "/api/auth/session" });
    expect(anonymous.statusCode).toBe(200);
    expect(json(anonymous)).toEqual({ session: null });
    const session = await signIn(ctx.app, await buildUser(ctx.handle.db, "reviewer"));
    const signedInResponse = await ctx.app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: session.cookie },
    });
    expect(
      json<{ session: { csrfToken: string; user: { role: string } } }>(signedInResponse).session,
    ).toMatchObject({
      csrfToken: session.csrfToken,
      user: { role: "reviewer" },
    });
  });
});
