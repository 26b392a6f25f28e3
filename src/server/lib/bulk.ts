/**
 * Set-based writes of many rows (the XLSX import writes tens of thousands in one transaction).
 * The rows travel as one JSON parameter read back with `json_to_recordset`: one statement and one
 * parameter per chunk, the same SQL on PGlite and PostgreSQL, and none of the per-value work of
 * building a multi-row `VALUES` list (which costs more than the insert itself at this size).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../db/client.js";

function rowsOf<T>(result: unknown): T[] {
  const rows = (result as { rows?: T[] }).rows ?? (result as T[]);
  return Array.isArray(rows) ? rows : [];
}

/** A column written: its name in the table and its SQL type (`uuid`, `text`, `jsonb`, an enum…). */
export type BulkColumn = readonly [name: string, type: string];

/** Rows a statement carries: large enough to amortise it, small enough to bound the JSON text. */
export const BULK_ROWS_PER_STATEMENT = 5_000;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const TYPE = /^[a-z_][a-z0-9_ ]*(\[\])?$/;

function checked(columns: readonly BulkColumn[]): readonly BulkColumn[] {
  for (const [name, type] of columns) {
    if (!IDENTIFIER.test(name) || !TYPE.test(type)) {
      throw new Error(`not a plain column for a bulk write: ${name} ${type}`);
    }
  }
  return columns;
}

/**
 * The rows as a relation `alias(column, …)` for `from`: a JSON array of objects keyed by the
 * columns' names (`undefined` and `null` are SQL null; dates are written as ISO instants).
 */
export function jsonRows(
  rows: readonly Record<string, unknown>[],
  columns: readonly BulkColumn[],
  alias: string,
): SQL {
  const definition = checked(columns)
    .map(([name, type]) => `"${name}" ${type}`)
    .join(", ");
  if (!IDENTIFIER.test(alias)) {
    throw new Error(`not a plain alias: ${alias}`);
  }
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) as ${sql.raw(`${alias}(${definition})`)}`;
}

/**
 * `insert into table (columns) select … from json_to_recordset(…)`, chunked; `suffix` is what
 * follows the select (`on conflict …`, `returning …`). Returns the rows each chunk returned.
 */
export async function insertRows<R = Record<string, unknown>>(
  executor: Executor,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
  suffix?: SQL,
): Promise<R[]> {
  if (!IDENTIFIER.test(table)) {
    throw new Error(`not a plain table name: ${table}`);
  }
  const names = checked(columns)
    .map(([name]) => `"${name}"`)
    .join(", ");
  const returned: R[] = [];
  for (let start = 0; start < rows.length; start += BULK_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + BULK_ROWS_PER_STATEMENT);
    const result = await executor.execute(
      sql`insert into ${sql.raw(`"${table}" (${names})`)} select ${sql.raw(names)} from ${jsonRows(chunk, columns, "r")} ${suffix ?? sql``}`,
    );
    returned.push(...rowsOf<R>(result));
  }
  return returned;
}
