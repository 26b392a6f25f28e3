import ExcelJS from "exceljs";

/** A sheet's rows, the first one its headers; a `{ formula }` cell is written as a formula. */
export type WorkbookSheets = Record<
  string,
  (string | number | Date | null | { formula: string })[][]
>;

/** A workbook of the given sheets, as a spreadsheet program saves it (for import tests). */
export async function buildWorkbook(sheets: WorkbookSheets): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) {
      sheet.addRow(row);
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
