import { and, count, desc, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import type {
  Notification,
  NotificationList,
  NotificationPreferences,
  OutboxList,
  OutboxMessage,
  OutboxMessageDetail,
} from "../../../contracts/notifications.js";
import { noticeActionLabel, noticeBlocks } from "../../../domain/notice-content.js";
import {
  MAIL_STATUSES,
  type MailStatus,
  NOTIFICATION_KIND_DESCRIPTIONS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS_BY_ROLE,
  wantsEmail,
} from "../../../domain/notifications.js";
import type { Database, Executor } from "../../db/client.js";
import { mailOutbox, notificationPreferences, notifications } from "../../db/schema/index.js";
import { foundRow } from "../../lib/found-row.js";
import { pageOf } from "../../lib/paged-list.js";
import type { AuthUser } from "../../plugins/auth.js";

export function presentNotification(row: typeof notifications.$inferSelect): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    content: { blocks: noticeBlocks(row.body), action: noticeActionLabel(row.link) },
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The user's own notifications: unread first, then newest first; paged. */
export async function listNotifications(
  db: Database,
  user: AuthUser,
  options: { page: number; pageSize: number; unreadOnly: boolean },
): Promise<NotificationList> {
  const where = and(
    eq(notifications.userId, user.id),
    options.unreadOnly ? isNull(notifications.readAt) : undefined,
  );
  const [rows, [total], unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(
        sql`(${notifications.readAt} is null) desc`,
        desc(notifications.createdAt),
        desc(notifications.id),
      )
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize),
    db.select({ n: count() }).from(notifications).where(where),
    countUnread(db, user.id),
  ]);
  return {
    ...pageOf(rows.map(presentNotification), total, options),
    unread,
  };
}

/** The kinds the user's role receives, each with whether it also comes by e-mail. */
export async function getPreferences(
  db: Executor,
  user: AuthUser,
): Promise<NotificationPreferences> {
  const saved = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, user.id));
  return {
    email: user.email,
    items: NOTIFICATION_KINDS_BY_ROLE[user.role].map((kind) => ({
      kind,
      label: NOTIFICATION_KIND_LABELS[kind],
      description: NOTIFICATION_KIND_DESCRIPTIONS[kind],
      email: wantsEmail(saved.find((row) => row.kind === kind)?.email),
    })),
  };
}

function presentOutbox(row: typeof mailOutbox.$inferSelect): OutboxMessage {
  return {
    id: row.id,
    to: row.to,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The outbox for admins: newest first, by status and a search in recipient and subject. */
export async function listOutbox(
  db: Database,
  options: { page: number; pageSize: number; status?: MailStatus; q?: string },
  smtpConfigured: boolean,
): Promise<OutboxList> {
  const conditions: SQL[] = [];
  if (options.status) {
    conditions.push(eq(mailOutbox.status, options.status));
  }
  if (options.q) {
    const pattern = `%${escapeLike(options.q)}%`;
    const match = or(ilike(mailOutbox.to, pattern), ilike(mailOutbox.subject, pattern));
    if (match) {
      conditions.push(match);
    }
  }
  const where = and(...conditions);
  const [rows, [total], byStatus] = await Promise.all([
    db
      .select()
      .from(mailOutbox)
      .where(where)
      .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize),
    db.select({ n: count() }).from(mailOutbox).where(where),
    db
      .select({ status: mailOutbox.status, n: count() })
      .from(mailOutbox)
      .groupBy(mailOutbox.status),
  ]);
  const counts = Object.fromEntries(MAIL_STATUSES.map((status) => [status, 0])) as Record<
    MailStatus,
    number
  >;
  for (const row of byStatus) {
    counts[row.status] = row.n;
  }
  return {
    ...pageOf(rows.map(presentOutbox), total, options),
    smtpConfigured,
    counts,
  };
}

async function findOutboxRow(db: Executor, id: string) {
  const row = await foundRow(db, mailOutbox, eq(mailOutbox.id, id), "El correo no existe.");
  return row;
}

export async function getOutboxMessage(db: Executor, id: string): Promise<OutboxMessageDetail> {
  const row = await findOutboxRow(db, id);
  return { ...presentOutbox(row), text: row.text };
}

export async function getOutboxHtml(db: Executor, id: string): Promise<string> {
  return (await findOutboxRow(db, id)).html;
}
