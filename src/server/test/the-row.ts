/**
 * The row a test's query must find (its first): a missing row fails the test with `missing`
 * rather than leaving every later line to check for `undefined`.
 */
export async function theRow<T>(rows: PromiseLike<T[]>, missing: string): Promise<T> {
  const [row] = await rows;
  if (!row) {
    throw new Error(missing);
  }
  return row;
}
