import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  unique,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import type { DocumentTemplate, DraftContent } from "../../../domain/document-templates.js";
import {
  type CriterionResult,
  OBSERVATION_TYPES,
  REVIEW_OUTCOMES,
} from "../../../domain/review.js";
import { createdAt, timestamptz } from "./columns.js";
import { toolInstances } from "./participation.js";
import { users } from "./users.js";

/** One uploaded version of a document for a tool instance. Nothing is overwritten. */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: uuid().primaryKey().defaultRandom(),
    toolInstanceId: uuid()
      .notNull()
      .references(() => toolInstances.id),
    /** Copied from the instance so scoping by municipality needs no join. */
    municipalityCvegeo: varchar({ length: 5 }).notNull(),
    /** 1, 2, 3… per instance. */
    version: integer().notNull(),
    blobKey: text().notNull(),
    sha256: varchar({ length: 64 }).notNull(),
    size: bigint({ mode: "number" }).notNull(),
    mime: text().notNull(),
    fileName: text().notNull(),
    effectiveOn: date({ mode: "string" }).notNull(),
    isPublic: boolean().notNull().default(false),
    uploadedBy: uuid()
      .notNull()
      .references(() => users.id),
    uploadedAt: createdAt(),
    /**
     * Withdrawn from publication (see src/domain/publication.ts): when, by whom and why. The file
     * stays in the record; only the public portal, the open data and the public API stop showing it.
     */
    withdrawnAt: timestamptz(),
    withdrawnBy: uuid().references(() => users.id),
    withdrawalReason: text(),
  },
  (table) => [
    unique().on(table.toolInstanceId, table.version),
    index().on(table.municipalityCvegeo),
  ],
);

/** A draft kept with a submission: its template, content and revision at the time. */
export interface DraftSnapshot {
  template: DocumentTemplate;
  content: DraftContent;
  revision: number;
}

/** A submission to review: which evidence versions were sent, by whom, when. */
export const submissions = pgTable(
  "submissions",
  {
    id: uuid().primaryKey().defaultRandom(),
    toolInstanceId: uuid()
      .notNull()
      .references(() => toolInstances.id),
    evidenceIds: jsonb().$type<string[]>().notNull(),
    /**
     * The guided document's draft as it was when the tool was sent (issue 15): the reviewer reads
     * the structured content beside the signed file. Null when the tool has no draft.
     */
    draftSnapshot: jsonb().$type<DraftSnapshot>(),
    submittedBy: uuid()
      .notNull()
      .references(() => users.id),
    submittedAt: createdAt(),
  },
  (table) => [index().on(table.toolInstanceId, table.submittedAt)],
);

export const reviewDecisionEnum = pgEnum("review_decision", REVIEW_OUTCOMES);
export const observationTypeEnum = pgEnum("observation_type", OBSERVATION_TYPES);

/** A reviewer's decision on a submission. */
export const reviews = pgTable(
  "reviews",
  {
    id: uuid().primaryKey().defaultRandom(),
    toolInstanceId: uuid()
      .notNull()
      .references(() => toolInstances.id),
    submissionId: uuid()
      .notNull()
      .unique()
      .references(() => submissions.id),
    decision: reviewDecisionEnum().notNull(),
    /** Per-criterion results (1 / 0.5 / 0), by part where the tool has parts. */
    criteria: jsonb().$type<{ code: string; result: CriterionResult }[]>().notNull().default([]),
    /** The maturity level reached, for tools that define levels (P2). */
    maturityLevel: integer(),
    reviewerId: uuid()
      .notNull()
      .references(() => users.id),
    decidedAt: createdAt(),
  },
  // By instance and time: "the latest review of each instance" reads one index entry.
  (table) => [index().on(table.toolInstanceId, table.decidedAt)],
);

/** A finding of a review, and the municipality's answer to it. */
export const observations = pgTable(
  "observations",
  {
    id: uuid().primaryKey().defaultRandom(),
    reviewId: uuid()
      .notNull()
      .references(() => reviews.id),
    toolInstanceId: uuid()
      .notNull()
      .references(() => toolInstances.id),
    /** Order in which the reviewer wrote them. */
    position: integer().notNull().default(0),
    type: observationTypeEnum().notNull(),
    /** The section of the guided document the observation is about, if any (issue 15). */
    sectionKey: text(),
    text: text().notNull(),
    answer: text(),
    answeredBy: uuid().references(() => users.id),
    answeredAt: timestamptz(),
  },
  (table) => [index().on(table.toolInstanceId), index().on(table.reviewId)],
);
