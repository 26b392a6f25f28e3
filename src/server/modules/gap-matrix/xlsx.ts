import type { Writable } from "node:stream";
import { EXEMPT_LABEL } from "../../../domain/exemptions.js";
import type { MatrixCell, MatrixFilters } from "../../../domain/gap-matrix.js";
import { defaultOrder } from "../../../domain/gap-matrix.js";
import { TOOL_STATE_LABELS } from "../../../domain/tool-state.js";
import { formatDateEs, formatDateTimeEs } from "../../lib/dates-es.js";
import { toolStateText } from "../../lib/tool-state-text.js";
import {
  headerRow,
  OVERDUE_FILL,
  rowCommitter,
  streamedWorkbook,
  titleRows,
  VALIDATED_FILL,
} from "../../lib/xlsx.js";
import type { ComputedMatrix } from "./queries.js";

/** The sheet's name, and the row where the column headers are (frozen above and at their left). */
export const SHEET_NAME = "Matriz de brechas";
export const HEADER_ROW = 6;
/** Columns before the tools: clave INEGI, municipio, cohorte, índice. */
const LEADING = ["Clave INEGI", "Municipio", "Cohorte", "Índice de implementación (%)"];

/**
 * "Pendiente de elaboración · VENCIDA": a tool's state cell as text, state first. Its deadline is
 * the next cell, a real date (`cellDeadline`), so a spreadsheet can sort and filter by it.
 */
export function cellText(cell: MatrixCell | null, exempt = false): string {
  if (cell === null) {
    return exempt ? EXEMPT_LABEL : "No aplica";
  }
  const details =
    cell.parts > 1 && cell.state !== "validated"
      ? [`${cell.validatedParts}/${cell.parts} componentes validados`]
      : [];
  return toolStateText(cell, details);
}

/**
 * The deadline as an Excel date (the day at UTC midnight: exceljs writes dates as UTC serials, so
 * the sheet shows the same calendar day in any time zone), or empty when there is none.
 */
export function cellDeadline(cell: MatrixCell | null): Date | null {
  return cell?.deadline ? new Date(`${cell.deadline}T00:00:00Z`) : null;
}

/** The 1-based column of a tool's state; its deadline is the one after it. */
function stateColumn(position: number): number {
  return LEADING.length + 1 + 2 * position;
}

const DATE_FORMAT = "dd/mm/yyyy";

const SORT_LABELS = {
  name: "municipio",
  gaps: "número de brechas",
  overdue: "número de vencidas",
  index: "índice de implementación",
} as const;

/** The filters as a sentence for the sheet's header, in Spanish. */
export function describeFilters(filters: MatrixFilters, computed: ComputedMatrix): string {
  const dimension = computed.dimensions.find((d) => d.code === filters.dimension);
  const sort = filters.sort ?? "name";
  const order = filters.order ?? defaultOrder(sort);
  const sortLabel =
    typeof sort === "object"
      ? `herramienta ${sort.tool} (lo más urgente primero)`
      : SORT_LABELS[sort];
  const direction =
    typeof sort === "object"
      ? order === "asc"
        ? ""
        : ", invertido"
      : order === "asc"
        ? ", ascendente"
        : ", descendente";
  return [
    `Cohorte: ${filters.cohort ?? "todas"}`,
    `Dimensión: ${dimension ? `${dimension.code} · ${dimension.name}` : (filters.dimension ?? "todas")}`,
    `Estado: ${filters.state ? TOOL_STATE_LABELS[filters.state] : "todos"}`,
    `Vencidas: ${filters.overdue === undefined ? "todas" : filters.overdue ? "solo con vencidas" : "solo sin vencidas"}`,
    `Orden: ${sortLabel}${direction}`,
  ].join(" · ");
}

interface XlsxHeader {
  institution: string;
  issuedAt: Date;
  filters: MatrixFilters;
}

