import { date, index, integer, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import {
  COMMITMENT_STATUSES,
  MODALITIES,
  SUPPORT_ACTION_STATUSES,
  SUPPORT_ACTION_TYPES,
} from "../../../domain/support.js";
import { TOOL_STATES } from "../../../domain/tool-state.js";
import { createdAt, ownedBy, primaryUuid, timestamptz } from "./columns.js";
import { documents } from "./documents.js";
import { cvegeo, municipalities, municipalityRef } from "./municipalities.js";
import { userRef } from "./users.js";

export const supportActionTypeEnum = pgEnum("support_action_type", SUPPORT_ACTION_TYPES);
export const modalityEnum = pgEnum("support_modality", MODALITIES);
export const supportActionStatusEnum = pgEnum("support_action_status", SUPPORT_ACTION_STATUSES);
export const commitmentStatusEnum = pgEnum("commitment_status", COMMITMENT_STATUSES);

/** A working meeting, training or advisory session planned by the institution to close gaps. */
export const supportActions = pgTable(
  "support_actions",
  {
    id: primaryUuid(),
    type: supportActionTypeEnum().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    startsAt: timestamptz().notNull(),
    durationMinutes: integer().notNull(),
    modality: modalityEnum().notNull(),
    place: text(),
    link: text(),
    status: supportActionStatusEnum().notNull().default("planned"),
    /** Minutes of a held action (text); the signed file, if any, is a document. */
    minutes: text(),
    minutesDocumentId: uuid().references(() => documents.id),
    heldOn: date({ mode: "string" }),
    cancelReason: text(),
    /** Bumped on every change: the iCalendar SEQUENCE, and optimistic concurrency for editors. */
    revision: integer().notNull().default(0),
    createdAt: createdAt(),
    createdBy: userRef(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (table) => [index().on(table.startsAt), index().on(table.status)],
);

/** Institution staff who run an action. */
export const supportActionFacilitators = pgTable(
  "support_action_facilitators",
  {
    actionId: ownedBy(() => supportActions.id),
    userId: userRef().notNull(),
  },
  (table) => [primaryKey({ columns: [table.actionId, table.userId] }), index().on(table.userId)],
);

/** The tools (by model code) an action addresses. */
export const supportActionTools = pgTable(
  "support_action_tools",
  {
    actionId: ownedBy(() => supportActions.id),
    toolCode: text().notNull(),
  },
  (table) => [primaryKey({ columns: [table.actionId, table.toolCode] })],
);

/** The municipalities invited to an action. */
export const supportActionInvitations = pgTable(
  "support_action_invitations",
  {
    actionId: ownedBy(() => supportActions.id),
    municipalityCvegeo: municipalityRef(),
  },
  (table) => [
    primaryKey({ columns: [table.actionId, table.municipalityCvegeo] }),
    index().on(table.municipalityCvegeo),
  ],
);

/**
 * Each invited municipality's state of each addressed tool when the action was held: the "then"
 * against which effectiveness is measured.
 */
export const supportActionBaselines = pgTable(
  "support_action_baselines",
  {
    actionId: ownedBy(() => supportActions.id),
    municipalityCvegeo: cvegeo().notNull(),
    toolCode: text().notNull(),
    state: text({ enum: TOOL_STATES }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.actionId, table.municipalityCvegeo, table.toolCode] })],
);

/** Who attended a held action, per municipality. */
export const supportActionAttendees = pgTable(
  "support_action_attendees",
  {
    id: primaryUuid(),
    actionId: ownedBy(() => supportActions.id),
    municipalityCvegeo: municipalityRef(),
    name: text().notNull(),
    position: text().notNull(),
  },
  (table) => [index().on(table.actionId)],
);

/** An agreement (acuerdo) reached in an action, followed up until closed. */
export const commitments = pgTable(
  "commitments",
  {
    id: primaryUuid(),
    actionId: ownedBy(() => supportActions.id),
    description: text().notNull(),
    /** Who must fulfil it: a municipality (its liaison is reminded) and/or a named person. */
    municipalityCvegeo: cvegeo().references(() => municipalities.cvegeo),
    ownerUserId: userRef(),
    ownerName: text().notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    status: commitmentStatusEnum().notNull().default("open"),
    closingNote: text(),
    closedAt: timestamptz(),
    closedBy: userRef(),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.actionId), index().on(table.status, table.dueOn)],
);
