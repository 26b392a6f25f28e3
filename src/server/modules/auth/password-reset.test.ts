import { createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  RESET_MAX_PER_ACCOUNT,
  RESET_MAX_PER_ADDRESS,
  RESET_REQUESTED_MESSAGE,
} from "../../../domain/password-reset.js";
import { auditEvents, mailOutbox, passwordResetTokens, users } from "../../db/schema/index.js";
import { createTestContext, errorCode, json, type TestContext } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { buildUser, signIn } from "../../test/factories.js";

let ctx: TestContext;
// A fixed clock the tests move forward; sessions and sign-ins keep the real time.
let clock = new Date("2026-03-10T16:00:00Z");
const minutes = (n: number) => {
  clock = new Date(clock.getTime() + n * 60_000);
};
let nextAddress = 1;
/** A client address of each test's own, so the per-address limit of one does not touch another. */
const freshIp = () => `10.9.0.${nextAddress++}`;

beforeAll(async () => {
  ctx = await createTestContext(
    {
      publicUrl: "https://mrtm.ejemplo.org",
      login: { maxAttempts: 3, maxPerAddress: 1000, windowMinutes: 15, lockoutMinutes: 15 },
    },
    { now: () => clock },
  );
});
afterAll(() => ctx.app.close());

const requestReset = (email: string, ip = freshIp()) =>
  ctx.app.inject({
    method: "POST",
    url: "/api/auth/password-reset",
    payload: { email },
    remoteAddress: ip,
  });

const confirm = (token: string, newPassword: string, ip = freshIp()) =>
  ctx.app.inject({
    method: "POST",
    url: "/api/auth/password-reset/confirm",
    payload: { token, newPassword },
    remoteAddress: ip,
  });

const login = (email: string, password: string) =>
  ctx.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });

async function mailsTo(email: string) {
  return ctx.handle.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, email))
    .orderBy(desc(mailOutbox.createdAt));
}

/** The token of the newest recovery e-mail sent to an address, read from its link. */
async function latestToken(email: string): Promise<string> {
  const [mail] = await mailsTo(email);
  const match = /\/restablecer\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "");
  if (!match?.[1]) {
    throw new Error(`no recovery link sent to ${email}`);
  }
  return match[1];
}

async function outcomes(email: string) {
  const rows = await ctx.handle.db
    .select({ after: auditEvents.after })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.action, "auth.password_reset_requested"), eq(auditEvents.entityId, email)),
    )
    .orderBy(auditEvents.occurredAt);
  return rows.map((row) => (row.after as { outcome: string }).outcome);
}

describe("POST /api/auth/password-reset", () => {
  it("e-mails an active account a link to /restablecer on the public URL, keeping only the token's hash", async () => {
    const user = await buildUser(ctx.handle.db, "liaison", { name: "Ana López" });
    const response = await requestReset(user.email.toUpperCase());
    expect(response.statusCode).toBe(202);
    expect(json(response)).toEqual({ ok: true, message: RESET_REQUESTED_MESSAGE });

    const [mail, ...others] = await mailsTo(user.email);
    expect(others).toHaveLength(0);
    expect(mail?.subject).toBe("Restablecer su contraseña de MRTM");
    expect(mail?.text).toContain("Hola, Ana López:");
    expect(mail?.text).toContain("https://mrtm.ejemplo.org/restablecer?token=");
    expect(mail?.text).toContain("30 minutos");
    expect(mail?.html).toContain('lang="es"');
    const token = await latestToken(user.email);
    const [stored] = await ctx.handle.db
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, user.id));
    expect(stored?.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(stored?.tokenHash).not.toContain(token);
    expect((stored?.expiresAt.getTime() ?? 0) - (stored?.createdAt.getTime() ?? 0)).toBe(
      30 * 60_000,
    );
    expect(await outcomes(user.email)).toEqual(["sent"]);
  });

  it("answers an unknown address and a deactivated account exactly as an active one, sending nothing", async () => {
    const active = await buildUser(ctx.handle.db, "reviewer");
    const inactive = await buildUser(ctx.handle.db, "reviewer");
    await ctx.handle.db.update(users).set({ active: false }).where(eq(users.id, inactive.id));
    const unknown = "nadie-aqui@prueba.mrtm.test";

    const answers = await Promise.all(
      [active.email, inactive.email, unknown].map((email) => requestReset(email)),
    );
    for (const answer of answers) {
      expect(answer.statusCode).toBe(202);
      expect(answer.body).toBe(answers[0]?.body);
      expect(answer.headers["content-type"]).toBe(answers[0]?.headers["content-type"]);
    }
    expect(await mailsTo(active.email)).toHaveLength(1);
    expect(await mailsTo(inactive.email)).toHaveLength(0);
    expect(await mailsTo(unknown)).toHaveLength(0);
    expect(await outcomes(inactive.email)).toEqual(["inactive"]);
    expect(await outcomes(unknown)).toEqual(["unknown_email"]);
  });

  it("sends an account at most three links an hour, answering the same, then again after the hour", async () => {
    const user = await buildUser(ctx.handle.db, "collaborator");
    for (let i = 0; i < RESET_MAX_PER_ACCOUNT + 2; i++) {
      const answer = await requestReset(user.email);
      expect(answer.statusCode).toBe(202);
      expect(json(answer)).toEqual({ ok: true, message: RESET_REQUESTED_MESSAGE });
    }
    expect(await mailsTo(user.email)).toHaveLength(RESET_MAX_PER_ACCOUNT);
    expect(await outcomes(user.email)).toEqual(["sent", "sent", "sent", "limited", "limited"]);

    minutes(61);
    expect((await requestReset(user.email)).statusCode).toBe(202);
    expect(await mailsTo(user.email)).toHaveLength(RESET_MAX_PER_ACCOUNT + 1);
  });

  it("limits requests per client address with 429 rate_limited, whichever the address asked", async () => {
    const ip = freshIp();
    for (let i = 0; i < RESET_MAX_PER_ADDRESS; i++) {
      const answer = await requestReset(`persona-${i}@prueba.mrtm.test`, ip);
      expect(answer.statusCode).toBe(202);
    }
    const blocked = await requestReset("otra@prueba.mrtm.test", ip);
    expect(blocked.statusCode).toBe(429);
    expect(errorCode(blocked)).toBe("rate_limited");
    expect((await requestReset("otra@prueba.mrtm.test", freshIp())).statusCode).toBe(202);
  });

  it("refuses a malformed address with a Spanish validation error", async () => {
    const response = await requestReset("no-es-un-correo");
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("validation_error");
  });
});

