import { hash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { API_TOKEN_PATTERN, type ApiTokenScope, scopeAllows } from "../../domain/api-tokens.js";
import type { Role } from "../../domain/roles.js";
import { changeFeedOf } from "../db/changes.js";
import type { Database } from "../db/client.js";
import { apiTokens, municipalities, sessions, users } from "../db/schema/index.js";
import { type Actor, recordAudit } from "../lib/audit.js";
import { AppError } from "../lib/errors.js";
import { preparedOn } from "../lib/prepared.js";
import {
  accountIdentity,
  liveCredential,
  sessionUserColumns,
  userMunicipality,
} from "../lib/session-user.js";

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

/** A browser signed in with a cookie: its writes carry the session's CSRF token. */
export interface SessionAuth {
  kind: "session";
  user: AuthUser;
  sessionId: string;
  csrfToken: string;
}

/** An integration sending `Authorization: Bearer mrtm_…`: acts as the token's owner. */
export interface TokenAuth {
  kind: "token";
  user: AuthUser;
  token: { id: string; name: string; scope: ApiTokenScope };
}

/** Who the request is, and how it proved it. */
export type AuthContext = SessionAuth | TokenAuth;

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

// One-shot: every signed-in request hashes its cookie, and a Hash object per call costs ~3× more.
export const hashToken = (token: string) => hash("sha256", token, "hex");
export const newToken = () => randomBytes(32).toString("base64url");

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// Login has no session yet, and an anonymous survey answer never acts with the session it may
// happen to carry: the Origin check below protects both instead.
const CSRF_EXEMPT = new Set(["/api/auth/login", "/api/public/surveys/:token/responses"]);
// Extending a session on every request would write on every read; once an hour is enough.
const SLIDE_EVERY_MS = 60 * 60 * 1000;

// A token's last use is written at most this often: a polling integration would write on every read.
const TOKEN_TOUCH_EVERY_MS = 60 * 1000;

export interface AuthPluginOptions {
  db: Database;
  sessionDays: number;
  /** Requests one API token may make per minute (per process). */
  tokenMaxPerMinute: number;
}

/**
 * Loads who the request is: an API token (`Authorization: Bearer …`, which takes precedence and
 * needs no CSRF token: a browser never adds that header to a cross-site request on its own) or the
 * session behind the cookie, and enforces CSRF on cookie-authenticated writes. A token's requests
 * are rate-limited per token, a read token may only GET, and every other request made with a token
 * is audited (`api_token.used`, with the route and the status) before its answer is sent.
 */
export const authPlugin = fp<AuthPluginOptions>(async (app: FastifyInstance, options) => {
  app.decorateRequest("auth", null);
  const tokenRate = app.createRateLimit({
    max: options.tokenMaxPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) =>
      `api-token:${request.auth?.kind === "token" ? request.auth.token.id : ""}`,
  });

  // Most reads need no database and no await here: an anonymous read, or a session the cache
  // vouches for (decision 0027). Those finish synchronously; the rest go through `authenticate`.
  app.addHook("onRequest", (request, reply, done) => {
    if (request.headers.authorization === undefined && !UNSAFE.has(request.method)) {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) {
        done();
        return;
      }
      const auth = cachedSession(options.db, hashToken(token), Date.now());
      if (auth) {
        request.auth = auth;
        done();
        return;
      }
    }
    authenticate(request, reply).then(() => done(), done);
  });

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const bearer = bearerToken(request);
    if (bearer !== null) {
      const auth = await loadToken(options.db, bearer, request.ip ?? null);
      request.auth = auth;
      const rate = await tokenRate(request);
      if (!rate.isAllowed && rate.isExceeded) {
        throw new AppError(
          "rate_limited",
          `Este token hizo demasiadas peticiones: el límite es ${rate.max} por minuto. Espere ${rate.ttlInSeconds} s.`,
          undefined,
          { "retry-after": String(rate.ttlInSeconds) },
        );
      }
      if (!scopeAllows(auth.token.scope, request.method)) {
        throw new AppError(
          "token_read_only",
          "Este token es de solo lectura: solo permite consultas (GET).",
        );
      }
      return;
    }
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
  }

  // Writes through a token leave their own event, whatever their outcome (a refused write
  // included); a 429 does not, or a flood of them would flood the trail. Every other response
  // passes on at once (no promise per request).
  app.addHook("onSend", (request, reply, payload, done) => {
    const auth = request.auth;
    if (auth?.kind !== "token" || !UNSAFE.has(request.method) || reply.statusCode === 429) {
      done(null, payload);
      return;
    }
    auditTokenUse(request, reply, auth).then(() => done(null, payload), done);
  });

  async function auditTokenUse(
    request: FastifyRequest,
    reply: FastifyReply,
    auth: TokenAuth,
  ): Promise<void> {
    try {
      await recordAudit(options.db, actorOf(request), {
        action: "api_token.used",
        entityType: "api_token",
        entityId: auth.token.id,
        municipality: auth.user.municipality?.cvegeo ?? null,
        after: {
          name: auth.token.name,
          method: request.method,
          // The route's pattern; an unknown path as sent, cut short.
          route: request.routeOptions.url ?? (request.url.split("?")[0] ?? "").slice(0, 200),
          status: reply.statusCode,
        },
      });
    } catch (error) {
      request.log.error({ err: error }, "could not audit an API token's use");
    }
  }
});

