import { and, eq, inArray, isNull } from "drizzle-orm";
import {
  NOTIFICATION_KINDS_BY_ROLE,
  type NotificationKind,
  wantsEmail,
} from "../../../domain/notifications.js";
import type { Database, Executor } from "../../db/client.js";
import {
  mailOutbox,
  notificationPreferences,
  notifications,
  users,
} from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { updateAudited } from "../../lib/audited-writes.js";
import { AppError, conflict } from "../../lib/errors.js";
import { lockedById, lockedRow } from "../../lib/found-row.js";
import { mailQueued } from "../../mail/signal.js";
import type { AuthUser } from "../../plugins/auth.js";
import { renderEmail } from "./email.js";

/** What one person is told: the in-app notification, and the e-mail built from it. */
export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  /** Short; also the e-mail's subject. */
  title: string;
  /** Plain text; blank lines separate paragraphs. */
  body: string;
  /** Path in the web app (`/herramientas/…`); e-mails make it absolute. */
  link: string;
  /**
   * What makes this notification unique for its recipient: the same key is never delivered to the
   * same person twice (a retry, a second run of the job, another process).
   */
  dedupeKey: string;
  /** The e-mail's button: "Ver la herramienta". */
  action?: string;
}

export interface NotifyResult {
  /** Notifications inserted (drafts already delivered before are skipped). */
  created: number;
  /** E-mails queued in the outbox. */
  emails: number;
}

// Rows per INSERT: far below Postgres' 65,535 bind parameters.
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) {
    result.push(items.slice(index, index + size));
  }
  return result;
}

/** Tells each of these people the same thing (one draft per person): see notify. */
export function notifyEach(
  tx: Executor,
  people: readonly { id: string }[],
  draft: Omit<NotificationDraft, "userId">,
): Promise<NotifyResult> {
  return notify(
    tx,
    people.map((person) => ({ userId: person.id, ...draft })),
  );
}

/**
 * Tells people something, inside the caller's transaction (so it happens if and only if the
 * change it reports commits). Each draft becomes one notification unless its recipient already
 * has one with the same dedupe key (ON CONFLICT DO NOTHING: exactly once). For each notification
 * actually created, an e-mail is queued in the outbox when the recipient is active and has not
 * turned e-mail off for that kind; it is sent after commit by the outbox sender.
 */
export async function notify(tx: Executor, drafts: NotificationDraft[]): Promise<NotifyResult> {
  const unique = new Map<string, NotificationDraft>();
  for (const draft of drafts) {
    unique.set(`${draft.userId}\u0000${draft.dedupeKey}`, draft);
  }
  if (unique.size === 0) {
    return { created: 0, emails: 0 };
  }
  const created: { id: string; userId: string; dedupeKey: string }[] = [];
  for (const chunk of chunks([...unique.values()])) {
    const rows = await tx
      .insert(notifications)
      .values(
        chunk.map((draft) => ({
          userId: draft.userId,
          kind: draft.kind,
          title: draft.title,
          body: draft.body,
          link: draft.link,
          dedupeKey: draft.dedupeKey,
        })),
      )
      .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
      .returning({
        id: notifications.id,
        userId: notifications.userId,
        dedupeKey: notifications.dedupeKey,
      });
    created.push(...rows);
  }
  if (created.length === 0) {
    return { created: 0, emails: 0 };
  }

  const userIds = [...new Set(created.map((row) => row.userId))];
  const people = new Map<string, { email: string; name: string; active: boolean }>();
  const choices = new Map<string, boolean>();
  for (const ids of chunks(userIds)) {
    for (const person of await tx
      .select({ id: users.id, email: users.email, name: users.name, active: users.active })
      .from(users)
      .where(inArray(users.id, ids))) {
      people.set(person.id, person);
    }
    for (const choice of await tx
      .select()
      .from(notificationPreferences)
      .where(inArray(notificationPreferences.userId, ids))) {
      choices.set(`${choice.userId}\u0000${choice.kind}`, choice.email);
    }
  }

  const outbox = created.flatMap((row) => {
    const draft = unique.get(`${row.userId}\u0000${row.dedupeKey}`);
    const person = people.get(row.userId);
    if (!draft || !person?.active || !wantsEmail(choices.get(`${row.userId}\u0000${draft.kind}`))) {
      return [];
    }
    const email = renderEmail({
      recipientName: person.name,
      kind: draft.kind,
      title: draft.title,
      body: draft.body,
      link: draft.link,
      action: draft.action,
    });
    return [{ notificationId: row.id, to: person.email, ...email }];
  });
  for (const chunk of chunks(outbox)) {
    await tx.insert(mailOutbox).values(chunk);
  }
  if (outbox.length > 0) {
    mailQueued();
  }
  return { created: created.length, emails: outbox.length };
}

