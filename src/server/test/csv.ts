/**
 * A strict RFC 4180 reader for tests: proves that what MRTM writes as CSV reads back to the same
 * values. Records end in CRLF; a record without its CRLF is not read.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else {
      field += char;
    }
  }
  return records;
}

/** The records of a CSV with a header line, as objects keyed by the header's names. */
export function parseCsvTable(text: string): Record<string, string>[] {
  // A leading byte order mark (what MRTM writes for Excel) is not part of the first name.
  const [header = [], ...rows] = parseCsv(text.startsWith("\uFEFF") ? text.slice(1) : text);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""])));
}
