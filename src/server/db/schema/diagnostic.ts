import { jsonb, pgEnum, pgTable } from "drizzle-orm/pg-core";
import { DIAGNOSTIC_STATUSES, type DiagnosticAnswer } from "../../../domain/diagnostic.js";
import { timestamptz } from "./columns.js";
import { cvegeo, municipalities } from "./municipalities.js";
import { userRef } from "./users.js";

export const diagnosticStatusEnum = pgEnum("diagnostic_status", DIAGNOSTIC_STATUSES);

/** A stored answer: the domain's `DiagnosticAnswer`. */
export type DiagnosticAnswerValue = DiagnosticAnswer;

/**
 * The initial diagnostic (the institution's seed form, online): per deliverable, "ya cuenta con
 * ella" with supporting documents, or "pendiente de elaboración". One per municipality; frozen
 * once submitted.
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
});