// "Bearer" alone (an empty token) is a bearer request too, and refused.
const BEARER = /^bearer(?:[ \t]+(.*))?$/i;

/**
 * The token of an `Authorization: Bearer …` header; null without one (other schemes are not
 * ours and are ignored). A bearer value that cannot be one of our tokens is refused at once.
 */
function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== "string") {
    return null;
  }
  const match = BEARER.exec(header.trim());
  if (!match) {
    return null;
  }
  const token = (match[1] ?? "").trim();
  if (!API_TOKEN_PATTERN.test(token)) {
    throw invalidToken();
  }
  return token;
}

function invalidToken(): AppError {
  return new AppError(
    "invalid_token",
    "El token de API no es válido, venció o fue revocado.",
    undefined,
    { "www-authenticate": 'Bearer error="invalid_token"' },
  );
}

/**
 * A token with its owner, if it is live: not revoked, not expired, the account active and still of
 * the role and municipality it had when the token was created (the account's changes revoke its
 * tokens too; this check holds even for a change made outside the users service).
 */
const tokenQuery = preparedOn((db) =>
  db
    .select({ token: apiTokens, ...sessionUserColumns() })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(municipalities, userMunicipality)
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder("hash")),
        isNull(apiTokens.revokedAt),
        liveCredential(apiTokens.expiresAt),
        eq(users.role, apiTokens.ownerRole),
        sql`${users.municipalityCvegeo} is not distinct from ${apiTokens.ownerMunicipalityCvegeo}`,
      ),
    )
    .limit(1)
    .prepare("mrtm_load_api_token"),
);

async function loadToken(db: Database, secret: string, ip: string | null): Promise<TokenAuth> {
  const now = new Date();
  const [row] = await tokenQuery(db).execute({ hash: hashToken(secret), now: now.toISOString() });
  if (!row) {
    throw invalidToken();
  }
  const lastUsed = row.token.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - lastUsed > TOKEN_TOUCH_EVERY_MS || row.token.lastUsedIp !== ip) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now, lastUsedIp: ip })
      .where(eq(apiTokens.id, row.token.id));
  }
  return {
    kind: "token",
    user: presentSessionUser(row.user, row.municipalityName, row.designatedLiaison),
    token: { id: row.token.id, name: row.token.name, scope: row.token.scope },
  };
}

/**
 * The session behind a token, with its user: run before every signed-in request, so it is a named
 * prepared statement, planned once per connection (planning this join costs several times more
 * than running it).
 */
const sessionQueryOf = preparedOn((db) =>
  db
    .select({ session: sessions, ...sessionUserColumns() })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(municipalities, userMunicipality)
    .where(and(eq(sessions.id, sql.placeholder("id")), liveCredential(sessions.expiresAt)))
    .limit(1)
    .prepare("mrtm_load_session"),
);

/**
 * How long a session read from the database is trusted without asking again (decision 0027). A
 * revocation (sign-out, deactivation, a role, municipality or designation change) does not wait
 * for it: it moves the change feed, locally at once and in every other process by notification;
 * this lifetime only bounds what a lost notification could leave behind.
 */
const SESSION_CACHE_MS = 60_000;
const SESSION_CACHE_MAX = 10_000;

interface CachedSession {
  auth: SessionAuth;
  expiresAt: number;
  lastSeenAt: number;
  validatedAt: number;
  /** The change feed's `auth` counter before the row was read. */
  seen: number;
}

