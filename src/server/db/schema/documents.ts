import { index, pgEnum, pgTable, uuid } from "drizzle-orm/pg-core";
import { createdAt, primaryUuid, uploadedFile } from "./columns.js";
import { cvegeo } from "./municipalities.js";
import { userRef } from "./users.js";

export const documentKindEnum = pgEnum("document_kind", [
  "agreement",
  "designation_letter",
  "minutes",
  "improvement_evidence",
  "agreement_change",
]);

/**
 * Documents that are not evidence of a tool: the signed agreement, a liaison's designation letter,
 * the minutes of a support action, the evidence of an improvement action's completion. Every upload is a new row; the owner points at the latest, and
 * the older ones stay.
 */
export const documents = pgTable(
  "documents",
  {
    id: primaryUuid(),
    kind: documentKindEnum().notNull(),
    /** The agreement, designation, support action or improvement action it belongs to. */
    ownerId: uuid().notNull(),
    /** Null for the minutes of an action that invited several municipalities. */
    municipalityCvegeo: cvegeo(),
    ...uploadedFile(),
    uploadedBy: userRef().notNull(),
    uploadedAt: createdAt(),
  },
  (table) => [index().on(table.kind, table.ownerId)],
);
