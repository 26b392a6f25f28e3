import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ROLES } from "../../../domain/roles.js";
import { createdAt, ownedBy, primaryUuid, timestamptz } from "./columns.js";
import { cvegeo, municipalities } from "./municipalities.js";

export const roleEnum = pgEnum("role", ROLES);

export const users = pgTable(
  "users",
  {
    id: primaryUuid(),
    /** Stored lower-cased; unique. */
    email: text().notNull(),
    name: text().notNull(),
    role: roleEnum().notNull(),
    municipalityCvegeo: cvegeo().references(() => municipalities.cvegeo),
    passwordHash: text().notNull(),
    active: boolean().notNull().default(true),
    mustChangePassword: boolean().notNull().default(false),
    /** A reviewer's opt-in: told of submissions of municipalities outside their portfolio too. */
    notifyUnassignedSubmissions: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamptz().notNull().defaultNow(),
    lastLoginAt: timestamptz(),
    deactivatedAt: timestamptz(),
  },
  (table) => [
    uniqueIndex("users_email_unique").on(table.email),
    index().on(table.municipalityCvegeo),
    check(
      "users_municipal_role_has_municipality",
      sql`(${table.role} in ('liaison', 'collaborator')) = (${table.municipalityCvegeo} is not null)`,
    ),
  ],
);

/** A signed-in browser. The id is the SHA-256 of the cookie's token, so a leaked table is useless. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: ownedBy(() => users.id),
    csrfToken: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamptz().notNull(),
    lastSeenAt: timestamptz().notNull().defaultNow(),
    ip: text(),
    userAgent: text(),
  },
  (table) => [index().on(table.userId), index().on(table.expiresAt)],
);

/**
 * A password-recovery link sent by e-mail (src/domain/password-reset.ts). Only the SHA-256 of the
 * link's token is kept, so a leaked table opens nothing; a token works once, until `expiresAt`.
 */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: primaryUuid(),
    userId: ownedBy(() => users.id),
    tokenHash: text().notNull().unique(),
    createdAt: timestamptz().notNull(),
    expiresAt: timestamptz().notNull(),
    usedAt: timestamptz(),
    /** The client address that asked for it. */
    ip: text(),
  },
  (table) => [index().on(table.userId, table.createdAt)],
);

/** A reference to the account that did something (created, decided, ended…). */
export const userRef = () => uuid().references(() => users.id);

/** When a public instrument (a survey, a consultation) was opened and by whom, and its closing. */
export const openedAndClosed = () => ({
  openedAt: createdAt(),
  openedBy: userRef().notNull(),
  closedAt: timestamptz(),
  closedBy: userRef(),
});