const sessionCaches = new WeakMap<Database, Map<string, CachedSession>>();

function sessionCacheOf(db: Database): Map<string, CachedSession> {
  let cache = sessionCaches.get(db);
  if (!cache) {
    cache = new Map();
    sessionCaches.set(db, cache);
  }
  return cache;
}

/**
 * The session with this id as cached, if the cache may still vouch for it at `time`: the change
 * feed is live and has not moved since it was read, it was read less than a minute ago, it has
 * not expired and its sliding expiry is not due.
 */
function cachedSession(db: Database, id: string, time: number): SessionAuth | null {
  const changes = changeFeedOf(db);
  const cached = sessionCacheOf(db).get(id);
  if (
    cached &&
    changes?.live &&
    cached.seen === changes.auth &&
    time - cached.validatedAt < SESSION_CACHE_MS &&
    time < cached.expiresAt &&
    time - cached.lastSeenAt <= SLIDE_EVERY_MS
  ) {
    return cached.auth;
  }
  return null;
}

async function loadSession(
  db: Database,
  token: string,
  sessionDays: number,
): Promise<SessionAuth | null> {
  const id = hashToken(token);
  const now = new Date();
  const time = now.getTime();
  const hit = cachedSession(db, id, time);
  if (hit) {
    return hit;
  }
  const changes = changeFeedOf(db);
  const cache = sessionCacheOf(db);
  const seen = changes?.auth ?? 0;
  const [row] = await sessionQueryOf(db).execute({ id, now: now.toISOString() });
  if (!row) {
    cache.delete(id);
    return null;
  }
  if (time - row.session.lastSeenAt.getTime() > SLIDE_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(time + sessionDays * 86_400_000) })
      .where(eq(sessions.id, id));
  }
  const auth: SessionAuth = {
    kind: "session",
    sessionId: id,
    csrfToken: row.session.csrfToken,
    user: presentSessionUser(row.user, row.municipalityName, row.designatedLiaison),
  };
  if (cache.size >= SESSION_CACHE_MAX) {
    cache.clear();
  }
  cache.set(id, {
    auth,
    expiresAt: row.session.expiresAt.getTime(),
    lastSeenAt: row.session.lastSeenAt.getTime(),
    validatedAt: time,
    seen,
  });
  return auth;
}

/** The signed-in user as the session carries it and `me` returns it: never the password hash. */
export function presentSessionUser(
  user: typeof users.$inferSelect,
  municipalityName: string | null,
  designatedLiaison: boolean,
): AuthUser {
  return {
    ...accountIdentity(user, municipalityName),
    mustChangePassword: user.mustChangePassword,
    designatedLiaison: user.role === "liaison" && designatedLiaison,
  };
}

function checkCsrf(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin && !sameOrigin(origin, request)) {
    throw new AppError("csrf_failed", "La petición viene de otro sitio y fue rechazada.");
  }
  if (request.auth?.kind !== "session" || CSRF_EXEMPT.has(request.routeOptions.url ?? "")) {
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

/**
 * A browser session, or a 401/403: what an API token may not do (manage tokens, change the
 * password, sign out) answers 403 `session_required` to a token, so a leaked token cannot extend
 * itself or take the account over.
 */
export function requireSession(
  request: FastifyRequest,
  options: { allowTemporaryPassword?: boolean } = {},
): SessionAuth {
  const auth = requireUser(request, options);
  if (auth.kind !== "session") {
    throw new AppError(
      "session_required",
      "Esta acción requiere iniciar sesión en MRTM: un token de API no puede realizarla.",
    );
  }
  return auth;
}

/** The signed-in user if their role is one of `roles`, else 401/403. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): AuthContext {
  const auth = requireUser(request);
  if (!roles.includes(auth.user.role)) {
    throw new AppError("forbidden", "Su rol no permite realizar esta acción.");
  }
  return auth;
}

/**
 * The audit actor for a request: the signed-in user, or anonymous. Through an API token, the
 * label names the token too, so every event a token caused says so.
 */
export function actorOf(request: FastifyRequest): Actor {
  const auth = request.auth;
  const user = auth?.user;
  const via = auth?.kind === "token" ? ` (token de API «${auth.token.name}»)` : "";
  return {
    id: user?.id ?? null,
    label: user ? `${user.name} <${user.email}>${via}` : "anónimo",
    ip: request.ip ?? null,
  };
}