describe("POST /api/auth/password-reset/confirm", () => {
  it("sets the password, ends every session of the account and the link, and is audited", async () => {
    const user = await buildUser(ctx.handle.db, "liaison");
    const first = await signIn(ctx.app, user);
    const second = await signIn(ctx.app, user);
    await requestReset(user.email);
    const token = await latestToken(user.email);

    const done = await confirm(token, "Nueva-clave-segura-2026");
    expect(done.statusCode).toBe(200);
    expect(json(done)).toEqual({ ok: true });

    for (const session of [first, second]) {
      const me = await ctx.app.inject({
        method: "GET",
        url: "/api/auth/me",
        headers: { cookie: session.cookie },
      });
      expect(me.statusCode).toBe(401);
    }
    expect((await login(user.email, user.password)).statusCode).toBe(401);
    expect((await login(user.email, "Nueva-clave-segura-2026")).statusCode).toBe(200);

    const again = await confirm(token, "Otra-clave-segura-2026");
    expect(again.statusCode).toBe(400);
    expect(errorCode(again)).toBe("reset_token_invalid");
    expect(json<{ error: { message: string } }>(again).error.message).toMatch(/no es válido/);

    const events = await auditEventsOf(ctx.handle.db, "user.password_recovered", {
      entityId: user.id,
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.id, municipalityCvegeo: "15106" });
  });

  it("makes every other link of the account useless once one is used", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    await requestReset(user.email);
    const older = await latestToken(user.email);
    minutes(1);
    await requestReset(user.email);
    const newer = await latestToken(user.email);
    expect(newer).not.toBe(older);
    expect((await confirm(newer, "Nueva-clave-segura-2026")).statusCode).toBe(200);
    expect(errorCode(await confirm(older, "Otra-clave-segura-2026"))).toBe("reset_token_invalid");
  });

  it("accepts a link until 30 minutes have passed, and not after", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    await requestReset(user.email);
    const expiring = await latestToken(user.email);
    minutes(30);
    const late = await confirm(expiring, "Nueva-clave-segura-2026");
    expect(late.statusCode).toBe(400);
    expect(errorCode(late)).toBe("reset_token_invalid");
    expect((await login(user.email, user.password)).statusCode).toBe(200);

    await requestReset(user.email);
    const fresh = await latestToken(user.email);
    minutes(29);
    expect((await confirm(fresh, "Nueva-clave-segura-2026")).statusCode).toBe(200);
  });

  it("applies the password policy without spending the link", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    await requestReset(user.email);
    const token = await latestToken(user.email);
    const weak = await confirm(token, "corta");
    expect(weak.statusCode).toBe(400);
    expect(errorCode(weak)).toBe("password_policy");
    expect(json<{ error: { message: string } }>(weak).error.message).toContain("12 caracteres");
    const breached = await confirm(token, "password1234");
    expect(errorCode(breached)).toBe("password_policy");
    expect((await confirm(token, "Nueva-clave-segura-2026")).statusCode).toBe(200);
  });

  it("refuses an unknown token and a deactivated account's link", async () => {
    expect(errorCode(await confirm("no-existe-este-token", "Nueva-clave-segura-2026"))).toBe(
      "reset_token_invalid",
    );
    const user = await buildUser(ctx.handle.db, "reviewer");
    await requestReset(user.email);
    const token = await latestToken(user.email);
    await ctx.handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(errorCode(await confirm(token, "Nueva-clave-segura-2026"))).toBe("reset_token_invalid");
  });

  it("ends a sign-in lockout, as an administrator's reset does", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    for (let i = 0; i < 3; i++) {
      await login(user.email, `equivocada-${i}-xxxxxxx`);
    }
    expect((await login(user.email, user.password)).statusCode).toBe(429);
    await requestReset(user.email);
    expect(
      (await confirm(await latestToken(user.email), "Nueva-clave-segura-2026")).statusCode,
    ).toBe(200);
    expect((await login(user.email, "Nueva-clave-segura-2026")).statusCode).toBe(200);
  });
});
