import { index, integer, pgTable, text, varchar } from "drizzle-orm/pg-core";

/** A municipality's INEGI key (five digits), as other tables name it. */
export const cvegeo = () => varchar({ length: 5 });

/** A municipality from INEGI's geostatistical catalogue. Taking part requires an agreement. */
export const municipalities = pgTable(
  "municipalities",
  {
    cvegeo: cvegeo().primaryKey(),
    stateCode: varchar({ length: 2 }).notNull(),
    cveMun: varchar({ length: 3 }).notNull(),
    name: text().notNull(),
    /** Lower case without accents, for search ("ruiz" finds "Ruíz"). */
    nameFolded: text().notNull(),
    population2020: integer("population_2020"),
  },
  (table) => [index().on(table.nameFolded)],
);

/** A required reference to a municipality. */
export const municipalityRef = () =>
  cvegeo()
    .notNull()
    .references(() => municipalities.cvegeo);
