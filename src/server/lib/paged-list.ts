/** What a paged list answers besides its own extras: its items, how many matched, which page. */
export function pageOf<T>(
  items: T[],
  total: { n: number } | undefined,
  { page, pageSize }: { page: number; pageSize: number },
) {
  return { items, total: total?.n ?? 0, page, pageSize };
}
