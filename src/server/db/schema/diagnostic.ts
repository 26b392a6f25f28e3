import { jsonb, pgEnum, pgTable, uuid, varchar } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns.js";
import { municipalities } from "./municipalities.js";
import { users } from "./users.js";

export const diagnosticStatusEnum = pgEnum("diagnostic_status", ["draft", "submitted"]);

export type DiagnosticAnswerValue = "has" | "pending";

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
