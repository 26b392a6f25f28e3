import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import {
  IMPROVEMENT_ACTION_STATUSES,
  IMPROVEMENT_TARGET_KINDS,
} from "../../../domain/improvement-plans.js";
import { PROJECT_CARD_STATUSES, type ProjectActivity } from "../../../domain/project-cards.js";
import { createdAt, primaryUuid, requiredRef, timestamptz } from "./columns.js";
import { documents } from "./documents.js";
import { municipalityRef } from "./municipalities.js";
import { toolInstances } from "./participation.js";
import { observations } from "./review.js";
import { userRef } from "./users.js";

export const projectCardStatusEnum = pgEnum("project_card_status", PROJECT_CARD_STATUSES);
export const improvementTargetKindEnum = pgEnum(
  "improvement_target_kind",
  IMPROVEMENT_TARGET_KINDS,
);
export const improvementActionStatusEnum = pgEnum(
  "improvement_action_status",
  IMPROVEMENT_ACTION_STATUSES,
);

/**
 * A project card (ficha de proyecto) of E4: a municipality has several; the latest end date of
 * those not cancelled is the E4 tool's deadline (`projectToolDeadline` in src/domain).
 */
export const projectCards = pgTable(
  "project_cards",
  {
    id: primaryUuid(),
    municipalityCvegeo: municipalityRef(),
    /** The municipality's instance of the project-dependent tool (E4) the card belongs to. */
    toolInstanceId: requiredRef(() => toolInstances.id),
    title: text().notNull(),
    objectives: text().notNull(),
    expectedResults: text().notNull(),
    activities: jsonb().$type<ProjectActivity[]>().notNull().default([]),
    /** In cents of a peso: exact, and plain JSON in the archive. */
    budgetCents: bigint({ mode: "number" }).notNull(),
    budgetSource: text().notNull(),
    /** How the project fits the municipal development plan (axis, objective, line of action). */
    developmentPlanLink: text().notNull(),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }).notNull(),
    status: projectCardStatusEnum().notNull().default("planned"),
    progress: integer().notNull().default(0),
    /** Bumped on every change: a stale edit gets 409. */
    revision: integer().notNull().default(0),
    createdBy: userRef().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (table) => [index().on(table.municipalityCvegeo), index().on(table.toolInstanceId)],
);

/** One action of a municipality's improvement plan (M4). */
export const improvementActions = pgTable(
  "improvement_actions",
  {
    id: primaryUuid(),
    municipalityCvegeo: municipalityRef(),
    description: text().notNull(),
    targetKind: improvementTargetKindEnum().notNull(),
    /** The tool whose gap it addresses (or the tool a finding or observation concerns). */
    toolCode: text(),
    observationId: uuid().references(() => observations.id),
    /** The survey or indicator finding, in words. */
    finding: text(),
    owner: text().notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    status: improvementActionStatusEnum().notNull().default("planned"),
    /** The evidence of completion: what was done and where it is. */
    completionNote: text(),
    /** The evidence file, a document of kind `improvement_evidence`, when one was attached. */
    completionDocumentId: uuid().references(() => documents.id),
    completedOn: date({ mode: "string" }),
    revision: integer().notNull().default(0),
    createdBy: userRef().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (table) => [index().on(table.municipalityCvegeo), index().on(table.status, table.dueOn)],
);
