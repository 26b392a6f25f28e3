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
import { AGREEMENT_CHANGE_KINDS, PARTICIPATION_STATUSES } from "../../../domain/agreement-terms.js";
import { EXTENSION_STATUSES } from "../../../domain/extensions.js";
import { TOOL_STATES } from "../../../domain/tool-state.js";
import { createdAt, primaryUuid, requiredRef, timestamptz } from "./columns.js";
import { documents } from "./documents.js";
import { modelTools, modelVersions } from "./model.js";
import { municipalityRef } from "./municipalities.js";
import { userRef } from "./users.js";

export const participationStatusEnum = pgEnum("participation_status", PARTICIPATION_STATUSES);

/**
 * A municipality's signed agreement with the institution: what makes it take part. Its date starts
 * every deadline; the model version in force when it was registered defines its tools. Later
 * agreements (renewals, ratifications) and suspensions or terminations are `agreement_changes`.
 */
export const agreements = pgTable("agreements", {
  id: primaryUuid(),
  municipalityCvegeo: municipalityRef().unique(),
  signedOn: date({ mode: "string" }).notNull(),
  cohort: text().notNull(),
  modelVersionId: requiredRef(() => modelVersions.id),
  /** The signed agreement's scan (latest upload; earlier ones stay in `documents`). */
  documentId: uuid().references(() => documents.id),
  /**
   * Whether it takes part, and since when: `participationOf` (src/domain/agreement-terms.ts) over
   * its changes, written with each change in the same transaction so that lists filter on it.
   */
  participation: participationStatusEnum().notNull().default("active"),
  /** Null: since the signing date. */
  participationSince: date({ mode: "string" }),
  createdAt: createdAt(),
  createdBy: userRef(),
  updatedAt: timestamptz().notNull().defaultNow(),
});

export const agreementChangeKindEnum = pgEnum("agreement_change_kind", AGREEMENT_CHANGE_KINDS);

/**
 * What happened to an agreement after it was registered, in the order it happened: renewals and
 * ratifications (a new signed document), suspensions, resumptions and terminations (with a
 * reason). Never changed once recorded.
 */
export const agreementChanges = pgTable(
  "agreement_changes",
  {
    id: primaryUuid(),
    agreementId: requiredRef(() => agreements.id),
    municipalityCvegeo: municipalityRef(),
    kind: agreementChangeKindEnum().notNull(),
    effectiveOn: date({ mode: "string" }).notNull(),
    /** The end of a new agreement's term; null when indefinite or not a new agreement. */
    validUntil: date({ mode: "string" }),
    reason: text().notNull().default(""),
    /** The new signed document of a renewal or ratification (latest upload). */
    documentId: uuid().references(() => documents.id),
    createdAt: createdAt(),
    createdBy: userRef(),
  },
  (table) => [index().on(table.agreementId, table.effectiveOn)],
);

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
    agreementId: requiredRef(() => agreements.id),
    modelToolId: requiredRef(() => modelTools.id),
    toolCode: text().notNull(),
    partCode: text(),
    cycle: integer().notNull().default(1),
    opensOn: date({ mode: "string" }).notNull(),
    /** The deadline in force: the planned one, or an approved extension (`effectiveDeadline`). */
    deadline: date({ mode: "string" }),
    /** The planned deadline, kept beside an approved extension; null when never extended. */
    originalDeadline: date({ mode: "string" }),
    /** The date an approved extension (prórroga) granted; null when never extended. */
    extendedTo: date({ mode: "string" }),
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
    /**
     * When its state and dates came from an XLSX import of the record kept before MRTM (decision
     * 0025); null when MRTM itself recorded them.
     */
    importedAt: timestamptz(),
    /**
     * When a move to another model version left its tool or part out (decision 0030): it keeps its
     * history but leaves the score, the lists and the reminders. Null while it counts.
     */
    archivedAt: timestamptz(),
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

export const extensionStatusEnum = pgEnum("extension_status", EXTENSION_STATUSES);

/**
 * A request for more time (prórroga) on one tool instance and its decision. A decided request is
 * never changed; at most one request per instance waits for a decision.
 */
export const deadlineExtensions = pgTable(
  "deadline_extensions",
  {
    id: primaryUuid(),
    toolInstanceId: requiredRef(() => toolInstances.id),
    municipalityCvegeo: municipalityRef(),
    /** The deadline in force when the request was made. */
    deadlineBefore: date({ mode: "string" }).notNull(),
    requestedOn: date({ mode: "string" }).notNull(),
    reason: text().notNull(),
    requestedBy: userRef(),
    requestedAt: createdAt(),
    status: extensionStatusEnum().notNull().default("pending"),
    /** The date granted: the requested one or another; null unless approved. */
    grantedOn: date({ mode: "string" }),
    /** The staff's reason: required to refuse, optional to approve. */
    decisionReason: text(),
    decidedBy: userRef(),
    decidedAt: timestamptz(),
  },
  (table) => [
    uniqueIndex("deadline_extensions_one_pending")
      .on(table.toolInstanceId)
      .where(sql`${table.status} = 'pending'`),
    index().on(table.status),
    index().on(table.municipalityCvegeo),
  ],
);

/**
 * A tool that does not apply to a municipality (staff decide, with a reason): it leaves the
 * municipality's index while in force. Lifting it keeps the row (who, when, why); at most one is
 * in force per municipality and tool.
 */
export const toolExemptions = pgTable(
  "tool_exemptions",
  {
    id: primaryUuid(),
    municipalityCvegeo: municipalityRef(),
    toolCode: text().notNull(),
    reason: text().notNull(),
    exemptedBy: userRef(),
    exemptedAt: createdAt(),
    liftedAt: timestamptz(),
    liftedBy: userRef(),
    liftReason: text(),
  },
  (table) => [
    uniqueIndex("tool_exemptions_one_active")
      .on(table.municipalityCvegeo, table.toolCode)
      .where(sql`${table.liftedAt} is null`),
  ],
);

/**
 * A municipality's administrations (constitutional terms, three years in the State of Mexico),
 * recorded by the institute as they change: who heads it, from when to when. Never overlapping.
 */
export const administrations = pgTable(
  "administrations",
  {
    id: primaryUuid(),
    municipalityCvegeo: municipalityRef(),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }).notNull(),
    /** The municipal president (presidenta o presidente municipal) heading it. */
    headName: text().notNull(),
    createdAt: createdAt(),
    createdBy: userRef(),
  },
  (table) => [unique("administrations_start").on(table.municipalityCvegeo, table.startsOn)],
);
