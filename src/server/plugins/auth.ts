import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Role } from "../../domain/roles.js";
import type { Database } from "../db/client.js";
import { municipalities, sessions, users } from "../db/schema/index.js";
import type { Actor } from "../lib/audit.js";
import { designatedLiaisonSql } from "../lib/designation.js";
import { AppError } from "../lib/errors.js";

export const SESSION_COOKIE = "mrtm_session";
export const CSRF_HEADER = "x-csrf-token";

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  municipality: { cvegeo: string; name: string } | null;
  mustChangePassword: boolean;
  /** Whether this account is its municipality's current designated liaison (decision 0012). */
  designatedLiaison: boolean;
}

export interface AuthContext {
  user: AuthUser;
  sessionId: string;
  csrfToken: string;
}

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const newToken = () => randomBytes(32).toString("base64url");

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// Login has no session yet: the Origin check below protects it instead.
const CSRF_EXEMPT = new Set(["/api/auth/login"]);
// Extending a session on every request would write on every read; once an hour is enough.
const SLIDE_EVERY_MS = 60 * 60 * 1000;

/** Loads the session behind the cookie, if any, and enforces CSRF on cookie-authenticated writes. */
export const authPlugin = fp<{ db: Database; sessionDays: number }>(
  async (app: FastifyInstance, options) => {
    app.decorateRequest("auth", null);

    app.addHook("onRequest", async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        request.auth = await loadSession(options.db, token, options.sessionDays);
        if (!request.auth) {
          clearSessionCookie(reply, request);
        }
      }
      if (UNSAFE.has(request.method)) {
        checkCsrf(request);
      }
    });
  },
);

/**
 * The session behind a token, with its user: run before every signed-in request, so it is a named
 * prepared statement, planned once per connection (planning this join costs several times more
 * than running it).
 */
function sessionQuery(db: Database) {
  return db
    .select({
      session: sessions,
      user: users,
      municipalityName: municipalities.name,
      designatedLiaison: designatedLiaisonSql(),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(municipalities, eq(municipalities.cvegeo, users.municipalityCvegeo))
    .where(
      and(
        eq(sessions.id, sql.placeholder("id")),
        gt(sessions.expiresAt, sql`${sql.placeholder("now")}::timestamptz`),
        eq(users.active, true),
      ),
    )
    .limit(1)
    .prepare("mrtm_load_session");
}

const sessionQueries = new WeakMap<Database, ReturnType<typeof sessionQuery>>();

function sessionQueryOf(db: Database): ReturnType<typeof sessionQuery> {
  let query = sessionQueries.get(db);
  if (!query) {
    query = sessionQuery(db);
    sessionQueries.set(db, query);
  }
  return query;
}

async function loadSession(
  db: Database,
  token: string,
  sessionDays: number,
): Promise<AuthContext | null> {
  const id = hashToken(token);
  const now = new Date();
  const [row] = await sessionQueryOf(db).execute({ id, now: now.toISOString() });
  if (!row) {
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > SLIDE_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + sessionDays * 86_400_000) })
      .where(eq(sessions.id, id));
  }
  return {
    sessionId: id,
    csrfToken: row.session.csrfToken,
    user: presentSessionUser(row.user, row.municipalityName, row.designatedLiaison),
  };
}

/** The signed-in user as the session carries it and `me` returns it: never the password hash. */
export function presentSessionUser(
  user: typeof users.$inferSelect,
  municipalityName: string | null,
  designatedLiaison: boolean,
): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    municipality: user.municipalityCvegeo
      ? { cvegeo: user.municipalityCvegeo, name: municipalityName ?? "" }
      : null,
    mustChangePassword: user.mustChangePassword,
    designatedLiaison: user.role === "liaison" && designatedLiaison,
  };
}

function checkCsrf(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin && !sameOrigin(origin, request)) {
    throw new AppError("csrf_failed", "La petición viene de otro sitio y fue rechazada.");
  }
  if (!request.auth || CSRF_EXEMPT.has(request.routeOptions.url ?? "")) {
    return;
  }
  const sent = request.headers[CSRF_HEADER];
  const expected = request.auth.csrfToken;
  if (
    typeof sent !== "string" ||
    sent.length !== expected.length ||
    !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))
  ) {
    throw new AppError(
      "csrf_failed",
      "Falta el token de seguridad de la sesión o no es válido. Recargue la página.",
    );
  }
}

function sameOrigin(origin: string, request: FastifyRequest): boolean {
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  token: string,
  expires: Date,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
  });
}

/**
 * The signed-in user, or a 401. A session whose password is temporary gets a 403 here: it may only
 * read itself, change the password and sign out (the routes that pass `allowTemporaryPassword`),
 * so the forced change holds for API clients, not only in the web app.
 */
export function requireUser(
  request: FastifyRequest,
  options: { allowTemporaryPassword?: boolean } = {},
): AuthContext {
  if (!request.auth) {
    throw new AppError("unauthenticated", "Inicie sesión para continuar.");
  }
  if (!options.allowTemporaryPassword) {
    assertPasswordSettled(request.auth);
  }
  return request.auth;
}

/** Refuses a session that still has to replace its temporary password. */
export function assertPasswordSettled(auth: AuthContext): void {
  if (auth.user.mustChangePassword) {
    throw new AppError(
      "password_change_required",
      "Su contraseña es temporal: cámbiela antes de continuar.",
    );
  }
}

/** The signed-in user if their role is one of `roles`, else 401/403. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): AuthContext {
  const auth = requireUser(request);
  if (!roles.includes(auth.user.role)) {
    throw new AppError("forbidden", "Su rol no permite realizar esta acción.");
  }
  return auth;
}

/** The audit actor for a request: the signed-in user, or anonymous. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.auth?.user;
  return {
    id: user?.id ?? null,
    label: user ? `${user.name} <${user.email}>` : "anónimo",
    ip: request.ip ?? null,
  };
}
