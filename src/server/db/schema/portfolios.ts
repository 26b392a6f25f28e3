import { index, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { createdAt, ownedBy } from "./columns.js";
import { municipalityRef } from "./municipalities.js";
import { users } from "./users.js";

/**
 * A reviewer's portfolio («Mis municipios»): the municipalities an admin assigned to them. Their
 * review queue opens on these, and a new submission of one of them notifies its assigned reviewers
 * only (with no reviewer assigned, every reviewer is told).
 */
export const reviewerMunicipalities = pgTable(
  "reviewer_municipalities",
  {
    reviewerId: ownedBy(() => users.id),
    municipalityCvegeo: municipalityRef(),
    assignedAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.reviewerId, table.municipalityCvegeo] }),
    index().on(table.municipalityCvegeo),
  ],
);
