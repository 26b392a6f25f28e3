import type ExcelJS from "exceljs";

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
