import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import {
  REPORT_CARD_BATCH_SCOPES,
  REPORT_CARD_BATCH_STATUSES,
  type SkippedMunicipality,
} from "../../../domain/report-card-batch.js";
import { createdAt, primaryUuid, timestamptz } from "./columns.js";
import { cvegeo, municipalityRef } from "./municipalities.js";
import { userRef } from "./users.js";

/** A municipality's scores as of one day: the daily snapshot behind the trends. */
export const scoreSnapshots = pgTable(
  "score_snapshots",
  {
    takenOn: date({ mode: "string" }).notNull(),
    municipalityCvegeo: municipalityRef(),
    implementationIndex: doublePrecision().notNull(),
    onTimeRate: doublePrecision(),
    /** Dimension code → score (0..1). */
    dimensions: jsonb().$type<Record<string, number>>().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.takenOn, table.municipalityCvegeo] }),
    index().on(table.municipalityCvegeo),
  ],
);

/**
 * An issued report card (cédula de avance). The code is derived from the SHA-256 of the card's
 * content, so the public verification page can say whether a printed card is genuine.
 */
export const reportCards = pgTable(
  "report_cards",
  {
    id: primaryUuid(),
    code: text().notNull().unique(),
    contentSha256: varchar({ length: 64 }).notNull(),
    municipalityCvegeo: municipalityRef(),
    /** What the card said, so the verification page can show it back. */
    content: jsonb().notNull(),
    issuedAt: createdAt(),
    issuedBy: userRef(),
    /** The batch that issued it, if it was issued in one. */
    batchId: uuid().references((): AnyPgColumn => reportCardBatches.id),
  },
  (table) => [index().on(table.municipalityCvegeo), index().on(table.batchId)],
);

export const reportCardBatchScopeEnum = pgEnum("report_card_batch_scope", REPORT_CARD_BATCH_SCOPES);
export const reportCardBatchStatusEnum = pgEnum(
  "report_card_batch_status",
  REPORT_CARD_BATCH_STATUSES,
);

/**
 * A batch of report cards (issue 17, item 6): staff issue one per municipality of every participant
 * or of one cohort; its cards point back to it (`report_cards.batch_id`) and its ZIP is built from
 * them. At most one batch runs at a time (the partial unique index).
 */
export const reportCardBatches = pgTable(
  "report_card_batches",
  {
    id: primaryUuid(),
    scope: reportCardBatchScopeEnum().notNull(),
    cohort: text(),
    status: reportCardBatchStatusEnum().notNull().default("running"),
    /** Cards to issue. */
    total: integer().notNull(),
    /** Municipalities dealt with so far (issued or failed). */
    done: integer().notNull().default(0),
    /** Municipalities not issued, with why: not taking part, or the error their card hit. */
    skipped: jsonb().$type<SkippedMunicipality[]>().notNull().default([]),
    requestedBy: userRef(),
    requestedAt: createdAt(),
    finishedAt: timestamptz(),
  },
  (table) => [
    uniqueIndex("report_card_batches_one_running")
      .on(table.status)
      .where(sql`${table.status} = 'running'`),
  ],
);

/**
 * Change stamps of the data progress is computed from, kept by deferred triggers (migration
 * `progress_stamp_triggers`): `any` changes on every committed change to tool instances, reviews,
 * submissions, observations, agreements, municipalities or the model; `all` when a change touches
 * every municipality (the model, the catalogue, a truncation); one row per municipality (its
 * cvegeo) when its data changes. Values come from one sequence, so a stamp never repeats. The
 * progress cache compares them to know, with one read, whether and what to recompute.
 */
export const progressStamps = pgTable("progress_stamps", {
  scope: cvegeo().primaryKey(),
  stamp: bigint({ mode: "number" }).notNull(),
});
