import { sql } from "drizzle-orm";
import { check, integer, pgTable, text } from "drizzle-orm/pg-core";
import { bytea, timestamptz } from "./columns.js";

/** The guarantor body that runs this instance: configuration, never code. One row. */
export const institution = pgTable(
  "institution",
  {
    id: integer().primaryKey().default(1),
    name: text().notNull(),
    shortName: text().notNull(),
    unitName: text().notNull(),
    stateName: text().notNull(),
    logo: bytea(),
    logoMime: text(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (table) => [check("institution_single_row", sql`${table.id} = 1`)],
);
