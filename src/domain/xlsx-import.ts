/**
 * The XLSX import (issue 17, decision 0025): the sheets and columns of the workbook, how a cell is
 * read, and the plan of what an import creates, changes or leaves alone, with every problem in
 * Spanish. Pure: the server reads the workbook into `ImportCell` rows and the database into
 * `ImportCurrent`, and applies the plan's operations.
 */
import { isAgreementTool } from "./agreement-tool.js";
import { labelledCodes } from "./codes.js";
import { compareDates, isLocalDate, type LocalDate } from "./dates.js";
import { plannedInstances } from "./deadlines.js";
import {
  DIAGNOSTIC_ANSWER_LABELS,
  DIAGNOSTIC_ANSWERS,
  type DiagnosticAnswer,
} from "./diagnostic.js";
import type { ModelContent } from "./model.js";
import { ROLE_LABELS } from "./roles.js";
import { foldForSearch } from "./text.js";
import { TOOL_STATE_LABELS, TOOL_STATES, type ToolState } from "./tool-state.js";

/** A cell as the server hands it over: its value, or a formula (refused before planning). */
export type ImportCell = string | number | boolean | Date | null;

/** The sheets, with their names in the template (and in the dry run's report). */
export const [IMPORT_SHEETS, IMPORT_SHEET_NAMES] = labelledCodes({
  agreements: "Convenios",
  accounts: "Enlaces",
  states: "Estados",
  diagnostic: "Diagnóstico",
});
export type ImportSheet = (typeof IMPORT_SHEETS)[number];

/**
 * The regional report's «Resumen» sheet (GET /api/reports/regional.xlsx) is read as «Convenios»:
 * its computed columns (index, dimensions, rank…) are MRTM's own figures and are read past.
 */
const EXPORT_SHEETS: Record<string, ImportSheet> = { resumen: "agreements" };

/** Largest number of data rows in one sheet and in the whole workbook. */
export const MAX_IMPORT_ROWS_PER_SHEET = 60_000;
export const MAX_IMPORT_ROWS = 90_000;
/** The header row is looked for among a sheet's first rows (the exports put a title above it). */
export const HEADER_SEARCH_ROWS = 12;

interface ColumnSpec {
  header: string;
  required: boolean;
  /** Other spellings: the exports' headers and the open data's column names. */
  aliases?: string[];
}

const CVEGEO: ColumnSpec = { header: "Clave INEGI", required: true, aliases: ["clave_inegi"] };
const NAME: ColumnSpec = { header: "Municipio", required: false };
const TOOL: ColumnSpec = { header: "Herramienta", required: true };
const PART: ColumnSpec = { header: "Parte", required: false };

/** Every sheet's columns, in the template's order. */
export const IMPORT_COLUMNS = {
  agreements: {
    cvegeo: CVEGEO,
    name: NAME,
    cohort: { header: "Cohorte", required: true },
    signedOn: {
      header: "Convenio",
      required: true,
      aliases: ["fecha_convenio", "Fecha de firma", "Fecha del convenio"],
    },
  },
  accounts: {
    cvegeo: CVEGEO,
    name: NAME,
    email: { header: "Correo", required: true, aliases: ["Correo electrónico", "email"] },
    fullName: { header: "Nombre", required: true },
    role: { header: "Rol", required: true },
    designatedOn: { header: "Designado el", required: false, aliases: ["Fecha de designación"] },
  },
  states: {
    cvegeo: CVEGEO,
    name: NAME,
    tool: TOOL,
    part: PART,
    cycle: { header: "Ciclo", required: false },
    state: { header: "Estado", required: true },
    submittedOn: { header: "Enviada el", required: false, aliases: ["Fecha de envío"] },
    validatedOn: { header: "Validada el", required: false, aliases: ["Fecha de validación"] },
  },
  diagnostic: {
    cvegeo: CVEGEO,
    name: NAME,
    tool: TOOL,
    part: PART,
    answer: { header: "Respuesta", required: true },
  },
} as const satisfies Record<ImportSheet, Record<string, ColumnSpec>>;

type ColumnKey<S extends ImportSheet> = keyof (typeof IMPORT_COLUMNS)[S] & string;

/** One problem of the file: where (sheet, row number as Excel shows it, column) and what. */
export interface ImportProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

