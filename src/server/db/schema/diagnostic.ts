import { jsonb, pgEnum, pgTable, uuid, varchar } from "drizzle-orm/pg-core";
import { DIAGNOSTIC_STATUSES, type DiagnosticAnswer } from "../../../domain/diagnostic.js";
import { timestamptz } from "./columns.js";
import { municipalities } from "./municipalities.js";
import { users } from "./users.js";

export const diagnosticStatusEnum = pgEnum("diagnostic_status", DIAGNOSTIC_STATUSES);

/** A stored answer: the domain's `DiagnosticAnswer`. */
export type DiagnosticAnswerValue = DiagnosticAnswer;

/**
 * The initial diagnostic (the institution's seed form, online): per deliverable, "ya cuenta con
 * ella" with supporting documents, or "pendiente de elaboración". One per municipality; frozen
 * once submitted.
 */
export const diagnostics = pgTable("diagnostics", {
  municipalityCvegeo: varchar({ length: 5 })
    .primaryKey()
    .references(() => municipalities.cvegeo),
  status: diagnosticStatusEnum().notNull().default("draft"),
  /** Tool instance id → answer. */
  answers: jsonb().$type<Record<string, DiagnosticAnswerValue>>().notNull().default({}),
  updatedBy: uuid().references(() => users.id),
  updatedAt: timestamptz().notNull().defaultNow(),
  submittedBy: uuid().references(() => users.id),
  submittedAt: timestamptz(),
});
