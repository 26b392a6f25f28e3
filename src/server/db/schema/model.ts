import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  doublePrecision,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { DocumentTemplate } from "../../../domain/document-templates.js";
import type { MaturityLevel, ToolCriterion } from "../../../domain/model.js";
import { MODEL_STATUSES, PERIOD_KINDS } from "../../../domain/model.js";
import type { StandardQuestionnaire } from "../../../domain/survey.js";
import { createdAt, ownedBy, primaryUuid, timestamptz } from "./columns.js";
import { userRef } from "./users.js";

/** What every dimension, tool and part has: its place among its siblings, code, name, description. */
const modelEntry = () => ({
  position: integer().notNull(),
  code: text().notNull(),
  name: text().notNull(),
  description: text().notNull(),
});

export const modelStatusEnum = pgEnum("model_status", MODEL_STATUSES);
export const periodKindEnum = pgEnum("period_kind", PERIOD_KINDS);

/** A version of the maturity model. Published versions are immutable; at most one draft exists. */
export const modelVersions = pgTable(
  "model_versions",
  {
    id: primaryUuid(),
    /** Assigned on publish: 1, 2, 3… */
    version: integer().unique(),
    label: text().notNull(),
    status: modelStatusEnum().notNull(),
    basedOnId: uuid().references((): AnyPgColumn => modelVersions.id),
    /** Bumped on every save of a draft, for optimistic concurrency in the editor. */
    revision: integer().notNull().default(0),
    /** M1's standard questionnaire; null in versions stored before it was part of the model (2022's). */
    surveyQuestionnaire: jsonb().$type<StandardQuestionnaire>(),
    createdAt: createdAt(),
    createdBy: userRef(),
    publishedAt: timestamptz(),
    publishedBy: userRef(),
  },
  (table) => [
    uniqueIndex("model_versions_single_draft")
      .on(table.status)
      .where(sql`${table.status} = 'draft'`),
  ],
);

export const modelDimensions = pgTable(
  "model_dimensions",
  {
    id: primaryUuid(),
    modelVersionId: ownedBy(() => modelVersions.id),
    ...modelEntry(),
    weight: doublePrecision().notNull().default(1),
  },
  (table) => [unique().on(table.modelVersionId, table.code)],
);

export const modelTools = pgTable(
  "model_tools",
  {
    id: primaryUuid(),
    modelVersionId: ownedBy(() => modelVersions.id),
    dimensionId: ownedBy(() => modelDimensions.id),
    ...modelEntry(),
    periodKind: periodKindEnum().notNull(),
    periodMonths: integer(),
    periodLabel: text().notNull(),
    weight: doublePrecision().notNull().default(1),
    criteria: jsonb().$type<ToolCriterion[]>().notNull().default([]),
    maturityLevels: jsonb().$type<MaturityLevel[]>().notNull().default([]),
    /** The guided document of a tool without parts (issue 15); null when it has none. */
    template: jsonb().$type<DocumentTemplate>(),
  },
  (table) => [unique().on(table.modelVersionId, table.code)],
);

export const modelToolParts = pgTable(
  "model_tool_parts",
  {
    id: primaryUuid(),
    toolId: ownedBy(() => modelTools.id),
    ...modelEntry(),
    /** The guided document of this part (issue 15); null when it has none. */
    template: jsonb().$type<DocumentTemplate>(),
  },
  (table) => [unique().on(table.toolId, table.code)],
);
