import type { FastifyReply } from "fastify";
import {
  ChangePasswordRequest,
  LoginRequest,
  PasswordResetAccepted,
  PasswordResetConfirm,
  PasswordResetRequest,
  SessionInfo,
} from "../../../contracts/auth.js";
import { Ok } from "../../../contracts/common.js";
import { z } from "../../../contracts/zod.js";
import {
  RESET_ADDRESS_WINDOW_MINUTES,
  RESET_MAX_PER_ADDRESS,
  RESET_REQUESTED_MESSAGE,
} from "../../../domain/password-reset.js";
import { routesOf } from "../../lib/operations.js";
import {
  type AuthContext,
  actorOf,
  clearSessionCookie,
  requireSession,
  requireUser,
  setSessionCookie,
} from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { confirmPasswordReset, requestPasswordReset } from "./password-reset.js";
import { getSessionInfo } from "./queries.js";
import { changePassword, login, logout } from "./service.js";

const tags = ["autenticación"];

const SessionResponse = z.object({ session: SessionInfo.nullable() });

/**
 * `/api/auth/session`'s body, encoded as the response schema's serializer would and kept per
 * session as the session cache holds it (decision 0027): the web app asks on every page, and
 * encoding it through zod cost more than the rest of the request.
 */
const sessionBodies = new WeakMap<AuthContext, string>();
const NO_SESSION = JSON.stringify(z.encode(SessionResponse, { session: null }));

/** Sends the prepared text as the serializer would have: JSON, UTF-8. */
function sendSession(reply: FastifyReply, auth: AuthContext | null): FastifyReply {
  return reply.type("application/json; charset=utf-8").send(sessionBody(auth));
}

function sessionBody(auth: AuthContext | null): string {
  if (!auth) {
    return NO_SESSION;
  }
  let body = sessionBodies.get(auth);
  if (body === undefined) {
    body = JSON.stringify(
      z.encode(SessionResponse, {
        session: { user: auth.user, csrfToken: auth.kind === "session" ? auth.csrfToken : null },
      }),
    );
    sessionBodies.set(auth, body);
  }
  return body;
}

export async function authRoutes(app: App): Promise<void> {
  const route = routesOf(app, tags);
  const { db, config } = app.deps;
  app.post(
    "/api/auth/login",
    {
      schema: {
        tags,
        summary: "Iniciar sesión",
        body: LoginRequest,
        response: { 200: SessionInfo },
      },
      // Per-address flood guard; per-account throttling lives in the service.
      config: {
        rateLimit: {
          max: config.login.maxPerAddress,
          timeWindow: config.login.windowMinutes * 60_000,
        },
      },
    },
    async (request, reply) => {
      const session = await login(db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
        sessionDays: config.sessionDays,
        throttle: config.login,
        databaseKind: app.deps.databaseKind,
      });
      setSessionCookie(reply, request, session.token, session.expiresAt);
      return getSessionInfo(db, session.userId, session.csrfToken);
    },
  );

  route.post(
    "/api/auth/logout",
    "Cerrar sesión",
    { response: { 200: Ok } },
    async (request, reply) => {
      if (request.auth) {
        const auth = requireSession(request, { allowTemporaryPassword: true });
        await logout(db, auth.sessionId, actorOf(request));
      }
      clearSessionCookie(reply, request);
      return { ok: true as const };
    },
  );

  app.get(
    "/api/auth/me",
    {
      schema: { tags, summary: "La persona usuaria de la sesión", response: { 200: SessionInfo } },
    },
    async (request) => {
      const auth = requireUser(request, { allowTemporaryPassword: true });
      return { user: auth.user, csrfToken: auth.kind === "session" ? auth.csrfToken : null };
    },
  );

  route.post(
    "/api/auth/password",
    "Cambiar la propia contraseña",
    { body: ChangePasswordRequest, response: { 200: Ok } },
    async (request) => {
      const auth = requireSession(request, { allowTemporaryPassword: true });
      await changePassword(db, {
        userId: auth.user.id,
        sessionId: auth.sessionId,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        actor: actorOf(request),
      });
      return { ok: true as const };
    },
  );

  // Per client address, on both recovery routes: a flood of requests or of guessed tokens.
  const resetRateLimit = {
    rateLimit: { max: RESET_MAX_PER_ADDRESS, timeWindow: RESET_ADDRESS_WINDOW_MINUTES * 60_000 },
  };

  app.post(
    "/api/auth/password-reset",
    {
      schema: {
        tags,
        summary: "Solicitar un enlace para restablecer la contraseña (misma respuesta siempre)",
        body: PasswordResetRequest,
        response: { 202: PasswordResetAccepted },
      },
      config: resetRateLimit,
    },
    async (request, reply) => {
      await requestPasswordReset(db, {
        email: request.body.email,
        ip: request.ip,
        now: app.deps.now(),
        publicUrl: config.publicUrl,
      });
      return reply.code(202).send({ ok: true as const, message: RESET_REQUESTED_MESSAGE });
    },
  );

  app.post(
    "/api/auth/password-reset/confirm",
    {
      schema: {
        tags,
        summary: "Elegir una nueva contraseña con el enlace recibido por correo",
        body: PasswordResetConfirm,
        response: { 200: Ok },
      },
      config: resetRateLimit,
    },
    async (request) => {
      await confirmPasswordReset(db, {
        token: request.body.token,
        newPassword: request.body.newPassword,
        ip: request.ip,
        now: app.deps.now(),
      });
      return { ok: true as const };
    },
  );

  route.get(
    "/api/auth/session",
    "La sesión actual, o null si no hay sesión (no responde 401)",
    { response: { 200: SessionResponse } },
    (request, reply) => {
      // No await: the web app asks on every page, and a promise per request is a measurable share.
      sendSession(reply, request.auth);
    },
  );
}