/**
 * Writes the matrix as one sheet to `output` with exceljs' streaming writer: each row is committed
 * (serialised into the zip stream) as soon as it is added, so the workbook is never whole in
 * memory. Waits for the output to drain, so a slow client holds back the writer.
 */
export async function writeGapMatrixXlsx(
  computed: ComputedMatrix,
  header: XlsxHeader,
  output: Writable,
): Promise<void> {
  const { matrix } = computed;
  const workbook = streamedWorkbook(output, {
    creator: header.institution,
    created: header.issuedAt,
  });
  const commit = rowCommitter(output);
  const sheet = workbook.addWorksheet(SHEET_NAME, {
    views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }],
    properties: { defaultRowHeight: 15 },
  });
  sheet.columns = [
    { width: 12 },
    { width: 34 },
    { width: 18 },
    { width: 14 },
    ...matrix.columns.flatMap(() => [{ width: 30 }, { width: 12 }]),
    { width: 12 },
    { width: 12 },
  ];

  // Rows 1 to HEADER_ROW - 1: the title and four lines; the headers come next.
  titleRows(sheet, "Matriz de brechas", [
    header.institution,
    `Fecha de emisión: ${formatDateTimeEs(header.issuedAt)} (hora del centro de México). Fecha de corte: ${formatDateEs(computed.today)}.`,
    `Filtros: ${describeFilters(header.filters, computed)}`,
    "Cada herramienta ocupa dos columnas: su estado y su plazo (una fecha, dd/mm/aaaa). «VENCIDA»: venció el plazo sin validar (celdas resaltadas). «No aplica»: la herramienta no forma parte del modelo del municipio.",
  ]);
  headerRow(sheet, [
    ...LEADING,
    ...matrix.columns.flatMap((column) => [
      `${column.toolCode} · ${column.toolName}`,
      `${column.toolCode} · Plazo`,
    ]),
    "Brechas (sin validar)",
    "Vencidas",
  ]);

  for (const row of matrix.rows) {
    const added = sheet.addRow([
      row.cvegeo,
      row.name,
      row.cohort,
      Math.round(row.index * 1000) / 10,
      ...row.cells.flatMap((cell, position) => [
        cellText(cell, row.exempt.includes(matrix.columns[position]?.toolCode ?? "")),
        cellDeadline(cell),
      ]),
      row.gaps,
      row.overdue,
    ]);
    added.getCell(4).numFmt = "0.0";
    row.cells.forEach((cell, position) => {
      const state = added.getCell(stateColumn(position));
      const deadline = added.getCell(stateColumn(position) + 1);
      deadline.numFmt = DATE_FORMAT;
      for (const target of [state, deadline]) {
        if (cell?.overdue) {
          target.fill = OVERDUE_FILL;
          target.font = { bold: true, color: { argb: "FF842029" } };
        } else if (cell?.state === "validated") {
          target.fill = VALIDATED_FILL;
        }
      }
    });
    await commit(added);
  }

  const totalsRows: [
    string,
    (t: (typeof matrix.columnTotals)[number]) => number,
    number | null,
    number | null,
  ][] = [
    ["Total sin validar", (t) => t.gaps, matrix.totals.gaps, null],
    ["Total pendientes de elaboración", (t) => t.pending, null, null],
    ["Total vencidas", (t) => t.overdue, null, matrix.totals.overdue],
    ["Total validadas", (t) => t.validated, null, null],
  ];
  totalsRows.forEach(([label, pick, gaps, overdue], position) => {
    const added = sheet.addRow([
      "",
      label,
      "",
      "",
      ...matrix.columnTotals.flatMap((total) => [pick(total), ""]),
      gaps ?? "",
      overdue ?? "",
    ]);
    added.font = { bold: true };
    if (position === 0) {
      added.eachCell((cell) => {
        cell.border = { top: { style: "thin" } };
      });
    }
    added.commit();
  });
  sheet.commit();
  await workbook.commit();
}
