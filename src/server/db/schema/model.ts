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
import type { MaturityLevel, ToolCriterion } from "../../../domain/model.js";
import { MODEL_STATUSES, PERIOD_KINDS } from "../../../domain/model.js";
import { createdAt, primaryUuid, timestamptz } from "./columns.js";
import { userRef } from "./users.js";

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
    modelVersionId: uuid()
      .notNull()
      .references(() => modelVersions.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    description: text().notNull(),
    weight: doublePrecision().notNull().default(1),
  },
  (table) => [unique().on(table.modelVersionId, table.code)],
);

export const modelTools = pgTable(
  "model_tools",
  {
    id: primaryUuid(),
    modelVersionId: uuid()
      .notNull()
      .references(() => modelVersions.id, { onDelete: "cascade" }),
    dimensionId: uuid()
      .notNull()
      .references(() => modelDimensions.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    description: text().notNull(),
    periodKind: periodKindEnum().notNull(),
    periodMonths: integer(),
    periodLabel: text().notNull(),
    weight: doublePrecision().notNull().default(1),
    criteria: jsonb().$type<ToolCriterion[]>().notNull().default([]),
    maturityLevels: jsonb().$type<MaturityLevel[]>().notNull().default([]),
  },
  (table) => [unique().on(table.modelVersionId, table.code)],
);

export const modelToolParts = pgTable(
  "model_tool_parts",
  {
    id: primaryUuid(),
    toolId: uuid()
      .notNull()
      .references(() => modelTools.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    description: text().notNull(),
  },
  (table) => [unique().on(table.toolId, table.code)],
);