/** A refusal of the whole file, before any row is read: its stable code and Spanish message. */
export class WorkbookRefusal extends Error {
  constructor(
    readonly code: WorkbookRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = "WorkbookRefusal";
  }
}

export const WORKBOOK_REFUSAL_CODES = [
  "xlsx_unreadable",
  "xlsx_too_large",
  "xlsx_zip_bomb",
  "xlsx_too_many_rows",
  "xlsx_formula",
  "xlsx_columns",
] as const;
export type WorkbookRefusalCode = (typeof WORKBOOK_REFUSAL_CODES)[number];

/** A sheet as read: its name and its rows of cells, with Excel's row numbers. */
export interface RawSheet {
  name: string;
  rows: { number: number; cells: ImportCell[] }[];
}

/** A data row of a recognised sheet: each column's cell by key, and its Excel row number. */
export interface SheetRow<S extends ImportSheet> {
  row: number;
  cells: Partial<Record<ColumnKey<S>, ImportCell>>;
}

export interface RecognisedSheets {
  agreements: SheetRow<"agreements">[];
  accounts: SheetRow<"accounts">[];
  states: SheetRow<"states">[];
  diagnostic: SheetRow<"diagnostic">[];
}

const fold = (text: string) => foldForSearch(text.replaceAll("_", " ")).trim();

function cellText(cell: ImportCell): string {
  if (cell === null) {
    return "";
  }
  if (cell instanceof Date) {
    return cell.toISOString().slice(0, 10);
  }
  return String(cell).trim();
}

/**
 * Finds each known sheet's header row and maps its columns. Refuses (`xlsx_columns`) a workbook
 * with no known sheet, a sheet without its header row, a missing required column, a repeated
 * column, or a column the template does not have (except in the export's «Resumen»).
 */
export function recogniseSheets(sheets: RawSheet[]): RecognisedSheets {
  const result: RecognisedSheets = { agreements: [], accounts: [], states: [], diagnostic: [] };
  const seen = new Set<ImportSheet>();
  for (const sheet of sheets) {
    const folded = fold(sheet.name);
    const kind =
      IMPORT_SHEETS.find((candidate) => fold(IMPORT_SHEET_NAMES[candidate]) === folded) ??
      EXPORT_SHEETS[folded];
    if (!kind) {
      continue;
    }
    if (seen.has(kind)) {
      throw new WorkbookRefusal(
        "xlsx_columns",
        `El libro trae dos hojas de ${IMPORT_SHEET_NAMES[kind]}; deje solo una.`,
      );
    }
    seen.add(kind);
    const fromExport = fold(IMPORT_SHEET_NAMES[kind]) !== folded;
    // biome-ignore lint/suspicious/noExplicitAny: one loop over the four sheets' row types
    (result as Record<ImportSheet, SheetRow<any>[]>)[kind] = sheetRows(sheet, kind, fromExport);
  }
  if (seen.size === 0) {
    throw new WorkbookRefusal(
      "xlsx_columns",
      `El libro no tiene ninguna hoja que MRTM importe: ${IMPORT_SHEETS.map((s) => `«${IMPORT_SHEET_NAMES[s]}»`).join(", ")}. Descargue la plantilla.`,
    );
  }
  return result;
}

