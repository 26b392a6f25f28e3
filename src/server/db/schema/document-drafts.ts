import { date, index, integer, jsonb, numeric, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { CONSULTATION_COMMENT_STATUSES } from "../../../domain/consultations.js";
import type { DocumentTemplate, DraftContent } from "../../../domain/document-templates.js";
import { createdAt, primaryUuid, requiredRef, timestamptz } from "./columns.js";
import { cvegeo, municipalityRef } from "./municipalities.js";
import { toolInstances } from "./participation.js";
import { openedAndClosed, userRef } from "./users.js";

/**
 * The draft of a guided document (issue 15): one per tool instance, written by its municipality
 * from the template of the instance's model tool (or part). Content is structured JSON
 * (`DraftContent`), checked against the template and an allow-list of rich-text nodes.
 */
export const documentDrafts = pgTable("document_drafts", {
  id: primaryUuid(),
  toolInstanceId: requiredRef(() => toolInstances.id).unique(),
  /** Copied from the instance so scoping by municipality needs no join. */
  municipalityCvegeo: municipalityRef(),
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
    draftId: requiredRef(() => documentDrafts.id),
    municipalityCvegeo: cvegeo().notNull(),
    sectionKey: text().notNull(),
    body: text().notNull(),
    authorId: userRef().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.draftId, table.createdAt)],
);

/**
 * A training delivered under an annual training plan (R2 officials, R3 citizens): one row per
 * session in the register of the plan's cycle (tool instance). Removing a row deletes it; the
 * audit trail keeps what it said.
 */
export const trainingSessions = pgTable(
  "training_sessions",
  {
    id: primaryUuid(),
    toolInstanceId: requiredRef(() => toolInstances.id),
    municipalityCvegeo: municipalityRef(),
    heldOn: date({ mode: "string" }).notNull(),
    topic: text().notNull(),
    /** Half hours at most: 1.5. */
    hours: numeric({ precision: 5, scale: 1, mode: "number" }).notNull(),
    audience: text().notNull(),
    peopleTrained: integer().notNull(),
    evidence: text().notNull().default(""),
    createdAt: createdAt(),
    createdBy: userRef().notNull(),
  },
  (table) => [index().on(table.toolInstanceId, table.heldOn)],
);

export const consultationCommentStatusEnum = pgEnum(
  "consultation_comment_status",
  CONSULTATION_COMMENT_STATUSES,
);

/**
 * M3's public consultation of one cycle: the secret of its public link, the report as it was put
 * to the citizens (template and content of the draft when it opened: they comment on a fixed
 * text while the team keeps writing), and when it opened and closed.
 */
export const consultations = pgTable("consultations", {
  id: primaryUuid(),
  toolInstanceId: requiredRef(() => toolInstances.id).unique(),
  municipalityCvegeo: municipalityRef(),
  /** The secret of the public link /consulta/<token>. */
  token: text().notNull().unique(),
  document: jsonb()
    .$type<{ template: DocumentTemplate; content: DraftContent; revision: number }>()
    .notNull(),
  ...openedAndClosed(),
});

/**
 * A citizen's question or comment on a consultation: no account; an optional name, the text, the
 * section it refers to (or the whole report), a hash of the browser's random key. Shown only once
 * the municipality publishes it, with its public answer; never edited by the municipality.
 */
export const consultationComments = pgTable(
  "consultation_comments",
  {
    id: primaryUuid(),
    consultationId: requiredRef(() => consultations.id),
    municipalityCvegeo: municipalityRef(),
    sectionKey: text(),
    authorName: text().notNull().default(""),
    body: text().notNull(),
    browserHash: text(),
    createdAt: createdAt(),
    status: consultationCommentStatusEnum().notNull().default("pending"),
    answer: text().notNull().default(""),
    moderatedAt: timestamptz(),
    moderatedBy: userRef(),
  },
  (table) => [index().on(table.consultationId, table.createdAt)],
);
