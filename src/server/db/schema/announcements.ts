import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ANNOUNCEMENT_AUDIENCES } from "../../../domain/announcements.js";
import { createdAt, ownedBy, primaryUuid, requiredRef, timestamptz } from "./columns.js";
import { municipalityRef } from "./municipalities.js";
import { userRef, users } from "./users.js";

/**
 * An announcement (*aviso*) staff sent to liaisons: its text, to whom (everyone, a cohort or the
 * chosen municipalities, kept as asked) and who sent it. Sent once, never edited.
 */
export const announcements = pgTable(
  "announcements",
  {
    id: primaryUuid(),
    title: text().notNull(),
    body: text().notNull(),
    audience: text({ enum: ANNOUNCEMENT_AUDIENCES }).notNull(),
    cohort: text(),
    /** The municipalities chosen (audience `municipalities`), as INEGI keys; else empty. */
    municipalities: jsonb().$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    sentBy: userRef().notNull(),
    sentAt: createdAt(),
  },
  (table) => [index().on(table.sentAt)],
);

/**
 * Who an announcement reached: each designated liaison of its municipalities when it was sent,
 * and when they read it (null: not yet).
 */
export const announcementRecipients = pgTable(
  "announcement_recipients",
  {
    announcementId: requiredRef(() => announcements.id),
    userId: ownedBy(() => users.id),
    municipalityCvegeo: municipalityRef(),
    readAt: timestamptz(),
  },
  (table) => [
    primaryKey({ columns: [table.announcementId, table.userId] }),
    index().on(table.userId),
  ],
);