/**
 * Marks one of the user's own notifications read; another person's answers 404. Marking it
 * records `notification.read` (once: marking a read notification again changes nothing).
 */
export async function markRead(db: Database, id: string, user: AuthUser, actor: Actor, now: Date) {
  return db.transaction(async (tx) => {
    const current = await lockedRow(
      tx,
      notifications,
      and(eq(notifications.id, id), eq(notifications.userId, user.id)),
      "La notificación no existe.",
    );
    if (current.readAt !== null) {
      return current;
    }
    const [row] = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(eq(notifications.id, id))
      .returning();
    if (!row) {
      throw new Error("update returned no row");
    }
    await recordAudit(tx, actor, {
      action: "notification.read",
      entityType: "notification",
      entityId: row.id,
      after: { count: 1, all: false, kind: row.kind, title: row.title },
    });
    return row;
  });
}

/**
 * Marks every unread notification of the user read («marcar todas»); returns how many were. One
 * `notification.read` event records how many, when there were any.
 */
export async function markAllRead(
  db: Database,
  user: AuthUser,
  actor: Actor,
  now: Date,
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (rows.length > 0) {
      await recordAudit(tx, actor, {
        action: "notification.read",
        entityType: "notification",
        after: { count: rows.length, all: true },
      });
    }
    return rows.length;
  });
}

/**
 * Saves which kinds the user gets by e-mail. Only the kinds their role receives can be set; in
 * the app every notification is always shown.
 */
export async function savePreferences(
  db: Database,
  user: AuthUser,
  preferences: { kind: NotificationKind; email: boolean }[],
  actor: Actor,
): Promise<void> {
  const allowed = NOTIFICATION_KINDS_BY_ROLE[user.role];
  const foreign = preferences.filter((p) => !allowed.includes(p.kind));
  if (foreign.length > 0) {
    throw new AppError(
      "validation_error",
      "Alguna preferencia no corresponde a los avisos de su rol.",
      foreign.map((p) => ({
        field: `preferences.${p.kind}`,
        message: "Su rol no recibe este aviso.",
      })),
    );
  }
  await db.transaction(async (tx) => {
    const before = await tx
      .select({ kind: notificationPreferences.kind, email: notificationPreferences.email })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, user.id));
    for (const preference of preferences) {
      await tx
        .insert(notificationPreferences)
        .values({ userId: user.id, kind: preference.kind, email: preference.email })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.kind],
          set: { email: preference.email },
        });
    }
    await recordAudit(tx, actor, {
      action: "notification_preferences.updated",
      entityType: "user",
      entityId: user.id,
      before: Object.fromEntries(before.map((p) => [p.kind, p.email])),
      after: Object.fromEntries(preferences.map((p) => [p.kind, p.email])),
    });
  });
}

/**
 * Puts a failed or held e-mail back in the queue for the sender (admins, once SMTP works).
 * Needs an SMTP server: without one it would only be held again.
 */
export async function retryOutboxMessage(
  db: Database,
  id: string,
  smtpConfigured: boolean,
  actor: Actor,
  now: Date,
): Promise<void> {
  if (!smtpConfigured) {
    throw conflict(
      "No hay un servidor de correo configurado (MRTM_SMTP_URL): el correo seguiría retenido.",
    );
  }
  await db.transaction(async (tx) => {
    const row = await lockedById(tx, mailOutbox, id, "El correo no existe.");
    if (row.status !== "failed" && row.status !== "held") {
      throw conflict("Solo se reintentan los correos que fallaron o quedaron retenidos.");
    }
    const retried = {
      status: "pending" as const,
      attempts: 0,
      lastError: null,
      nextAttemptAt: now,
    };
    await updateAudited(tx, actor, mailOutbox, id, retried, {
      action: "mail.retried",
      entityType: "mail",
      before: { status: row.status, attempts: row.attempts },
      after: { status: "pending" },
    });
  });
  mailQueued();
}