function sheetRows<S extends ImportSheet>(
  sheet: RawSheet,
  kind: S,
  fromExport: boolean,
): SheetRow<S>[] {
  const specs = IMPORT_COLUMNS[kind] as Record<string, ColumnSpec>;
  const headerAt = sheet.rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex(
      (row) =>
        fold(cellText(row.cells[0] ?? null)) === fold(CVEGEO.header) ||
        fold(cellText(row.cells[0] ?? null)) === fold("clave_inegi"),
    );
  const header = sheet.rows[headerAt];
  if (!header) {
    throw new WorkbookRefusal(
      "xlsx_columns",
      `La hoja «${sheet.name}» no tiene la fila de encabezados: su primera columna debe llamarse «${CVEGEO.header}».`,
    );
  }
  const positions = new Map<string, number>();
  header.cells.forEach((cell, position) => {
    const title = fold(cellText(cell));
    if (!title) {
      return;
    }
    const key = Object.keys(specs).find((candidate) => {
      const spec = specs[candidate] as ColumnSpec;
      return [spec.header, ...(spec.aliases ?? [])].some((name) => fold(name) === title);
    });
    if (!key) {
      if (fromExport) {
        return;
      }
      throw new WorkbookRefusal(
        "xlsx_columns",
        `La hoja «${sheet.name}» tiene una columna que MRTM no conoce: «${cellText(cell)}». Columnas de la hoja: ${describeColumns(kind)}.`,
      );
    }
    if (positions.has(key)) {
      throw new WorkbookRefusal(
        "xlsx_columns",
        `La hoja «${sheet.name}» repite la columna «${(specs[key] as ColumnSpec).header}».`,
      );
    }
    positions.set(key, position);
  });
  const missing = Object.entries(specs).filter(
    ([key, spec]) => spec.required && !positions.has(key),
  );
  if (missing.length > 0) {
    throw new WorkbookRefusal(
      "xlsx_columns",
      `A la hoja «${sheet.name}» le faltan columnas: ${missing.map(([, spec]) => `«${spec.header}»`).join(", ")}.`,
    );
  }
  const rows: SheetRow<S>[] = [];
  for (const row of sheet.rows.slice(headerAt + 1)) {
    const cells: Partial<Record<string, ImportCell>> = {};
    let empty = true;
    for (const [key, position] of positions) {
      const cell = row.cells[position] ?? null;
      cells[key] = cell;
      if (cellText(cell) !== "") {
        empty = false;
      }
    }
    if (!empty) {
      rows.push({ row: row.number, cells: cells as SheetRow<S>["cells"] });
    }
  }
  return rows;
}

/** «Clave INEGI», «Municipio» (opcional)… */
export function describeColumns(kind: ImportSheet): string {
  return Object.values(IMPORT_COLUMNS[kind] as Record<string, ColumnSpec>)
    .map((spec) => `«${spec.header}»${spec.required ? "" : " (opcional)"}`)
    .join(", ");
}

/** Reads a date cell: a real Excel date, dd/mm/aaaa (as the exports write it) or aaaa-mm-dd. */
export function readDate(cell: ImportCell): LocalDate | null | { problem: string } {
  if (cell === null || cellText(cell) === "") {
    return null;
  }
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime())
      ? { problem: DATE_PROBLEM }
      : cell.toISOString().slice(0, 10);
  }
  const text = cellText(cell);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = dmy
    ? `${dmy[3]}-${(dmy[2] as string).padStart(2, "0")}-${(dmy[1] as string).padStart(2, "0")}`
    : text;
  return isLocalDate(iso) ? iso : { problem: DATE_PROBLEM };
}

const DATE_PROBLEM = "No es una fecha: escríbala como dd/mm/aaaa o use una celda de fecha.";

/** A municipality's INEGI key: 5 digits (a number cell loses no zero: the State of Mexico's start with 15). */
export function readCvegeo(cell: ImportCell): string | null {
  const text = cellText(cell);
  return /^\d{4,5}$/.test(text) ? text.padStart(5, "0") : null;
}

function readLabel<T extends string>(
  cell: ImportCell,
  values: readonly T[],
  labels: Record<T, string>,
): T | null {
  const text = fold(cellText(cell));
  return values.find((value) => fold(value) === text || fold(labels[value]) === text) ?? null;
}

/** What the import needs to know of the instance: the municipalities, the model in force. */
export interface ImportReference {
  municipalities: Map<string, string>;
  model: ModelContent;
  /** Tool code → its period kind, from the model in force. */
  today: LocalDate;
}

/** What the database holds now, for the rows the file names. */
export interface ImportCurrent {
  agreements: Map<string, { id: string; signedOn: LocalDate; cohort: string }>;
  accounts: Map<
    string,
    { id: string; name: string; role: string; municipality: string | null; active: boolean }
  >;
  /** Municipality → e-mail of its current designated liaison. */
  designations: Map<string, { email: string; designatedOn: LocalDate }>;
  /** `instanceKey` → the instance's state and dates, and whether MRTM holds submissions of it. */
  instances: Map<string, CurrentInstance>;
  /** Municipality → the diagnostic's status and answers by `instanceKey`. */
  diagnostics: Map<string, { submitted: boolean; answers: Map<string, DiagnosticAnswer> }>;
}

export interface CurrentInstance {
  state: ToolState;
  submittedOn: LocalDate | null;
  validatedOn: LocalDate | null;
  hasSubmissions: boolean;
  agreementTool: boolean;
}

