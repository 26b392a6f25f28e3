/**
 * The M2 capture spreadsheet as a file: the template MRTM writes, and the reading of an uploaded
 * one, which treats the file as hostile. Before ExcelJS opens it, every entry of the ZIP is
 * inflated with a ceiling (a small file that unpacks to gigabytes is refused); then any formula,
 * a header other than the template's or too many rows refuse the whole file with a stable code.
 */
import type { Readable, Writable } from "node:stream";
import { inflateRawSync } from "node:zlib";
import type ExcelJS from "exceljs";
import {
  MAX_SHEET_BYTES,
  MAX_SHEET_ROWS,
  MAX_SHEET_UNPACKED_BYTES,
  SHEET_COLUMNS,
  SHEET_NAME,
  SHEET_REGISTER_COLUMNS,
  type SheetRow,
} from "../../../domain/indicator-sheet.js";
import {
  type AdoptedIndicator,
  INDICATOR_VALUE_TYPE_LABELS,
  type IndicatorPeriod,
} from "../../../domain/indicators.js";
import { type RegisterFigure, registerFigureBasis } from "../../../domain/training-indicators.js";
import { AppError } from "../../lib/errors.js";
import { excelJs } from "../../lib/lazy-modules.js";
import { HEADER_FILL } from "../../lib/xlsx.js";

const MB = 1024 * 1024;

/** One period of the template with its indicators and the values already saved as draft. */
export interface TemplatePeriod {
  period: IndicatorPeriod;
  items: readonly AdoptedIndicator[];
  values: ReadonlyMap<string, { value: number; note: string | null }>;
  /** What the training register gives for the indicators it feeds, by code. */
  figures: ReadonlyMap<string, RegisterFigure>;
}

/**
 * Writes the template: one row per open period × indicator, drafts filled in, the training
 * register's figure beside the indicators it feeds, and instructions.
 */
export async function writeIndicatorTemplate(
  out: Writable,
  municipalityName: string,
  periods: readonly TemplatePeriod[],
): Promise<void> {
  const workbook = new (excelJs().Workbook)();
  workbook.creator = "MRTM";
  const sheet = workbook.addWorksheet(SHEET_NAME);
  const widths = [10, 26, 8, 50, 16, 10, 12, 40, 12, 60];
  sheet.columns = [...SHEET_COLUMNS, ...SHEET_REGISTER_COLUMNS].map((header, index) => ({
    header,
    width: widths[index],
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const { period, items, values, figures } of periods) {
    for (const item of items) {
      const stored = values.get(item.code);
      const figure = figures.get(item.code);
      sheet.addRow([
        period.key,
        period.label,
        item.code,
        item.name,
        item.unit,
        item.target,
        stored?.value ?? null,
        stored?.note ?? null,
        figure?.value ?? null,
        figure ? registerFigureBasis(figure, period) : null,
      ]);
    }
  }
  const about = workbook.addWorksheet("Instrucciones");
  about.columns = [{ width: 110 }];
  const lines = [
    `Indicadores de desempeño (M2) de ${municipalityName}: plantilla de captura.`,
    "",
    "Escriba cada valor en la columna «Valor» (y, si quiere, una nota) de la hoja «Valores».",
    "No cambie las columnas ni su orden, ni escriba fórmulas: el sistema rechaza el archivo.",
    "Una celda de valor vacía deja el valor guardado como está.",
    `«${SHEET_REGISTER_COLUMNS[0]}»: lo que dice el registro de capacitaciones (R2 y R3) del municipio para las fechas del periodo; «${SHEET_REGISTER_COLUMNS[1]}» dice de qué sesiones sale.`,
    "Son solo de consulta: para usar el dato cópielo a «Valor» (o escriba otro). Las personas capacitadas son la suma de cada sesión: quien asistió a dos cuenta dos veces.",
    "Al subir el archivo verá primero qué cambia en cada fila; nada se guarda hasta que lo confirme.",
    "Los valores quedan como borrador: la persona enlace envía cada periodo desde el sistema.",
    "Los periodos ya enviados no están en la plantilla: se corrigen en su página, con el motivo.",
    "",
    "Tipos de valor:",
    ...Object.values(INDICATOR_VALUE_TYPE_LABELS).map((label) => `• ${label}`),
  ];
  for (const line of lines) {
    about.addRow([line]);
  }
  about.getRow(1).font = { bold: true };
  await workbook.xlsx.write(out);
}

/** The bytes of an upload, refused beyond `MAX_SHEET_BYTES`. */
export async function readUpload(file: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of file) {
      size += (chunk as Buffer).length;
      if (size > MAX_SHEET_BYTES) {
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    file.resume();
    throw error instanceof AppError && error.code === "payload_too_large" ? tooLarge() : error;
  }
  return Buffer.concat(chunks);
}

const tooLarge = () =>
  new AppError(
    "spreadsheet_too_large",
    `La hoja de cálculo es demasiado grande: admite hasta ${MAX_SHEET_BYTES / MB} MB, ${
      MAX_SHEET_UNPACKED_BYTES / MB
    } MB descomprimida y ${MAX_SHEET_ROWS.toLocaleString("es-MX")} filas.`,
  );

const unreadable = () =>
  new AppError(
    "spreadsheet_unreadable",
    "El archivo no es una hoja de cálculo de Excel (.xlsx) legible. Descargue la plantilla y use esa.",
  );

/**
 * Refuses a ZIP whose entries unpack beyond the ceiling, inflating each one with a hard output
 * limit (declared sizes can lie). Anything that is not a plain ZIP of stored or deflated entries
 * is unreadable.
 */
export function checkUnpackedSize(bytes: Buffer, ceiling = MAX_SHEET_UNPACKED_BYTES): void {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (bytes.length < 22 || eocd < 0 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw unreadable();
  }
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) {
      throw unreadable();
    }
    const method = bytes.readUInt16LE(at + 10);
    const packed = bytes.readUInt32LE(at + 20);
    const declared = bytes.readUInt32LE(at + 24);
    const local = bytes.readUInt32LE(at + 42);
    at +=
      46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (declared > ceiling - total || packed > bytes.length) {
      throw tooLarge();
    }
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) {
      throw unreadable();
    }
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + packed);
    if (method === 0) {
      total += data.length;
    } else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: ceiling - total + 1 }).length;
      } catch (error) {
        throw (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE"
          ? tooLarge()
          : unreadable();
      }
    } else {
      throw unreadable();
    }
    if (total > ceiling) {
      throw tooLarge();
    }
  }
}

