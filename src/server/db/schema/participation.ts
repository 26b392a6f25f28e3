import { sql } from "drizzle-orm";
import {
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { TOOL_STATES } from "../../../domain/tool-state.js";
import { createdAt, primaryUuid, timestamptz } from "./columns.js";
import { documents } from "./documents.js";
import { modelTools, modelVersions } from "./model.js";
import { municipalityRef } from "./municipalities.js";
import { userRef } from "./users.js";

/**
 * A municipality's signed agreement with the institution: what makes it take part. Its date starts
 * every deadline; the model version in force when it was registered defines its tools.
 */
export const agreements = pgTable("agreements", {
  id: primaryUuid(),
  municipalityCvegeo: municipalityRef().unique(),
  signedOn: date({ mode: "string" }).notNull(),
  cohort: text().notNull(),
  modelVersionId: uuid()
    .notNull()
    .references(() => modelVersions.id),
  /** The signed agreement's scan (latest upload; earlier ones stay in `documents`). */
  documentId: uuid().references(() => documents.id),
  createdAt: createdAt(),
  createdBy: userRef(),
  updatedAt: timestamptz().notNull().defaultNow(),
});

/** The liaison a municipality designated. A new designation ends the previous one; history stays. */
export const liaisonDesignations = pgTable(
  "liaison_designations",
  {
    id: primaryUuid(),
    municipalityCvegeo: municipalityRef(),
    userId: userRef().notNull(),
    designatedOn: date({ mode: "string" }).notNull(),
    /** The municipality's designation letter (latest upload). */
    letterDocumentId: uuid().references(() => documents.id),
    createdAt: createdAt(),
    createdBy: userRef(),
    endedAt: timestamptz(),
    endedBy: userRef(),
  },
  (table) => [
    uniqueIndex("liaison_designations_one_current")
      .on(table.municipalityCvegeo)
      .where(sql`${table.endedAt} is null`),
    index().on(table.userId),
  ],
);

export const toolStateEnum = pgEnum("tool_state", TOOL_STATES);

/** A municipality's instance of a tool (or part) for one cycle. Overdue is derived, never stored. */
export const toolInstances = pgTable(
  "tool_instances",
  {
    id: primaryUuid(),
    municipalityCvegeo: municipalityRef(),
    agreementId: uuid()
      .notNull()
      .references(() => agreements.id),
    modelToolId: uuid()
      .notNull()
      .references(() => modelTools.id),
    toolCode: text().notNull(),
    partCode: text(),
    cycle: integer().notNull().default(1),
    opensOn: date({ mode: "string" }).notNull(),
    deadline: date({ mode: "string" }),
    state: toolStateEnum().notNull().default("pending"),
    /** Bumped on every transition: reviewers send it back to detect a concurrent decision. */
    version: integer().notNull().default(1),
    firstSubmittedAt: timestamptz(),
    validatedAt: timestamptz(),
    /**
     * The maturity the latest review measured (0..1): criteria met (P1) or level reached (P2).
     * Null when the tool measures none; scores then count validation alone.
     */
    maturity: doublePrecision(),
    createdAt: createdAt(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (table) => [
    unique("tool_instances_identity")
      .on(table.municipalityCvegeo, table.toolCode, table.partCode, table.cycle)
      .nullsNotDistinct(),
    index().on(table.state),
    index().on(table.deadline),
  ],
);
