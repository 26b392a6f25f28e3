import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  unique,
} from "drizzle-orm/pg-core";
import type { DocumentTemplate, DraftContent } from "../../../domain/document-templates.js";
import {
  type CriterionResult,
  OBSERVATION_TYPES,
  REVIEW_OUTCOMES,
} from "../../../domain/review.js";
import { createdAt, primaryUuid, requiredRef, timestamptz, uploadedFile } from "./columns.js";
import { cvegeo } from "./municipalities.js";
import { toolInstances } from "./participation.js";
import { userRef } from "./users.js";

/** One uploaded version of a document for a tool instance. Nothing is overwritten. */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: primaryUuid(),
    toolInstanceId: requiredRef(() => toolInstances.id),
    /** Copied from the instance so scoping by municipality needs no join. */
    municipalityCvegeo: cvegeo().notNull(),
    /** 1, 2, 3… per instance. */
    version: integer().notNull(),
    ...uploadedFile(),
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
    id: primaryUuid(),
    toolInstanceId: requiredRef(() => toolInstances.id),
    evidenceIds: jsonb().$type<string[]>().notNull(),
    /**
     * The guided document's draft as it was when the tool was sent (issue 15): the reviewer reads
     * the structured content beside the signed file. Null when the tool has no draft.
     */
    draftSnapshot: jsonb().$type<DraftSnapshot>(),
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
    toolInstanceId: requiredRef(() => toolInstances.id),
    submissionId: requiredRef(() => submissions.id).unique(),
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
    reviewId: requiredRef(() => reviews.id),
    toolInstanceId: requiredRef(() => toolInstances.id),
    /** Order in which the reviewer wrote them. */
    position: integer().notNull().default(0),
    type: observationTypeEnum().notNull(),
    /** The section of the guided document the observation is about, if any (issue 15). */
    sectionKey: text(),
    text: text().notNull(),
    answer: text(),
    answeredBy: userRef(),
    answeredAt: timestamptz(),
  },
  (table) => [index().on(table.toolInstanceId), index().on(table.reviewId)],
);
