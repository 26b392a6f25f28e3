import { and, count, eq, gt, isNull } from "drizzle-orm";
import {
  type AccountLinkPurpose,
  accountLinkExpiresAt,
  accountLinkPath,
  mayResendReset,
  RESET_TOKEN_INVALID_MESSAGE,
  RESET_TOKEN_MINUTES,
  type ResetRequestOutcome,
  resetAccountWindowStart,
  resetTokenUsable,
  WELCOME_TOKEN_DAYS,
} from "../../../domain/password-reset.js";
import type { Database, Executor } from "../../db/client.js";
import { mailOutbox, passwordResetTokens, sessions, users } from "../../db/schema/index.js";
import { recordAudit } from "../../lib/audit.js";
import { serverPasswordProblem } from "../../lib/breached-passwords.js";
import { emailHtml } from "../../lib/email-html.js";
import { AppError } from "../../lib/errors.js";
import { escapeHtml } from "../../lib/html.js";
import { hashPassword } from "../../lib/passwords.js";
import { mailQueued } from "../../mail/signal.js";
import { hashToken, newToken } from "../../plugins/auth.js";
import { recordOwnAccountEvent } from "./own-account-audit.js";

const APP_NAME = "MRTM · Modelo Regional de Transparencia Municipal";

/** What each kind of account link's e-mail says. */
const LINK_WORDING: Record<
  AccountLinkPurpose,
  { subject: string; intro: string; button: string; note: string }
> = {
  reset: {
    subject: "Restablecer su contraseña de MRTM",
    intro:
      "Recibimos una solicitud para restablecer la contraseña de su cuenta. Para elegir una nueva, abra este enlace:",
    button: "Elegir una nueva contraseña",
    note: `El enlace vale ${RESET_TOKEN_MINUTES} minutos y sirve una sola vez. Al usarlo se cierran todas sus sesiones abiertas. Si usted no lo solicitó, ignore este correo: su contraseña no cambia.`,
  },
  welcome: {
    subject: "Bienvenida a MRTM: cree su contraseña",
    intro:
      "Se creó una cuenta para usted en la plataforma del Modelo Regional de Transparencia Municipal. Para entrar, cree su contraseña en este enlace:",
    button: "Crear contraseña",
    note: `El enlace vale ${WELCOME_TOKEN_DAYS} días y sirve una sola vez. Si vence, pida uno nuevo en «¿Olvidó su contraseña?» con este mismo correo. Si no esperaba esta cuenta, ignore este correo.`,
  },
};

/** An account link's e-mail (recovery or welcome), in Spanish, plain text and HTML saying the same. */
export function renderAccountLinkEmail(
  purpose: AccountLinkPurpose,
  options: { name: string; url: string },
) {
  const { subject, intro, button, note } = LINK_WORDING[purpose];
  const text = [
    `Hola, ${options.name}:`,
    "",
    intro,
    options.url,
    "",
    note,
    "",
    "--",
    APP_NAME,
    "",
  ].join("\n");
  const html = emailHtml({
    subject,
    name: options.name,
    content: `<p style="margin:0 0 16px">${escapeHtml(intro)}</p>`,
    url: options.url,
    button,
    after: `<p style="margin:0 0 16px">${escapeHtml(note)}</p>`,
    footer: escapeHtml(APP_NAME),
  });
  return { subject, text, html };
}

/**
 * Issues an account link inside the caller's transaction: a single-use token (only its hash is
 * kept) and the e-mail carrying it, queued in the outbox. The caller signals the sender
 * (`mailQueued`) after commit. Returns when the link stops working.
 */
export async function issueAccountLink(
  tx: Executor,
  options: {
    user: { id: string; name: string; email: string };
    purpose: AccountLinkPurpose;
    now: Date;
    publicUrl: string;
    ip: string | null;
  },
): Promise<Date> {
  const { user, ...rest } = options;
  return issueAccountLinks(tx, { ...rest, users: [user] });
}

