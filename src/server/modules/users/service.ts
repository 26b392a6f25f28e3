import { and, count, eq, ne } from "drizzle-orm";
import type { AuditAction } from "../../../domain/audit-events.js";
import { type Role, roleMunicipalityProblem } from "../../../domain/roles.js";
import type { Database, Executor, Transaction } from "../../db/client.js";
import { calendarFeeds, municipalities, sessions, users } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { insertAudited } from "../../lib/audited-writes.js";
import { serverPasswordProblem } from "../../lib/breached-passwords.js";
import { AppError, conflict, invalid, isUniqueViolation, notFound } from "../../lib/errors.js";
import { generatePassword, hashPassword } from "../../lib/passwords.js";
import { mailQueued } from "../../mail/signal.js";
import { revokeAccountTokens } from "../api-tokens/service.js";
import { issueAccountLink } from "../auth/password-reset.js";

export interface CreateUserOptions {
  email: string;
  name: string;
  role: Role;
  municipality: string | null;
  /** When absent a temporary password is generated and must be changed at first sign-in. */
  password?: string | undefined;
}

/**
 * A new account's welcome e-mail: a single-use link to create its password (decision 0017). With
 * SMTP the temporary password is never shown; without it, the e-mail is held in the outbox and the
 * temporary password is shown once to whoever created the account, as before.
 */
export interface WelcomeOptions {
  publicUrl: string;
  now: Date;
  /** True when no SMTP server is configured: the e-mail would only be held. */
  showTemporaryPassword: boolean;
}

export interface CreatedUser {
  id: string;
  /** Shown once: when the caller chose no password and no welcome e-mail will be delivered. */
  temporaryPassword: string | null;
  /** When the welcome link stops working; null when none was sent. */
  welcomeLinkExpiresAt: Date | null;
}

/**
 * Creates an account. Returns its id, the welcome link's expiry when one was e-mailed, and, when
 * generated here and not replaced by the welcome e-mail, the temporary password.
 */
export async function createUser(
  db: Database,
  options: CreateUserOptions,
  actor: Actor,
  welcome?: WelcomeOptions,
): Promise<CreatedUser> {
  const problem = roleMunicipalityProblem(options.role, options.municipality);
  if (problem) {
    throw invalid("municipality", problem);
  }
  await assertMunicipalityExists(db, options.municipality);
  const temporaryPassword = options.password === undefined ? generatePassword() : null;
  const password = options.password ?? (temporaryPassword as string);
  const policy = serverPasswordProblem(password, { email: options.email });
  if (policy) {
    throw new AppError("password_policy", policy, [{ field: "password", message: policy }]);
  }
  const passwordHash = await hashPassword(password);
  try {
    const created = await db.transaction(async (tx) => {
      const { email, name, role } = options;
      const account = { email, name, role, municipalityCvegeo: options.municipality, passwordHash };
      const row = { ...account, mustChangePassword: temporaryPassword !== null };
      const created = await insertAudited(tx, actor, users, row, (written) => ({
        action: "user.created",
        entityType: "user",
        municipality: written.municipalityCvegeo,
        after: auditView(written),
      }));
      const welcomeLinkExpiresAt =
        welcome && temporaryPassword !== null
          ? await sendWelcomeLink(tx, created, actor, welcome)
          : null;
      return { id: created.id, welcomeLinkExpiresAt };
    });
    if (created.welcomeLinkExpiresAt) {
      mailQueued();
    }
    const shown = welcome && !welcome.showTemporaryPassword ? null : temporaryPassword;
    return { ...created, temporaryPassword: shown };
  } catch (error) {
    if (isUniqueViolation(error, "users_email_unique")) {
      throw conflict(`Ya existe una cuenta con el correo ${options.email}.`);
    }
    throw error;
  }
}

/** The welcome link of a new account, e-mailed in the transaction that creates it. */
async function sendWelcomeLink(
  tx: Transaction,
  user: typeof users.$inferSelect,
  actor: Actor,
  welcome: WelcomeOptions,
): Promise<Date> {
  const expiresAt = await issueAccountLink(tx, {
    user,
    purpose: "welcome",
    now: welcome.now,
    publicUrl: welcome.publicUrl,
    ip: actor.ip,
  });
  await recordAudit(tx, actor, {
    action: "user.welcome_link_sent",
    entityType: "user",
    entityId: user.id,
    municipality: user.municipalityCvegeo,
    after: { expiresAt: expiresAt.toISOString(), invitedBy: actor.label },
  });
  return expiresAt;
}

export interface UpdateUserOptions {
  name?: string | undefined;
  role?: Role | undefined;
  municipality?: string | null | undefined;
  active?: boolean | undefined;
}

/**
 * Changes a user's name, role, municipality or active flag. Deactivating ends every session of
 * the user at once. An admin cannot lock themself out, nor leave the instance without an admin.
 */
