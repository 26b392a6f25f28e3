import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { MAIL_STATUSES, NOTIFICATION_KINDS } from "../../../domain/notifications.js";
import { createdAt, ownedBy, primaryUuid, timestamptz } from "./columns.js";
import { userRef, users } from "./users.js";

/**
 * An in-app notification. `dedupeKey` makes delivery idempotent: the reminder job and the event
 * hooks insert with ON CONFLICT DO NOTHING, so nobody is told the same thing twice.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: primaryUuid(),
    userId: userRef().notNull(),
    kind: text({ enum: NOTIFICATION_KINDS }).notNull(),
    title: text().notNull(),
    body: text().notNull(),
    /** Path inside the web app, e.g. /herramientas/<id>. */
    link: text().notNull(),
    dedupeKey: text().notNull(),
    createdAt: createdAt(),
    readAt: timestamptz(),
  },
  (table) => [
    uniqueIndex("notifications_dedupe").on(table.userId, table.dedupeKey),
    index().on(table.userId, table.createdAt),
    // The inbox's order (unread first, newest first): a page reads its rows off the index
    // instead of sorting all of a user's notifications.
    index("notifications_inbox_order_index").on(
      table.userId,
      sql`(${table.readAt} is null) desc`,
      // NULLS FIRST is what a plain DESC in ORDER BY means: the planner matches it exactly.
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // The unread count on every page's bell.
    index("notifications_unread_index").on(table.userId).where(sql`${table.readAt} is null`),
  ],
);

/** Which kinds a user wants by e-mail. No row means the default (yes). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: ownedBy(() => users.id),
    kind: text({ enum: NOTIFICATION_KINDS }).notNull(),
    email: boolean().notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);

/**
 * Every e-mail, written in the same transaction as its notification. A sender delivers pending
 * rows over SMTP; with no SMTP configured they stay here for admins to read, so nothing is lost.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: primaryUuid(),
    notificationId: uuid().references(() => notifications.id),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    /** pending → sent | failed; `held` when no SMTP server is configured. */
    status: text({ enum: MAIL_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /**
     * When a sender may (re)try this row: the retry backoff after a failure, and the lease a
     * sender takes while it delivers (a crashed sender's rows become claimable again after it).
     */
    nextAttemptAt: timestamptz().notNull().defaultNow(),
    createdAt: createdAt(),
    sentAt: timestamptz(),
  },
  (table) => [
    index().on(table.status, table.createdAt),
    index().on(table.status, table.nextAttemptAt),
  ],
);

/** One row per job and day it completed: how the daily job knows what it still owes after downtime. */
export const jobRuns = pgTable(
  "job_runs",
  {
    job: text().notNull(),
    runOn: date({ mode: "string" }).notNull(),
    startedAt: timestamptz().notNull(),
    finishedAt: timestamptz(),
    summary: text(),
  },
  (table) => [primaryKey({ columns: [table.job, table.runOn] })],
);

/** A user's private iCalendar feed; the URL carries a token whose SHA-256 is stored here. */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text().notNull().unique(),
  createdAt: createdAt(),
});
