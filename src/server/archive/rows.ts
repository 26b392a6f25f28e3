/**
 * Reading a table's JSON entry (`[`, then one row per line, then `]`, as `mrtm export` writes it)
 * a row at a time from a stream of chunks, without ever holding more than one row: a line longer
 * than MAX_ROW_BYTES is refused as soon as it gets there, so a huge single-line entry fails fast
 * with bounded memory. Errors name the entry and the row number and never quote the row.
 */

/** Largest row accepted, in bytes of its JSON text; MRTM's largest rows are a few kilobytes. */
export const MAX_ROW_BYTES = 16 * 1024 * 1024;

const NEWLINE = 0x0a;

/** A table entry that does not read as MRTM wrote it; the message names no value of any row. */
export class TableEntryError extends Error {
  override name = "TableEntryError";
}

export interface TableRow {
  /** 1-based position of the row in its table. */
  number: number;
  /** The row's JSON text, without the separating comma. */
  text: string;
}

/**
 * The rows of a table entry, in order. With `parse`, every row is also checked to be a JSON
 * object (the first pass); the second pass passes the text on to PostgreSQL as it is.
 */
export async function* tableRows(
  entryPath: string,
  data: AsyncIterable<Buffer>,
  options: { parse?: boolean } = {},
): AsyncGenerator<TableRow> {
  let parts: Buffer[] = [];
  let length = 0;
  let line = 0;
  let rows = 0;
  let state = "start" as "start" | "rows" | "end";
  const tooLong = () =>
    new TableEntryError(
      `${entryPath}: la línea ${line + 1} supera ${MAX_ROW_BYTES / 1024 / 1024} MB; ninguna fila de MRTM es tan grande.`,
    );

  const take = (bytes: Buffer): TableRow | null => {
    line++;
    let text = bytes.toString("utf8");
    if (text.endsWith("\r")) {
      text = text.slice(0, -1);
    }
    if (state === "start") {
      if (text === "") {
        return null;
      }
      if (text !== "[") {
        throw new TableEntryError(`${entryPath}: la línea ${line} debería abrir la lista con «[».`);
      }
      state = "rows";
      return null;
    }
    if (state === "end") {
      if (text !== "") {
        throw new TableEntryError(`${entryPath}: hay contenido después de cerrar la lista.`);
      }
      return null;
    }
    if (text === "]") {
      state = "end";
      return null;
    }
    const row = text.endsWith(",") ? text.slice(0, -1) : text;
    rows++;
    if (options.parse) {
      let value: unknown;
      try {
        value = JSON.parse(row);
      } catch {
        throw new TableEntryError(`${entryPath}: la fila ${rows} no es JSON válido.`);
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new TableEntryError(`${entryPath}: la fila ${rows} no es un objeto JSON.`);
      }
    }
    return { number: rows, text: row };
  };

  for await (const chunk of data) {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline < 0 ? chunk.length : newline;
      length += end - start;
      if (length > MAX_ROW_BYTES) {
        throw tooLong();
      }
      if (end > start) {
        parts.push(chunk.subarray(start, end));
      }
      if (newline < 0) {
        break;
      }
      const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, length);
      parts = [];
      length = 0;
      const row = take(bytes);
      if (row) {
        yield row;
      }
      start = newline + 1;
    }
  }
  if (length > 0) {
    const row = take(Buffer.concat(parts, length));
    if (row) {
      yield row;
    }
  }
  if (state !== "end") {
    throw new TableEntryError(`${entryPath}: la lista de filas no está cerrada con «]».`);
  }
}
