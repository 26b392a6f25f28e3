import { and, count, eq, inArray, lt, ne, type SQL, sql } from "drizzle-orm";
import type { Database, DatabaseKind, Executor } from "../../db/client.js";
import { auditEvents, sessions, users } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { serverPasswordProblem } from "../../lib/breached-passwords.js";
import { AppError } from "../../lib/errors.js";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../../lib/passwords.js";
import { hashToken, newToken } from "../../plugins/auth.js";
import { recordOwnAccountEvent } from "./own-account-audit.js";

export interface LoginOptions {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  sessionDays: number;
  throttle: LoginThrottle;
  /** On PostgreSQL, attempts on one e-mail are serialised across processes too. */
  databaseKind?: DatabaseKind;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

const INVALID = () =>
  new AppError("invalid_credentials", "El correo o la contraseña no son correctos.");

/** Per-account throttling: `maxAttempts` failures within `windowMinutes` lock it `lockoutMinutes`. */
export interface LoginThrottle {
  maxAttempts: number;
  windowMinutes: number;
  lockoutMinutes: number;
}

/**
 * Checks the credentials and opens a session. Failed attempts are audited, and counted per e-mail
 * from the audit trail itself, so throttling holds across restarts and server processes: after
 * `maxAttempts` failures within the window an `auth.locked` event locks the account for
 * `lockoutMinutes`, even for the right password. The lock ends by itself, or when an administrator
 * resets the password (`user.password_reset` after the lock), or the owner sets a new one through a
 * recovery link (`user.password_recovered`). Attempts on one e-mail run one at a
 * time (`oneAttemptAtATime`), so a burst of guesses cannot all pass the check before any is counted.
 */
export async function login(db: Database, options: LoginOptions): Promise<NewSession> {
  const outcome = await oneAttemptAtATime(db, options, (executor) => attempt(executor, options));
  if (outcome instanceof AppError) {
    throw outcome;
  }
  return outcome;
}

/** One sign-in attempt; a refusal is returned, not thrown, so that its audit events commit. */
async function attempt(db: Executor, options: LoginOptions): Promise<NewSession | AppError> {
  const [user] = await db.select().from(users).where(eq(users.email, options.email)).limit(1);
  const lock = await lockState(db, options.email, user?.id ?? null, options.throttle);
  const failedActor: Actor = { id: user?.id ?? null, label: options.email, ip: options.ip };
  if (lock.lockedUntil) {
    await recordAudit(db, failedActor, {
      action: "auth.login_refused",
      entityType: "login",
      entityId: options.email,
      after: { reason: "locked", lockedUntil: lock.lockedUntil.toISOString() },
    });
    return lockedError(lock.lockedUntil);
  }
  if (!user) {
    await verifyAgainstDummy(options.password);
    await recordFailure(db, failedActor, options.email, "unknown_email", lock, options.throttle);
    return INVALID();
  }
  if (!(await verifyPassword(user.passwordHash, options.password))) {
    await recordFailure(db, failedActor, options.email, "wrong_password", lock, options.throttle);
    return INVALID();
  }
  if (!user.active) {
    await recordFailure(db, failedActor, options.email, "inactive", lock, options.throttle);
    return new AppError(
      "account_inactive",
      "Esta cuenta está desactivada. Solicite al administrador que la reactive.",
    );
  }
  const token = newToken();
  const csrfToken = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + options.sessionDays * 86_400_000);
  await db.transaction(async (tx) => {
    // Expired sessions are useless; dropping this user's at sign-in keeps the table small.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, now)));
    await tx.insert(sessions).values({
      id: hashToken(token),
      userId: user.id,
      csrfToken,
      expiresAt,
      ip: options.ip,
      userAgent: options.userAgent?.slice(0, 400) ?? null,
    });
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    await recordOwnAccountEvent(tx, user, options.ip, "auth.login");
  });
  return { token, csrfToken, expiresAt, userId: user.id };
}

// Attempts waiting per e-mail in this process: each one starts when the previous one has ended.
const attemptQueues = new Map<string, Promise<unknown>>();
// First key of the two-key advisory lock that serialises sign-ins on one e-mail across processes.
const LOGIN_LOCK_NAMESPACE = 7_210_303;

/**
 * Runs the attempts on one e-mail one after another, so the lock check, the password check and
 * the failure count act as one step. In this process a queue per e-mail does it; on PostgreSQL,
 * where several processes may share the database, each attempt also holds a transaction-level
 * advisory lock on the e-mail. (PGlite is one process, and holding its only connection during
 * the password hash would stall every other request.)
 */
