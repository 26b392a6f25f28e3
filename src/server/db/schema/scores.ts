import {
  bigint,
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  varchar,
} from "drizzle-orm/pg-core";
import { createdAt, primaryUuid } from "./columns.js";
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
  },
  (table) => [index().on(table.municipalityCvegeo)],
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
