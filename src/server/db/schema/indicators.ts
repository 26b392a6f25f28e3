import {
  doublePrecision,
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
import { type AdoptedIndicator, INDICATOR_REPORT_STATUSES } from "../../../domain/indicators.js";
import { createdAt, timestamptz } from "./columns.js";
import { municipalities } from "./municipalities.js";
import { toolInstances } from "./participation.js";
import { users } from "./users.js";

export const indicatorReportStatusEnum = pgEnum(
  "indicator_report_status",
  INDICATOR_REPORT_STATUSES,
);

/**
 * A municipality's adoption of the M2 battery (one per M2 instance): the battery as the model
 * version defined it when adopted, with the municipality's targets and the indicators it left out
 * (with their reasons), and the first year it reports. Adopting again replaces it (while M2 is
 * not in review or validated).
 */
export const indicatorAdoptions = pgTable("indicator_adoptions", {
  id: uuid().primaryKey().defaultRandom(),
  toolInstanceId: uuid()
    .notNull()
    .unique()
    .references(() => toolInstances.id),
  /** Copied from the instance so scoping by municipality needs no join. */
  municipalityCvegeo: varchar({ length: 5 })
    .notNull()
    .unique()
    .references(() => municipalities.cvegeo),
  modelVersion: integer(),
  startYear: integer().notNull(),
  items: jsonb().$type<AdoptedIndicator[]>().notNull(),
  /** Bumped on every adoption: a stale one gets 409. */
  revision: integer().notNull().default(0),
  adoptedAt: createdAt(),
  adoptedBy: uuid()
    .notNull()
    .references(() => users.id),
});

/** One period's report of a municipality: its values are drafts until the liaison submits it. */
export const indicatorReports = pgTable(
  "indicator_reports",
  {
    id: uuid().primaryKey().defaultRandom(),
    adoptionId: uuid()
      .notNull()
      .references(() => indicatorAdoptions.id),
    municipalityCvegeo: varchar({ length: 5 })
      .notNull()
      .references(() => municipalities.cvegeo),
    /** `2024-T1`, `2024-S1`, `2024`… (`parsePeriodKey`). */
    periodKey: text().notNull(),
    status: indicatorReportStatusEnum().notNull().default("draft"),
    revision: integer().notNull().default(0),
    updatedAt: createdAt(),
    updatedBy: uuid()
      .notNull()
      .references(() => users.id),
    submittedAt: timestamptz(),
    submittedBy: uuid().references(() => users.id),
  },
  (table) => [
    unique("indicator_reports_one_per_period").on(table.adoptionId, table.periodKey),
    index().on(table.status, table.periodKey),
  ],
);

/** One indicator's value in one period's report. */
export const indicatorValues = pgTable(
  "indicator_values",
  {
    id: uuid().primaryKey().defaultRandom(),
    reportId: uuid()
      .notNull()
      .references(() => indicatorReports.id, { onDelete: "cascade" }),
    municipalityCvegeo: varchar({ length: 5 }).notNull(),
    indicatorCode: text().notNull(),
    /** Copied from the report: the regional comparison reads values by indicator and period. */
    periodKey: text().notNull(),
    value: doublePrecision().notNull(),
    note: text(),
  },
  (table) => [
    unique("indicator_values_one_per_report").on(table.reportId, table.indicatorCode),
    index().on(table.indicatorCode, table.periodKey),
  ],
);