async function oneAttemptAtATime<T>(
  db: Database,
  options: LoginOptions,
  run: (executor: Executor) => Promise<T>,
): Promise<T> {
  const key = options.email.toLowerCase();
  const previous = attemptQueues.get(key) ?? Promise.resolve();
  const current = previous.then(() =>
    options.databaseKind === "postgres"
      ? db.transaction(async (tx) => {
          await tx.execute(
            sql`select pg_advisory_xact_lock(${LOGIN_LOCK_NAMESPACE}::int4, hashtext(${key}))`,
          );
          return run(tx);
        })
      : run(db),
  );
  const settled = current.catch(() => undefined);
  attemptQueues.set(key, settled);
  try {
    return await current;
  } finally {
    if (attemptQueues.get(key) === settled) {
      attemptQueues.delete(key);
    }
  }
}

interface LockState {
  /** Set while the account is locked. */
  lockedUntil: Date | null;
  /**
   * Failures are counted after this: the window's start, the last lock or the last reset. SQL,
   * because the audit trail keeps microseconds and a JavaScript Date would round them away (a
   * failure written in the same transaction as the lock would then count again).
   */
  countSince: SQL;
}

// The newest event's time as PostgreSQL writes it (a Date would drop the microseconds).
const latest = sql<string | null>`max(${auditEvents.occurredAt})::text`;

async function lockState(
  db: Executor,
  email: string,
  userId: string | null,
  throttle: LoginThrottle,
): Promise<LockState> {
  const now = Date.now();
  const [lastLock] = await db
    .select({ at: latest })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "auth.locked"), eq(auditEvents.entityId, email)));
  const [lastReset] = userId
    ? await db
        .select({ at: latest })
        .from(auditEvents)
        .where(
          and(
            // An administrator's reset, or the owner's through a recovery link.
            inArray(auditEvents.action, ["user.password_reset", "user.password_recovered"]),
            eq(auditEvents.entityId, userId),
          ),
        )
    : [];
  const lockAt = lastLock?.at ? new Date(lastLock.at) : null;
  const resetAt = lastReset?.at ? new Date(lastReset.at) : null;
  const until = lockAt ? new Date(lockAt.getTime() + throttle.lockoutMinutes * 60_000) : null;
  const lockedUntil =
    lockAt && until && until.getTime() > now && !(resetAt && resetAt >= lockAt) ? until : null;
  const windowStart = new Date(now - throttle.windowMinutes * 60_000).toISOString();
  // greatest() skips nulls: the raw timestamps, microseconds and all.
  const countSince = sql`greatest(${windowStart}::timestamptz, ${lastLock?.at ?? null}::timestamptz, ${lastReset?.at ?? null}::timestamptz)`;
  return { lockedUntil, countSince };
}

function lockedError(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    "rate_limited",
    `Demasiados intentos fallidos: la cuenta está bloqueada temporalmente. Intente de nuevo en ${minutes} ${minutes === 1 ? "minuto" : "minutos"} o solicite al administrador que restablezca su contraseña.`,
    undefined,
    { "retry-after": String(seconds) },
  );
}

/** Records a failed attempt, and the lock when it is the one that reaches the limit. */
async function recordFailure(
  db: Executor,
  actor: Actor,
  email: string,
  reason: string,
  lock: LockState,
  throttle: LoginThrottle,
): Promise<void> {
  await recordAudit(db, actor, {
    action: "auth.login_failed",
    entityType: "login",
    entityId: email,
    after: { reason },
  });
  const [row] = await db
    .select({ failures: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, "auth.login_failed"),
        eq(auditEvents.entityId, email),
        sql`${auditEvents.occurredAt} > ${lock.countSince}`,
      ),
    );
  if ((row?.failures ?? 0) >= throttle.maxAttempts) {
    await recordAudit(db, actor, {
      action: "auth.locked",
      entityType: "login",
      entityId: email,
      after: { failures: row?.failures ?? 0, minutes: throttle.lockoutMinutes },
    });
  }
}

export async function logout(db: Database, sessionId: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    await recordAudit(tx, actor, { action: "auth.logout", entityType: "user", entityId: actor.id });
  });
}

/** Changes one's own password and ends one's other sessions. */
export async function changePassword(
  db: Database,
  options: {
    userId: string;
    sessionId: string;
    currentPassword: string;
    newPassword: string;
    actor: Actor;
  },
): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, options.userId)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, options.currentPassword))) {
    throw new AppError("invalid_credentials", "La contraseña actual no es correcta.", [
      { field: "currentPassword", message: "La contraseña actual no es correcta." },
    ]);
  }
  const problem = serverPasswordProblem(options.newPassword, { email: user.email });
  if (problem) {
    throw new AppError("password_policy", problem, [{ field: "newPassword", message: problem }]);
  }
  if (options.newPassword === options.currentPassword) {
    const message = "La nueva contraseña debe ser distinta de la actual.";
    throw new AppError("password_policy", message, [{ field: "newPassword", message }]);
  }
  const passwordHash = await hashPassword(options.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, options.sessionId)));
    await recordAudit(tx, options.actor, {
      action: "user.password_changed",
      entityType: "user",
      entityId: user.id,
      municipality: user.municipalityCvegeo,
    });
  });
}
