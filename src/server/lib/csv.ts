/**
 * CSV as RFC 4180 says: comma-separated, CRLF line ends, a header row, and fields quoted with
 * double quotes (doubled inside) when they hold a comma, a quote or a line break. Every CSV that
 * MRTM writes for people (open data, the regional report) goes through here.
 */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * The byte order mark every CSV for people starts with: without it Excel reads UTF-8 as
 * Windows-1252 and garbles accents («Ruíz» as «RuÃ­z»). Machine readers skip it.
 */
export const UTF8_BOM = "\uFEFF";

// What a spreadsheet reads as the start of a formula (OWASP «CSV injection»): =, +, -, @, and a
// tab or carriage return before one of them.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field: empty for null/undefined, numbers and booleans as written, text quoted when it must
 * be. Text that a spreadsheet would run as a formula (a cohort named `=HYPERLINK(…)`) is prefixed
 * with an apostrophe, so it opens as the text it is; numbers are never touched.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) {
    return "";
  }
  if (typeof value !== "string") {
    return String(value);
  }
  return quoted(FORMULA_START.test(value) ? `'${value}` : value);
}

/** A field as it is, only quoted when it must be: for machine copies (the instance archive). */
export function rawCsvField(value: string): string {
  return quoted(value);
}

function quoted(text: string): string {
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
