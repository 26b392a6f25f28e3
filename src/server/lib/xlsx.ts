import { once } from "node:events";
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { excelJs } from "./lazy-modules.js";

/** What every streamed spreadsheet of the platform (gap matrix, regional report) shares. */
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Rows written between yields to the event loop, so a large sheet never blocks other requests. */
export const ROWS_PER_YIELD = 200;

const solid = (argb: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb },
});

export const HEADER_FILL = solid("FFE9ECEF");
export const OVERDUE_FILL = solid("FFF8D7DA");
export const VALIDATED_FILL = solid("FFD1E7DD");

/**
 * A workbook written to `output` as it is built (exceljs' streaming writer): each row, once
 * committed, is serialised into the zip stream, so the workbook is never whole in memory.
 */
export function streamedWorkbook(
  output: Writable,
  meta: { creator: string; created: Date },
): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = meta.creator;
  workbook.created = meta.created;
  return workbook;
}

/** The sheet's title in large bold type and the lines under it, committed. */
export function titleRows(sheet: ExcelJS.Worksheet, text: string, lines: string[]): void {
  sheet.addRow([text]).font = { bold: true, size: 14 };
  for (const line of lines) {
    sheet.addRow([line]);
  }
  for (let row = 1; row <= lines.length + 1; row++) {
    sheet.getRow(row).commit();
  }
}

/** The column headers, bold on a grey fill with a rule below, and the autofilter over them. */
export function headerRow(sheet: ExcelJS.Worksheet, labels: string[]): void {
  const row = sheet.addRow(labels);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: "top" };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: "thin" } };
  });
  sheet.autoFilter = {
    from: { row: row.number, column: 1 },
    to: { row: row.number, column: labels.length },
  };
  row.commit();
}

/**
 * Commits each data row it is given and, every ROWS_PER_YIELD rows, lets the zip stream flush and
 * waits while the client is slower than the writer. A client that went away ends the writing
 * (nobody is left to read it).
 */
export function rowCommitter(output: Writable): (row: ExcelJS.Row) => Promise<void> {
  let written = 0;
  return async (row) => {
    row.commit();
    written += 1;
    if (written % ROWS_PER_YIELD === 0) {
      if (output.writableNeedDrain) {
        await Promise.race([once(output, "drain"), once(output, "close")]);
      } else {
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (output.destroyed) {
        throw new Error("the client closed the connection before the workbook was written");
      }
    }
  };
}