/** One instance's identity: municipality, tool, part (or none) and cycle. */
export function instanceKey(cvegeo: string, tool: string, part: string | null, cycle: number) {
  return `${cvegeo}|${tool}|${part ?? ""}|${cycle}`;
}

export type ImportOperation =
  | { kind: "agreement.create"; cvegeo: string; cohort: string; signedOn: LocalDate }
  | { kind: "agreement.update"; id: string; cohort: string; signedOn: LocalDate }
  | {
      kind: "account.create";
      cvegeo: string;
      email: string;
      name: string;
      role: "liaison" | "collaborator";
    }
  | { kind: "account.update"; id: string; name: string }
  | { kind: "designation"; cvegeo: string; email: string; designatedOn: LocalDate }
  | {
      kind: "state";
      cvegeo: string;
      tool: string;
      part: string | null;
      cycle: number;
      state: ToolState;
      submittedOn: LocalDate | null;
      validatedOn: LocalDate | null;
    }
  | {
      kind: "diagnostic";
      cvegeo: string;
      tool: string;
      part: string | null;
      cycle: number;
      answer: DiagnosticAnswer;
    };

export const [IMPORT_ACTIONS, IMPORT_ACTION_LABELS] = labelledCodes({
  create: "Se crea",
  update: "Se cambia",
  unchanged: "Sin cambios",
});
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

/** One column that changes: its header, what MRTM holds now (null: nothing) and what comes. */
export interface ImportChange {
  column: string;
  before: string | null;
  after: string;
}

/** What the import does with one row of the file. */
export interface PlannedRow {
  sheet: string;
  row: number;
  /** What the row is about, in words: «15106 Toluca», «ana@toluca.gob.mx», «15106 · M1 · ciclo 2». */
  subject: string;
  action: ImportAction;
  changes: ImportChange[];
  operations: ImportOperation[];
}

export interface ImportPlan {
  rows: PlannedRow[];
  problems: ImportProblem[];
}

