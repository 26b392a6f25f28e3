/**
 * The M2 capture spreadsheet: the columns of the template MRTM generates (one row per adopted
 * indicator and period still open to capture) and the plan of an import, row by row: what each
 * row changes, or why it is refused, in Spanish. Pure: the server reads the file and writes the
 * plan; the rules live here.
 */
import { labelledCodes } from "./codes.js";
import {
  type AdoptedIndicator,
  type IndicatorPeriod,
  indicatorValueProblem,
  MAX_VALUE_NOTE,
} from "./indicators.js";

/** The header row, in this order: an import whose first row differs is refused whole. */
export const SHEET_COLUMNS = [
  "Periodo",
  "Nombre del periodo",
  "Clave",
  "Indicador",
  "Unidad",
  "Meta",
  "Valor",
  "Nota",
] as const;

/**
 * Columns the template adds after `SHEET_COLUMNS` for the indicators the R2/R3 training register
 * feeds: the register's figure for the period and what it rests on. They are for reading only:
 * the import never reads them (a figure becomes a value only when typed or copied into «Valor»,
 * as the form's «Usar el dato del registro» does), so templates without them still import.
 */
export const SHEET_REGISTER_COLUMNS = ["Dato del registro", "Base del dato del registro"] as const;

/** The worksheet the template writes and the import reads. */
export const SHEET_NAME = "Valores";

/** Rows an import may hold (12 indicators × 12 months × several years fit many times over). */
export const MAX_SHEET_ROWS = 2000;

/** A spreadsheet's size limit, packed and unpacked (a «zip bomb» is refused before reading). */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024;
export const MAX_SHEET_UNPACKED_BYTES = 20 * 1024 * 1024;

/** One data row as read from the file: cells as they came (numbers, text or empty). */
export interface SheetRow {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  period: unknown;
  code: unknown;
  value: unknown;
  note: unknown;
}

/** A period the adoption reports, with whether it was already sent and its stored values. */
export interface SheetPeriod {
  period: IndicatorPeriod;
  submitted: boolean;
  values: ReadonlyMap<string, { value: number; note: string | null }>;
}

export const [SHEET_CHANGES, SHEET_CHANGE_LABELS] = labelledCodes({
  new: "Valor nuevo",
  changed: "Cambia el valor",
  same: "Sin cambios",
  empty: "Vacío: no se modifica",
  error: "Con error",
});
export type SheetChange = (typeof SHEET_CHANGES)[number];

/** What one row of an import does. */
export interface SheetRowPlan {
  row: number;
  period: string;
  code: string;
  name: string;
  before: number | null;
  after: number | null;
  note: string | null;
  change: SheetChange;
  /** Why the row is refused (change = error). */
  message: string | null;
}

const text = (cell: unknown): string =>
  cell === null || cell === undefined ? "" : String(cell).trim();

/** A cell as a number: numbers as they are, text with a decimal point or comma; "" is empty. */
export function sheetNumber(cell: unknown): number | null | "invalid" {
  if (typeof cell === "number") {
    return Number.isFinite(cell) ? cell : "invalid";
  }
  const written = text(cell).replace(/\s/g, "");
  if (written === "") {
    return null;
  }
  const normal = written.replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : "invalid";
}

/**
 * The plan of an import: each row's change against what is stored. A row is refused when its
 * period is not one the adoption reports (or was already sent: a correction has its own form),
 * its indicator is not adopted for that period's periodicity, it repeats a row, or its value is
 * not a valid number for the indicator. An empty value leaves the stored one as it is.
 */
export function planSheetImport(
  items: readonly AdoptedIndicator[],
  periods: readonly SheetPeriod[],
  rows: readonly SheetRow[],
): SheetRowPlan[] {
  const byPeriod = new Map(periods.map((entry) => [entry.period.key, entry]));
  const seen = new Set<string>();
  return rows.map((row): SheetRowPlan => {
    const periodKey = text(row.period).toUpperCase();
    const code = text(row.code).toUpperCase();
    const item = items.find((candidate) => candidate.code === code);
    const base = {
      row: row.row,
      period: periodKey,
      code,
      name: item?.name ?? "",
      before: null,
      after: null,
      note: null,
    };
    const refuse = (message: string): SheetRowPlan => ({ ...base, change: "error", message });
    const entry = byPeriod.get(periodKey);
    if (!entry) {
      return refuse(
        `El periodo «${periodKey || "(vacío)"}» no es uno de los periodos concluidos que reporta el municipio.`,
      );
    }
    if (!item || item.periodicity !== entry.period.periodicity) {
      return refuse(`El indicador «${code || "(vacío)"}» no se reporta en ${entry.period.label}.`);
    }
    const key = `${periodKey}|${code}`;
    if (seen.has(key)) {
      return refuse(`${code} de ${entry.period.label} aparece en más de una fila.`);
    }
    seen.add(key);
    const stored = entry.values.get(code) ?? null;
    const before = stored?.value ?? null;
    const value = sheetNumber(row.value);
    if (value === null) {
      return { ...base, before, change: "empty", message: null };
    }
    if (entry.submitted) {
      return refuse(
        `${entry.period.label} ya se envió: sus valores se corrigen en la página del periodo, con el motivo.`,
      );
    }
    if (value === "invalid") {
      return refuse(`${item.name}: Escriba un número.`);
    }
    const problem = indicatorValueProblem(item, value);
    if (problem) {
      return refuse(`${item.name}: ${problem}`);
    }
    const note = text(row.note) || null;
    if ((note?.length ?? 0) > MAX_VALUE_NOTE) {
      return refuse(`La nota de ${code} admite hasta ${MAX_VALUE_NOTE} caracteres.`);
    }
    const same = before === value && (stored?.note ?? null) === note;
    return {
      ...base,
      before,
      after: value,
      note,
      change: same ? "same" : before === null ? "new" : "changed",
      message: null,
    };
  });
}

/** The changes of a plan, by period: what an import writes (nothing when every row is the same). */
export function sheetChangesByPeriod(
  plan: readonly SheetRowPlan[],
): Map<string, { code: string; value: number; note: string | null }[]> {
  const changes = new Map<string, { code: string; value: number; note: string | null }[]>();
  for (const row of plan) {
    if ((row.change === "new" || row.change === "changed") && row.after !== null) {
      const list = changes.get(row.period) ?? [];
      list.push({ code: row.code, value: row.after, note: row.note });
      changes.set(row.period, list);
    }
  }
  return changes;
}
