import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  unique,
} from "drizzle-orm/pg-core";
import { type AdoptedIndicator, INDICATOR_REPORT_STATUSES } from "../../../domain/indicators.js";
import { createdAt, ownedBy, primaryUuid, requiredRef, timestamptz } from "./columns.js";
import { cvegeo, municipalityRef } from "./municipalities.js";
import { toolInstances } from "./participation.js";
import { userRef } from "./users.js";

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
  id: primaryUuid(),
  toolInstanceId: requiredRef(() => toolInstances.id).unique(),
  /** Copied from the instance so scoping by municipality needs no join. */
  municipalityCvegeo: municipalityRef().unique(),
  modelVersion: integer(),
  startYear: integer().notNull(),
  items: jsonb().$type<AdoptedIndicator[]>().notNull(),
  /** Bumped on every adoption: a stale one gets 409. */
  revision: integer().notNull().default(0),
  adoptedAt: createdAt(),
  adoptedBy: userRef().notNull(),
});

/** One period's report of a municipality: its values are drafts until the liaison submits it. */
export const indicatorReports = pgTable(
  "indicator_reports",
  {
    id: primaryUuid(),
    adoptionId: requiredRef(() => indicatorAdoptions.id),
    municipalityCvegeo: municipalityRef(),
    /** `2024-T1`, `2024-S1`, `2024`… (`parsePeriodKey`). */
    periodKey: text().notNull(),
    status: indicatorReportStatusEnum().notNull().default("draft"),
    revision: integer().notNull().default(0),
    updatedAt: createdAt(),
    updatedBy: userRef().notNull(),
    submittedAt: timestamptz(),
    submittedBy: userRef(),
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
    id: primaryUuid(),
    reportId: ownedBy(() => indicatorReports.id),
    municipalityCvegeo: cvegeo().notNull(),
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

/**
 * A value of a submitted period corrected by the designated liaison, with the reason: the
 * previous value (and note) stays here, shown beside the current one; the values table holds the
 * current value only.
 */
export const indicatorCorrections = pgTable(
  "indicator_corrections",
  {
    id: primaryUuid(),
    reportId: requiredRef(() => indicatorReports.id),
    municipalityCvegeo: municipalityRef(),
    periodKey: text().notNull(),
    indicatorCode: text().notNull(),
    previousValue: doublePrecision().notNull(),
    previousNote: text(),
    value: doublePrecision().notNull(),
    reason: text().notNull(),
    correctedAt: createdAt(),
    correctedBy: userRef().notNull(),
  },
  (table) => [index().on(table.reportId)],
);