const ROLE_CHOICES = ["liaison", "collaborator"] as const;
const fmt = (date: LocalDate | null) =>
  date === null ? "" : `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * The plan of an import: for every row of the file, what it creates or changes (column by column)
 * or that it changes nothing, and every problem. Importing a file whose plan is all «Sin cambios»
 * writes nothing: that is what makes the import idempotent.
 */
export function planImport(
  sheets: RecognisedSheets,
  reference: ImportReference,
  current: ImportCurrent,
): ImportPlan {
  const problems: ImportProblem[] = [];
  const rows: PlannedRow[] = [];
  const problem = (sheet: ImportSheet, row: number, column: string | null, message: string) => {
    problems.push({ sheet: IMPORT_SHEET_NAMES[sheet], row, column, message });
  };
  const municipalityOf = <S extends ImportSheet>(sheet: S, row: SheetRow<S>): string | null => {
    const cell = (row.cells as Record<string, ImportCell>).cvegeo ?? null;
    const cvegeo = readCvegeo(cell);
    if (!cvegeo) {
      problem(sheet, row.row, CVEGEO.header, "Escriba la clave INEGI del municipio (5 dígitos).");
      return null;
    }
    if (!reference.municipalities.has(cvegeo)) {
      problem(sheet, row.row, CVEGEO.header, `No existe un municipio con la clave ${cvegeo}.`);
      return null;
    }
    return cvegeo;
  };
  const subjectOf = (cvegeo: string) =>
    `${cvegeo} ${reference.municipalities.get(cvegeo) ?? ""}`.trim();

  // Convenios: what each municipality's agreement will be after the import.
  const signedOnAfter = new Map<string, LocalDate>();
  for (const [cvegeo, agreement] of current.agreements) {
    signedOnAfter.set(cvegeo, agreement.signedOn);
  }
  const newAgreements = new Set<string>();
  const seenAgreements = new Set<string>();
  const columns = IMPORT_COLUMNS.agreements;
  for (const row of sheets.agreements) {
    const cvegeo = municipalityOf("agreements", row);
    const cohort = cellText(row.cells.cohort ?? null);
    const signedOn = readDate(row.cells.signedOn ?? null);
    let valid = cvegeo !== null;
    if (!cohort) {
      problem("agreements", row.row, columns.cohort.header, "Escriba la cohorte del convenio.");
      valid = false;
    }
    if (signedOn === null || typeof signedOn === "object") {
      problem(
        "agreements",
        row.row,
        columns.signedOn.header,
        signedOn === null ? "Escriba la fecha de firma del convenio." : signedOn.problem,
      );
      valid = false;
    } else if (compareDates(signedOn, reference.today) > 0) {
      problem(
        "agreements",
        row.row,
        columns.signedOn.header,
        "La fecha de firma no puede ser futura.",
      );
      valid = false;
    }
    if (cvegeo && seenAgreements.has(cvegeo)) {
      problem(
        "agreements",
        row.row,
        CVEGEO.header,
        `El municipio ${cvegeo} aparece dos veces en la hoja.`,
      );
      continue;
    }
    if (cvegeo) {
      seenAgreements.add(cvegeo);
    }
    if (!valid || !cvegeo || typeof signedOn !== "string") {
      continue;
    }
    const existing = current.agreements.get(cvegeo);
    const changes: ImportChange[] = [];
    if (existing?.cohort !== cohort) {
      changes.push({
        column: columns.cohort.header,
        before: existing?.cohort ?? null,
        after: cohort,
      });
    }
    if (existing?.signedOn !== signedOn) {
      changes.push({
        column: columns.signedOn.header,
        before: existing ? fmt(existing.signedOn) : null,
        after: fmt(signedOn),
      });
    }
    signedOnAfter.set(cvegeo, signedOn);
    if (!existing) {
      newAgreements.add(cvegeo);
    }
    rows.push({
      sheet: IMPORT_SHEET_NAMES.agreements,
      row: row.row,
      subject: subjectOf(cvegeo),
      action: !existing ? "create" : changes.length > 0 ? "update" : "unchanged",
      changes,
      operations: !existing
        ? [{ kind: "agreement.create", cvegeo, cohort, signedOn }]
        : changes.length > 0
          ? [{ kind: "agreement.update", id: existing.id, cohort, signedOn }]
          : [],
    });
  }

  const planning: SheetPlanning = {
    sheets,
    problem,
    municipalityOf,
    rows,
    today: reference.today,
    signedOnAfter,
  };
  planAccounts(planning, current);

  // The instances each municipality will have: today's, plus those a new agreement creates.
  const instances = new Map(current.instances);
  const agreementTools = new Set(
    reference.model.dimensions
      .flatMap((d) => d.tools)
      .filter((t) => isAgreementTool(t.period.kind))
      .map((t) => t.code),
  );
  // Agreements signed the same day have the same plan: computed once per signing date.
  const plans = new Map<LocalDate, ReturnType<typeof plannedInstances>>();
  for (const cvegeo of newAgreements) {
    const signedOn = signedOnAfter.get(cvegeo) as LocalDate;
    let plan = plans.get(signedOn);
    if (!plan) {
      plan = plannedInstances(reference.model, signedOn, reference.today);
      plans.set(signedOn, plan);
    }
    for (const planned of plan) {
      const agreementTool = agreementTools.has(planned.tool);
      instances.set(instanceKey(cvegeo, planned.tool, planned.part, planned.cycle), {
        state: agreementTool ? "validated" : "pending",
        submittedOn: agreementTool ? signedOn : null,
        validatedOn: agreementTool ? signedOn : null,
        hasSubmissions: false,
        agreementTool,
      });
    }
  }
  planStates(planning, instances);
  planDiagnostic(planning, instances, current);
  return { rows, problems };
}

type ProblemSink = (
  sheet: ImportSheet,
  row: number,
  column: string | null,
  message: string,
) => void;
type MunicipalityReader = <S extends ImportSheet>(sheet: S, row: SheetRow<S>) => string | null;

/** What planning each sheet after the agreements reads, and where its problems and rows go. */
interface SheetPlanning {
  sheets: RecognisedSheets;
  problem: ProblemSink;
  municipalityOf: MunicipalityReader;
  rows: PlannedRow[];
  today: LocalDate;
  /** Each municipality's signing date once the agreements sheet is applied. */
  signedOnAfter: Map<string, LocalDate>;
}

function planAccounts(planning: SheetPlanning, current: ImportCurrent): void {
  const { sheets, problem, municipalityOf, rows, today, signedOnAfter } = planning;
  const columns = IMPORT_COLUMNS.accounts;
  const seenEmails = new Set<string>();
  const designated = new Set<string>();
  for (const row of sheets.accounts) {
    const cvegeo = municipalityOf("accounts", row);
    const email = cellText(row.cells.email ?? null).toLowerCase();
    const name = cellText(row.cells.fullName ?? null);
    const role = readLabel(row.cells.role ?? null, ROLE_CHOICES, ROLE_LABELS);
    const designatedOn = readDate(row.cells.designatedOn ?? null);
    let valid = cvegeo !== null;
    const fail = (column: string, message: string) => {
      problem("accounts", row.row, column, message);
      valid = false;
    };
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
      fail(columns.email.header, "Escriba un correo electrónico válido.");
    } else if (seenEmails.has(email)) {
      fail(columns.email.header, `El correo ${email} aparece dos veces en la hoja.`);
    }
    seenEmails.add(email);
    if (!name || name.length > 200) {
      fail(columns.fullName.header, "Escriba el nombre de la persona (hasta 200 caracteres).");
    }
    if (!role) {
      fail(
        columns.role.header,
        `Escriba el rol: «${ROLE_LABELS.liaison}» o «${ROLE_LABELS.collaborator}».`,
      );
    }
    if (designatedOn !== null && typeof designatedOn === "object") {
      fail(columns.designatedOn.header, designatedOn.problem);
    } else if (designatedOn !== null) {
      if (role !== "liaison") {
        fail(
          columns.designatedOn.header,
          "Solo un enlace municipal se designa; deje la fecha vacía.",
        );
      } else if (compareDates(designatedOn, today) > 0) {
        fail(columns.designatedOn.header, "La fecha de designación no puede ser futura.");
      } else if (cvegeo && !signedOnAfter.has(cvegeo)) {
        fail(
          CVEGEO.header,
          "El municipio no tiene convenio: agréguelo a la hoja «Convenios» para designar a su enlace.",
        );
      } else if (cvegeo && designated.has(cvegeo)) {
        fail(
          columns.designatedOn.header,
          "Otro enlace del mismo municipio ya se designa en esta hoja.",
        );
      }
    }
    const existing = current.accounts.get(email);
    if (existing && valid && (existing.role !== role || existing.municipality !== cvegeo)) {
      fail(
        columns.role.header,
        "Ya existe una cuenta con ese correo y otro rol o municipio; corríjala en «Usuarios».",
      );
    }
    if (existing && valid && !existing.active) {
      fail(
        columns.email.header,
        "La cuenta con ese correo está desactivada; reactívela en «Usuarios».",
      );
    }
    if (!valid || !cvegeo || !role || (designatedOn !== null && typeof designatedOn === "object")) {
      continue;
    }
    const changes: ImportChange[] = [];
    const operations: ImportOperation[] = [];
    if (!existing) {
      changes.push(
        { column: columns.fullName.header, before: null, after: name },
        { column: columns.role.header, before: null, after: ROLE_LABELS[role] },
      );
      operations.push({ kind: "account.create", cvegeo, email, name, role });
    } else if (existing.name !== name) {
      changes.push({ column: columns.fullName.header, before: existing.name, after: name });
      operations.push({ kind: "account.update", id: existing.id, name });
    }
    if (designatedOn !== null) {
      designated.add(cvegeo);
      const now = current.designations.get(cvegeo);
      if (now?.email !== email) {
        changes.push({
          column: columns.designatedOn.header,
          before: now ? `${now.email} (${fmt(now.designatedOn)})` : null,
          after: fmt(designatedOn),
        });
        operations.push({ kind: "designation", cvegeo, email, designatedOn });
      }
    }
    rows.push({
      sheet: IMPORT_SHEET_NAMES.accounts,
      row: row.row,
      subject: email,
      action: !existing ? "create" : changes.length > 0 ? "update" : "unchanged",
      changes,
      operations,
    });
  }
}

function readInstance<S extends "states" | "diagnostic">(
  { problem, municipalityOf }: SheetPlanning,
  sheet: S,
  row: SheetRow<S>,
  instances: Map<string, CurrentInstance>,
): {
  cvegeo: string;
  tool: string;
  part: string | null;
  cycle: number;
  key: string;
  instance: CurrentInstance;
} | null {
  const cells = row.cells as Record<string, ImportCell>;
  const cvegeo = municipalityOf(sheet, row);
  const tool = cellText(cells.tool ?? null).toUpperCase();
  const partText = cellText(cells.part ?? null);
  const part = partText === "" ? null : partText.toLowerCase();
  const cycleText = cellText(cells.cycle ?? null);
  const cycle = cycleText === "" ? 1 : Number(cycleText);
  if (!tool) {
    problem(sheet, row.row, TOOL.header, "Escriba la clave de la herramienta (p. ej. M1).");
    return null;
  }
  if (!Number.isInteger(cycle) || cycle < 1) {
    problem(sheet, row.row, "Ciclo", "El ciclo es un número entero desde 1.");
    return null;
  }
  if (!cvegeo) {
    return null;
  }
  const key = instanceKey(cvegeo, tool, part, cycle);
  const instance = instances.get(key);
  if (!instance) {
    problem(
      sheet,
      row.row,
      TOOL.header,
      `El municipio ${cvegeo} no tiene la herramienta ${tool}${part ? ` parte ${part}` : ""}${cycle > 1 ? ` ciclo ${cycle}` : ""}: revise la clave, la parte y el ciclo, o registre su convenio.`,
    );
    return null;
  }
  return { cvegeo, tool, part, cycle, key, instance };
}

function planStates(planning: SheetPlanning, instances: Map<string, CurrentInstance>): void {
  const { sheets, problem, rows, today, signedOnAfter } = planning;
  const columns = IMPORT_COLUMNS.states;
  const seen = new Set<string>();
  for (const row of sheets.states) {
    const found = readInstance(planning, "states", row, instances);
    const state = readLabel(row.cells.state ?? null, TOOL_STATES, TOOL_STATE_LABELS);
    const submittedOn = readDate(row.cells.submittedOn ?? null);
    const validatedOn = readDate(row.cells.validatedOn ?? null);
    let valid = found !== null;
    const fail = (column: string, message: string) => {
      problem("states", row.row, column, message);
      valid = false;
    };
    if (!state) {
      fail(
        columns.state.header,
        `Escriba un estado: ${TOOL_STATES.map((s) => `«${TOOL_STATE_LABELS[s]}»`).join(", ")}.`,
      );
    }
    for (const [column, date] of [
      [columns.submittedOn.header, submittedOn],
      [columns.validatedOn.header, validatedOn],
    ] as const) {
      if (date !== null && typeof date === "object") {
        fail(column, date.problem);
      } else if (date !== null && compareDates(date, today) > 0) {
        fail(column, "La fecha no puede ser futura.");
      } else if (
        date !== null &&
        found &&
        compareDates(date, signedOnAfter.get(found.cvegeo) ?? date) < 0
      ) {
        fail(column, "La fecha es anterior a la firma del convenio.");
      }
    }
    const sent = typeof submittedOn === "string" ? submittedOn : null;
    const validated = typeof validatedOn === "string" ? validatedOn : null;
    if (state && ["submitted", "changes_requested", "validated"].includes(state) && !sent) {
      fail(
        columns.submittedOn.header,
        "Con ese estado, escriba la fecha en que se envió a revisión.",
      );
    }
    if (state === "validated" && !validated) {
      fail(columns.validatedOn.header, "Una herramienta validada lleva su fecha de validación.");
    }
    if (state !== "validated" && validated) {
      fail(columns.validatedOn.header, "Solo una herramienta validada lleva fecha de validación.");
    }
    if ((state === "pending" || state === "in_progress") && sent) {
      fail(columns.submittedOn.header, "Una herramienta sin enviar no lleva fecha de envío.");
    }
    if (sent && validated && compareDates(validated, sent) < 0) {
      fail(columns.validatedOn.header, "La validación no puede ser anterior al envío.");
    }
    if (found && seen.has(found.key)) {
      fail(TOOL.header, "La misma herramienta y ciclo del municipio aparece dos veces en la hoja.");
    }
    if (!valid || !found || !state) {
      if (found) {
        seen.add(found.key);
      }
      continue;
    }
    seen.add(found.key);
    const { instance } = found;
    const changes: ImportChange[] = [];
    if (instance.state !== state) {
      changes.push({
        column: columns.state.header,
        before: TOOL_STATE_LABELS[instance.state],
        after: TOOL_STATE_LABELS[state],
      });
    }
    if (instance.submittedOn !== sent) {
      changes.push({
        column: columns.submittedOn.header,
        before: fmt(instance.submittedOn) || null,
        after: fmt(sent),
      });
    }
    if (instance.validatedOn !== validated) {
      changes.push({
        column: columns.validatedOn.header,
        before: fmt(instance.validatedOn) || null,
        after: fmt(validated),
      });
    }
    if (changes.length > 0 && instance.agreementTool) {
      problem(
        "states",
        row.row,
        TOOL.header,
        `${found.tool} se valida con la firma del convenio; no se importa su estado.`,
      );
      continue;
    }
    if (changes.length > 0 && instance.hasSubmissions) {
      problem(
        "states",
        row.row,
        columns.state.header,
        "La herramienta ya tiene entregas en MRTM; su historia no se reemplaza con una importación.",
      );
      continue;
    }
    rows.push({
      sheet: IMPORT_SHEET_NAMES.states,
      row: row.row,
      subject: `${found.cvegeo} · ${found.tool}${found.part ? ` ${found.part}` : ""} · ciclo ${found.cycle}`,
      action: changes.length > 0 ? "update" : "unchanged",
      changes,
      operations:
        changes.length > 0
          ? [
              {
                kind: "state",
                cvegeo: found.cvegeo,
                tool: found.tool,
                part: found.part,
                cycle: found.cycle,
                state,
                submittedOn: sent,
                validatedOn: validated,
              },
            ]
          : [],
    });
  }
}

function planDiagnostic(
  planning: SheetPlanning,
  instances: Map<string, CurrentInstance>,
  current: ImportCurrent,
): void {
  const { sheets, problem, rows } = planning;
  const column = IMPORT_COLUMNS.diagnostic.answer.header;
  const seen = new Set<string>();
  for (const row of sheets.diagnostic) {
    const found = readInstance(planning, "diagnostic", row, instances);
    const answer = readLabel(
      row.cells.answer ?? null,
      DIAGNOSTIC_ANSWERS,
      DIAGNOSTIC_ANSWER_LABELS,
    );
    if (!answer) {
      problem(
        "diagnostic",
        row.row,
        column,
        `Escriba la respuesta: «${DIAGNOSTIC_ANSWER_LABELS.has}» o «${DIAGNOSTIC_ANSWER_LABELS.pending}».`,
      );
      continue;
    }
    if (!found) {
      continue;
    }
    if (seen.has(found.key)) {
      problem(
        "diagnostic",
        row.row,
        TOOL.header,
        "La misma herramienta del municipio aparece dos veces en la hoja.",
      );
      continue;
    }
    seen.add(found.key);
    const diagnostic = current.diagnostics.get(found.cvegeo);
    const before = diagnostic?.answers.get(found.key) ?? null;
    if (before !== answer && diagnostic?.submitted) {
      problem(
        "diagnostic",
        row.row,
        column,
        "El diagnóstico del municipio ya se envió; no se cambian sus respuestas.",
      );
      continue;
    }
    if (before !== answer && found.instance.agreementTool) {
      problem(
        "diagnostic",
        row.row,
        TOOL.header,
        `${found.tool} se valida con la firma; el diagnóstico no la pregunta.`,
      );
      continue;
    }
    rows.push({
      sheet: IMPORT_SHEET_NAMES.diagnostic,
      row: row.row,
      subject: `${found.cvegeo} · ${found.tool}${found.part ? ` ${found.part}` : ""}`,
      action: before === answer ? "unchanged" : before === null ? "create" : "update",
      changes:
        before === answer
          ? []
          : [
              {
                column,
                before: before ? DIAGNOSTIC_ANSWER_LABELS[before] : null,
                after: DIAGNOSTIC_ANSWER_LABELS[answer],
              },
            ],
      operations:
        before === answer
          ? []
          : [
              {
                kind: "diagnostic",
                cvegeo: found.cvegeo,
                tool: found.tool,
                part: found.part,
                cycle: found.cycle,
                answer,
              },
            ],
    });
  }
}

/** How many rows the plan creates, changes and leaves alone, and how many problems it has. */
export function planCounts(plan: ImportPlan): Record<ImportAction, number> & { problems: number } {
  const counts = { create: 0, update: 0, unchanged: 0, problems: plan.problems.length };
  for (const row of plan.rows) {
    counts[row.action] += 1;
  }
  return counts;
}
