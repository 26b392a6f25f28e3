import { integer, jsonb, pgEnum, pgTable, unique, uuid } from "drizzle-orm/pg-core";
import { DIAGNOSTIC_STATUSES, type DiagnosticAnswer } from "../../../domain/diagnostic.js";
import { primaryUuid, timestamptz } from "./columns.js";
import { cvegeo, municipalities, municipalityRef } from "./municipalities.js";
import { administrations } from "./participation.js";
import { userRef } from "./users.js";

export const diagnosticStatusEnum = pgEnum("diagnostic_status", DIAGNOSTIC_STATUSES);

/** A stored answer: the domain's `DiagnosticAnswer`. */
export type DiagnosticAnswerValue = DiagnosticAnswer;

/**
 * The initial diagnostic (the institution's seed form, online): per deliverable, "ya cuenta con
 * ella" with supporting documents, or "pendiente de elaboración". One current round per
 * municipality, frozen once submitted; when a new administration takes office the liaison may
 * answer it again, and the submitted round moves to `diagnostic_rounds` (src/domain/diagnostic.ts).
 */
export const diagnostics = pgTable("diagnostics", {
  municipalityCvegeo: cvegeo()
    .primaryKey()
    .references(() => municipalities.cvegeo),
  status: diagnosticStatusEnum().notNull().default("draft"),
  /** Tool instance id → answer. */
  answers: jsonb().$type<Record<string, DiagnosticAnswerValue>>().notNull().default({}),
  updatedBy: userRef(),
  updatedAt: timestamptz().notNull().defaultNow(),
  submittedBy: userRef(),
  submittedAt: timestamptz(),
  /** 1 for the first diagnostic, one more for each time it is answered again. */
  round: integer().notNull().default(1),
  /** The latest administration recorded when the round was submitted (or started), if any. */
  administrationId: uuid().references(() => administrations.id),
});

/** A previous, submitted round of a municipality's diagnostic, kept read-only. */
export const diagnosticRounds = pgTable(
  "diagnostic_rounds",
  {
    id: primaryUuid(),
    municipalityCvegeo: municipalityRef(),
    round: integer().notNull(),
    administrationId: uuid().references(() => administrations.id),
    /** Tool instance id → answer, as submitted. */
    answers: jsonb().$type<Record<string, DiagnosticAnswerValue>>().notNull(),
    submittedBy: userRef(),
    submittedAt: timestamptz().notNull(),
    /** When the next round started, and who started it. */
    closedAt: timestamptz().notNull(),
    closedBy: userRef(),
  },
  (table) => [unique("diagnostic_rounds_round").on(table.municipalityCvegeo, table.round)],
);
