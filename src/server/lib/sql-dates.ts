import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/**
 * A timestamptz as its calendar date in Mexico City (`YYYY-MM-DD`), computed by the database: the
 * institution's day, as `localDateOf` gives it in TypeScript. Say `string | null` for a nullable
 * column.
 */
export function localDateSql<T extends string | null = string>(
  column: SQLWrapper,
): SQL<NoInfer<T>> {
  return sql<T>`to_char(${column} at time zone 'America/Mexico_City', 'YYYY-MM-DD')`;
}
