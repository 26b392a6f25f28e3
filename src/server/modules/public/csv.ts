/**
 * CSV as RFC 4180 says: comma-separated, CRLF line ends, a header row, and fields quoted with
 * double quotes (doubled inside) when they hold a comma, a quote or a line break. UTF-8 without a
 * byte-order mark: open data is read by programs first, and every current spreadsheet detects
 * UTF-8 on import.
 */
export type CsvValue = string | number | boolean | null | undefined;

/** One field: empty for null/undefined, booleans as true/false, quoted when it must be. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) {
    return "";
  }
  const text = typeof value === "string" ? value : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** A whole table: the header row, then one record per row in the header's column order. */
export function toCsv<K extends string>(
  columns: readonly K[],
  rows: readonly Record<K, CsvValue>[],
): string {
  let out = csvRow(columns);
  for (const row of rows) {
    out += csvRow(columns.map((column) => row[column]));
  }
  return out;
}