export async function updateUser(
  db: Database,
  id: string,
  patch: UpdateUserOptions,
  actor: Actor,
  /** The accounts this caller may change (a liaison: its own collaborators); others are not found. */
  within: (current: typeof users.$inferSelect) => boolean = () => true,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, id)).limit(1).for("update");
    if (!current || !within(current)) {
      throw notFound("La cuenta no existe.");
    }
    const role = patch.role ?? current.role;
    const municipality =
      patch.municipality !== undefined ? patch.municipality : current.municipalityCvegeo;
    const active = patch.active ?? current.active;
    const problem = roleMunicipalityProblem(role, municipality);
    if (problem) {
      throw invalid("municipality", problem);
    }
    await assertMunicipalityExists(tx, municipality);
    if (current.role === "admin" && (role !== "admin" || !active)) {
      await assertNotLastAdmin(tx, current.id, actor);
    }
    const [updated] = await tx
      .update(users)
      .set({
        name: patch.name ?? current.name,
        role,
        municipalityCvegeo: municipality,
        active,
        deactivatedAt: active ? null : (current.deactivatedAt ?? new Date()),
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning();
    if (!updated) {
      throw notFound("La cuenta no existe.");
    }
    const lostAccess =
      !active || role !== current.role || municipality !== current.municipalityCvegeo;
    // API tokens end with the access they were made for; a reactivation ends any left from
    // before the deactivation (one made by the liaison hand-over, say), so none comes back.
    if (lostAccess || (active && !current.active)) {
      await revokeAccountTokens(tx, {
        userId: id,
        reason: "account_changed",
        actor,
        now: new Date(),
      });
    }
    if (lostAccess) {
      // Old sessions carry the old role and municipality: end them rather than trust them. The
      // calendar feed was made for what the account could see: it ends too, and the owner
      // creates a new one if they still want it.
      await tx.delete(sessions).where(eq(sessions.userId, id));
      const [feed] = await tx
        .delete(calendarFeeds)
        .where(eq(calendarFeeds.userId, id))
        .returning({ createdAt: calendarFeeds.createdAt });
      if (feed) {
        await recordAudit(tx, actor, {
          action: "calendar_feed.revoked",
          entityType: "calendar_feed",
          entityId: id,
          municipality: current.municipalityCvegeo,
          before: { createdAt: feed.createdAt.toISOString() },
          after: { reason: "La cuenta cambió de rol o de municipio, o se desactivó." },
        });
      }
    }
    await recordAudit(tx, actor, {
      action: updateAction(current, updated),
      entityType: "user",
      entityId: id,
      municipality: updated.municipalityCvegeo ?? current.municipalityCvegeo,
      before: auditView(current),
      after: auditView(updated),
    });
  });
}

function updateAction(
  before: typeof users.$inferSelect,
  after: typeof users.$inferSelect,
): Extract<AuditAction, `user.${string}`> {
  if (before.active !== after.active) {
    return after.active ? "user.reactivated" : "user.deactivated";
  }
  if (before.role !== after.role || before.municipalityCvegeo !== after.municipalityCvegeo) {
    return "user.role_changed";
  }
  return "user.updated";
}

async function assertNotLastAdmin(tx: Executor, userId: string, actor: Actor): Promise<void> {
  if (actor.id === userId) {
    throw new AppError(
      "forbidden",
      "No puede desactivar su propia cuenta ni quitarse el rol de administrador.",
    );
  }
  const [row] = await tx
    .select({ admins: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, userId)));
  if ((row?.admins ?? 0) === 0) {
    throw conflict("Debe quedar al menos un administrador activo.");
  }
}

/** Sets a new temporary password, to be changed at next sign-in, and ends the user's sessions. */
export async function resetPassword(db: Database, id: string, actor: Actor): Promise<string> {
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (!updated) {
      throw notFound("La cuenta no existe.");
    }
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await revokeAccountTokens(tx, { userId: id, reason: "password_reset", actor, now: new Date() });
    await recordAudit(tx, actor, {
      action: "user.password_reset",
      entityType: "user",
      entityId: id,
      municipality: updated.municipalityCvegeo,
    });
  });
  return temporaryPassword;
}

async function assertMunicipalityExists(db: Executor, cvegeo: string | null): Promise<void> {
  if (cvegeo === null) {
    return;
  }
  const [found] = await db
    .select({ cvegeo: municipalities.cvegeo })
    .from(municipalities)
    .where(eq(municipalities.cvegeo, cvegeo))
    .limit(1);
  if (!found) {
    throw invalid("municipality", `No existe un municipio con la clave ${cvegeo}.`);
  }
}

/** What the audit trail keeps of a user: never the password hash. */
function auditView(user: typeof users.$inferSelect) {
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    municipality: user.municipalityCvegeo,
    active: user.active,
  };
}
