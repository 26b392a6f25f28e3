import { index, integer, jsonb, pgTable, text, uuid, varchar } from "drizzle-orm/pg-core";
import type { DraftContent } from "../../../domain/document-templates.js";
import { createdAt, primaryUuid, timestamptz } from "./columns.js";
import { municipalities } from "./municipalities.js";
import { toolInstances } from "./participation.js";
import { userRef } from "./users.js";

/**
 * The draft of a guided document (issue 15): one per tool instance, written by its municipality
 * from the template of the instance's model tool (or part). Content is structured JSON
 * (`DraftContent`), checked against the template and an allow-list of rich-text nodes.
 */
export const documentDrafts = pgTable("document_drafts", {
  id: primaryUuid(),
  toolInstanceId: uuid()
    .notNull()
    .unique()
    .references(() => toolInstances.id),
  /** Copied from the instance so scoping by municipality needs no join. */
  municipalityCvegeo: varchar({ length: 5 })
    .notNull()
    .references(() => municipalities.cvegeo),
  content: jsonb().$type<DraftContent>().notNull(),
  /** Bumped on every save: a save sends the revision it started from (optimistic concurrency). */
  revision: integer().notNull().default(1),
  createdAt: createdAt(),
  updatedAt: timestamptz().notNull().defaultNow(),
  updatedBy: userRef().notNull(),
});

/** A comment on one section of a draft, among the municipality's team. */
export const documentDraftComments = pgTable(
  "document_draft_comments",
  {
    id: primaryUuid(),
    draftId: uuid()
      .notNull()
      .references(() => documentDrafts.id),
    municipalityCvegeo: varchar({ length: 5 }).notNull(),
    sectionKey: text().notNull(),
    body: text().notNull(),
    authorId: userRef().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.draftId, table.createdAt)],
);