/** `issueAccountLink` for many accounts in two statements (the XLSX import welcomes thousands). */
export async function issueAccountLinks(
  tx: Executor,
  options: {
    users: { id: string; name: string; email: string }[];
    purpose: AccountLinkPurpose;
    now: Date;
    publicUrl: string;
    ip: string | null;
  },
): Promise<Date> {
  const expiresAt = accountLinkExpiresAt(options.purpose, options.now);
  if (options.users.length === 0) {
    return expiresAt;
  }
  const links = options.users.map((user) => ({ user, token: newToken() }));
  await tx.insert(passwordResetTokens).values(
    links.map(({ user, token }) => ({
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: options.now,
      expiresAt,
      ip: options.ip,
    })),
  );
  await tx.insert(mailOutbox).values(
    links.map(({ user, token }) => ({
      to: user.email,
      ...renderAccountLinkEmail(options.purpose, {
        name: user.name,
        url: `${options.publicUrl}${accountLinkPath(options.purpose)}?token=${encodeURIComponent(token)}`,
      }),
    })),
  );
  return expiresAt;
}

/**
 * «¿Olvidaste tu contraseña?»: e-mails an active account a single-use link, valid
 * RESET_TOKEN_MINUTES, unless it was sent RESET_MAX_PER_ACCOUNT already within the window. Every
 * request does the same work and records one `auth.password_reset_requested` event (its outcome
 * is for the audit trail only): the caller answers the same whatever happened, and about as fast.
 */
export async function requestPasswordReset(
  db: Database,
  options: { email: string; ip: string | null; now: Date; publicUrl: string },
): Promise<ResetRequestOutcome> {
  const { email, now } = options;
  const outcome = await db.transaction(async (tx) => {
    // Locking the account's row serialises its requests, so the per-account limit holds.
    const [user] = await tx.select().from(users).where(eq(users.email, email)).for("update");
    let result: ResetRequestOutcome;
    if (!user) {
      result = "unknown_email";
    } else if (!user.active) {
      result = "inactive";
    } else {
      const [sent] = await tx
        .select({ n: count() })
        .from(passwordResetTokens)
        .where(
          and(
            eq(passwordResetTokens.userId, user.id),
            gt(passwordResetTokens.createdAt, resetAccountWindowStart(now)),
          ),
        );
      result = mayResendReset(sent?.n ?? 0) ? "sent" : "limited";
    }
    if (user && result === "sent") {
      await issueAccountLink(tx, {
        user,
        purpose: "reset",
        now,
        publicUrl: options.publicUrl,
        ip: options.ip,
      });
    }
    await recordAudit(
      tx,
      { id: user?.id ?? null, label: email, ip: options.ip },
      {
        action: "auth.password_reset_requested",
        entityType: "login",
        entityId: email,
        municipality: user?.municipalityCvegeo ?? null,
        after: { outcome: result },
      },
    );
    return result;
  });
  if (outcome === "sent") {
    mailQueued();
  }
  return outcome;
}

/**
 * Sets a new password with a recovery link's token: the token must exist, be unused and
 * unexpired, and its account active. The token and every other link of the account stop working,
 * and every session of the account ends (whoever else was signed in is signed out).
 */
export async function confirmPasswordReset(
  db: Database,
  options: { token: string; newPassword: string; ip: string | null; now: Date },
): Promise<void> {
  const invalid = () => new AppError("reset_token_invalid", RESET_TOKEN_INVALID_MESSAGE);
  const tokenHash = hashToken(options.token);
  const [found] = await db
    .select({ token: passwordResetTokens, user: users })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(eq(passwordResetTokens.tokenHash, tokenHash))
    .limit(1);
  if (!found?.user.active || !resetTokenUsable(found.token, options.now)) {
    throw invalid();
  }
  const { user } = found;
  const problem = serverPasswordProblem(options.newPassword, { email: user.email });
  if (problem) {
    throw new AppError("password_policy", problem, [{ field: "newPassword", message: problem }]);
  }
  const passwordHash = await hashPassword(options.newPassword);
  await db.transaction(async (tx) => {
    // Spending the token is the guard: of two uses at once, only one finds it unused.
    const spent = await tx
      .update(passwordResetTokens)
      .set({ usedAt: options.now })
      .where(
        and(
          eq(passwordResetTokens.id, found.token.id),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, options.now),
        ),
      )
      .returning({ id: passwordResetTokens.id });
    if (spent.length === 0) {
      throw invalid();
    }
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: options.now })
      .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: options.now })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await recordOwnAccountEvent(tx, user, options.ip, "user.password_recovered");
  });
}
