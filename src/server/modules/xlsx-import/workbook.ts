/**
 * Reading an uploaded workbook as untrusted input (decision 0025): the zip's directory is checked
 * before anything is inflated (entry count, declared sizes, compression ratio), then exceljs loads
 * it, and every sheet MRTM imports is read into plain cells; a formula, too many rows or anything
 * unreadable refuses the whole file with a stable code.
 */
import type ExcelJS from "exceljs";
import {
  type ImportCell,
  MAX_IMPORT_ROWS,
  MAX_IMPORT_ROWS_PER_SHEET,
  type RawSheet,
  WorkbookRefusal,
} from "../../../domain/xlsx-import.js";
import { excelJs } from "../../lib/lazy-modules.js";

/** Largest workbook accepted, compressed. */
export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;
/** Largest sum of the entries' sizes once inflated, and the largest ratio of one entry. */
export const MAX_INFLATED_BYTES = 200 * 1024 * 1024;
export const MAX_COMPRESSION_RATIO = 200;
const MAX_ENTRIES = 2_000;

const bomb = () =>
  new WorkbookRefusal(
    "xlsx_zip_bomb",
    "El archivo se expande a un tamaño desproporcionado: no es una hoja de cálculo normal y no se abre.",
  );
const unreadable = () =>
  new WorkbookRefusal(
    "xlsx_unreadable",
    "El archivo no es un libro de Excel (.xlsx) legible. Guárdelo como «Libro de Excel» y vuelva a intentarlo.",
  );

/**
 * Checks a zip's central directory: the declared sizes of its entries. Nothing is inflated here;
 * a zip that hides its sizes (or lies in them) is caught by the row limits afterwards.
 */
export function checkZipDirectory(file: Buffer): void {
  if (file.length > MAX_WORKBOOK_BYTES) {
    throw new WorkbookRefusal(
      "xlsx_too_large",
      `El archivo pesa más de ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB, el máximo de una importación.`,
    );
  }
  // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KB, at the end.
  const floor = Math.max(0, file.length - 22 - 0xffff);
  let end = -1;
  for (let at = file.length - 22; at >= floor; at--) {
    if (file.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0 || file.length < 22) {
    throw unreadable();
  }
  const entries = file.readUInt16LE(end + 10);
  let offset = file.readUInt32LE(end + 16);
  if (entries > MAX_ENTRIES) {
    throw bomb();
  }
  let inflated = 0;
  for (let entry = 0; entry < entries; entry++) {
    if (offset + 46 > file.length || file.readUInt32LE(offset) !== 0x02014b50) {
      throw unreadable();
    }
    const compressed = file.readUInt32LE(offset + 20);
    const size = file.readUInt32LE(offset + 24);
    // 0xffffffff: the sizes are in a ZIP64 extra field; an .xlsx this size is refused anyway.
    if (size === 0xffffffff || compressed === 0xffffffff) {
      throw bomb();
    }
    inflated += size;
    if (
      inflated > MAX_INFLATED_BYTES ||
      size > Math.max(compressed, 1024) * MAX_COMPRESSION_RATIO
    ) {
      throw bomb();
    }
    offset +=
      46 +
      file.readUInt16LE(offset + 28) +
      file.readUInt16LE(offset + 30) +
      file.readUInt16LE(offset + 32);
  }
}

/** Turns an exceljs value into a plain cell, refusing formulas. */
function plainCell(value: ExcelJS.CellValue, sheet: string, address: string): ImportCell {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  if (value instanceof Date) {
    return value;
  }
  if ("formula" in value || "sharedFormula" in value) {
    throw new WorkbookRefusal(
      "xlsx_formula",
      `La celda ${address} de la hoja «${sheet}» tiene una fórmula. MRTM importa solo valores: copie y pegue como valores, y vuelva a intentarlo.`,
    );
  }
  if ("richText" in value) {
    return value.richText.map((run) => run.text).join("");
  }
  if ("text" in value && typeof value.text === "string") {
    return value.text;
  }
  if ("error" in value) {
    return null;
  }
  return null;
}

/** Reads every sheet of the workbook into plain rows; `wanted` says which sheets to read in full. */
export async function readWorkbook(
  file: Buffer,
  wanted: (sheetName: string) => boolean,
): Promise<RawSheet[]> {
  checkZipDirectory(file);
  const workbook = new (excelJs().Workbook)();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable();
  }
  const sheets: RawSheet[] = [];
  let total = 0;
  for (const worksheet of workbook.worksheets) {
    if (!wanted(worksheet.name)) {
      continue;
    }
    const rows: RawSheet["rows"] = [];
    if (worksheet.actualRowCount > MAX_IMPORT_ROWS_PER_SHEET) {
      throw tooMany(worksheet.name);
    }
    worksheet.eachRow((row, number) => {
      const cells: ImportCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        cells[column - 1] = plainCell(cell.value, worksheet.name, cell.address);
      });
      rows.push({ number, cells: Array.from(cells, (cell) => cell ?? null) });
    });
    total += rows.length;
    if (total > MAX_IMPORT_ROWS) {
      throw tooMany(worksheet.name);
    }
    sheets.push({ name: worksheet.name, rows });
  }
  return sheets;
}

function tooMany(sheet: string): WorkbookRefusal {
  return new WorkbookRefusal(
    "xlsx_too_many_rows",
    `La hoja «${sheet}» tiene demasiadas filas: una importación admite hasta ${MAX_IMPORT_ROWS_PER_SHEET.toLocaleString("es-MX")} filas por hoja y ${MAX_IMPORT_ROWS.toLocaleString("es-MX")} en total.`,
  );
}
