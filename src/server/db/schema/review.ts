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
import {
  type CriterionResult,
  OBSERVATION_TYPES,
  REVIEW_OUTCOMES,
} from "../../../domain/review.js";
import { createdAt, primaryUuid, timestamptz } from "./columns.js";
import { cvegeo } from "./municipalities.js";
import { toolInstances } from "./participation.js";
import { userRef } from "./users.js";

/** One uploaded version of a document for a tool instance. Nothing is overwritten. */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: primaryUuid(),
    toolInstanceId: uuid()
      .notNull()
      .references(() => toolInstances.id),
    /** Copied from the instance so scoping by municipality needs no join. */
    municipalityCvegeo: cvegeo().notNull(),
    /** 1, 2, 3… per instance. */
    version: integer().notNull(),
    blobKey: text().notNull(),
    sha256: varchar({ length: 64 }).notNull(),
    size: bigint({ mode: "number" }).notNull(),
    mime: text().notNull(),
    fileName: text().notNull(),
    effectiveOn: date({ mode: "string" }).notNull(),
    isPublic: boolean().notNull().default(false),
    uploadedBy: userRef().notNull(),
    uploadedAt: createdAt(),
    /**
     * Withdrawn from publication (see src/domain/publication.ts): when, by whom and why. The file
     * stays in the record; only the public portal, the open data and the public API stop showing it.
     */
    withdrawnAt: timestamptz(),
    withdrawnBy: userRef(),
    withdrawalReason: text(),
  },
  (table) => [
    unique().on(table.toolInstanceId, table.version),
    index().on(table.municipalityCvegeo),
  ],
);

/** A submission to review: which evidence versions were sent, by whom, when. */
export const submissions = pgTable(
  "submissions",
  {
    id: primaryUuid(),
    toolInstanceId: uuid()
      .notNull()
      .references(() => toolInstances.id),
    evidenceIds: jsonb().$type<string[]>().notNull(),
    submittedBy: userRef().notNull(),
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
    id: primaryUuid(),
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
    reviewerId: userRef().notNull(),
    decidedAt: createdAt(),
  },
  // By instance and time: "the latest review of each instance" reads one index entry.
  (table) => [index().on(table.toolInstanceId, table.decidedAt)],
);

/** A finding of a review, and the municipality's answer to it. */
export const observations = pgTable(
  "observations",
  {
    id: primaryUuid(),
    reviewId: uuid()
      .notNull()
      .references(() => reviews.id),
    toolInstanceId: uuid()
      .notNull()
      .references(() => toolInstances.id),
    /** Order in which the reviewer wrote them. */
    position: integer().notNull().default(0),
    type: observationTypeEnum().notNull(),
    text: text().notNull(),
    answer: text(),
    answeredBy: userRef(),
    answeredAt: timestamptz(),
  },
  (table) => [index().on(table.toolInstanceId), index().on(table.reviewId)],
);