/** A cell's content as the plan reads it: numbers as numbers, anything else as its text. */
function cellContent(cell: ExcelJS.Cell): unknown {
  const { value } = cell;
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === "number" ? value : cell.text;
}

/**
 * The data rows of an uploaded capture sheet, or a refusal: unreadable, a formula in any cell of
 * any sheet, a header row other than the template's, or more than `MAX_SHEET_ROWS` rows.
 */
export async function readIndicatorSheet(bytes: Buffer): Promise<SheetRow[]> {
  checkUnpackedSize(bytes);
  const workbook = new (excelJs().Workbook)();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable();
  }
  for (const worksheet of workbook.worksheets) {
    if (worksheet.rowCount > MAX_SHEET_ROWS + 1) {
      throw tooLarge();
    }
    worksheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.type === excelJs().ValueType.Formula || cell.formula) {
          throw new AppError(
            "spreadsheet_formula",
            `La celda ${cell.address} de la hoja «${worksheet.name}» tiene una fórmula: escriba solo valores.`,
            [{ field: cell.address, message: "Fórmula no admitida." }],
          );
        }
      });
    });
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  const header = SHEET_COLUMNS.map((_, index) =>
    sheet
      ?.getRow(1)
      .getCell(index + 1)
      .text.trim(),
  );
  if (!sheet || header.some((text, index) => text !== SHEET_COLUMNS[index])) {
    throw new AppError(
      "spreadsheet_columns",
      `Las columnas no son las de la plantilla. La primera fila debe decir, en este orden: ${SHEET_COLUMNS.join(", ")}.`,
    );
  }
  const rows: SheetRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) {
      return;
    }
    const cells = [1, 3, 7, 8].map((column) => cellContent(row.getCell(column)));
    if (cells.every((cell) => cell === null || String(cell).trim() === "")) {
      return;
    }
    const [period, code, value, note] = cells;
    rows.push({ row: number, period, code, value, note });
  });
  return rows;
}
