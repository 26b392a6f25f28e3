/**
 * The one row an `insert … returning` or `update … returning` gave back. A missing row is a bug,
 * not a client error, so it throws a plain Error (a 500 whose details are logged, never sent).
 */
export function returnedRow<T>(rows: readonly T[], statement: "insert" | "update" = "insert"): T {
  const [row] = rows;
  if (!row) {
    throw new Error(`${statement} returned no row`);
  }
  return row;
}
