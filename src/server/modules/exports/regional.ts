/**
 * The regional report: every participant's scores and tool states, as an XLSX workbook (a
 * "Resumen" sheet of municipalities and a "Herramientas" sheet of municipalities × tools) and as a
 * CSV of one row per municipality and tool. Both are written row by row from the cached progress,
 * never whole in memory, and wait for a slow client.
 */
import type { Writable } from "node:stream";
import type { ToolStatus } from "../../../domain/progress.js";
import { asPercent } from "../../../domain/scores.js";
import { TOOL_STATE_LABELS } from "../../../domain/tool-state.js";
import { csvRow, UTF8_BOM } from "../../lib/csv.js";
import { formatDateEs, formatDateTimeEs } from "../../lib/dates-es.js";
import { toolStateText } from "../../lib/tool-state-text.js";
import {
  headerRow,
  OVERDUE_FILL,
  ROWS_PER_YIELD,
  rowCommitter,
  streamedWorkbook,
  titleRows,
  VALIDATED_FILL,
} from "../../lib/xlsx.js";
import type { RegionalProgress } from "../progress/service.js";

export interface ReportHeader {
  /** "Infoem · Dirección General de …" */
  institution: string;
  issuedAt: Date;
}

/** Percent with one decimal, or null (an empty cell) when there is nothing to measure yet. */
const pct = (value: number | null) => (value === null ? null : asPercent(value));

/** The municipalities in the order of the report: best index first, then by name. */
function ordered(progress: RegionalProgress) {
  return [...progress.municipalities].sort(
    (a, b) =>
      (progress.ranks.get(a.cvegeo) ?? 0) - (progress.ranks.get(b.cvegeo) ?? 0) ||
      a.name.localeCompare(b.name, "es"),
  );
}

function stateText(status: ToolStatus | undefined): string {
  if (!status) {
    return "No aplica";
  }
  return toolStateText(status);
}

/** Writes the two-sheet workbook to `output`, committing each row as soon as it is added. */
export async function writeRegionalXlsx(
  progress: RegionalProgress,
  header: ReportHeader,
  output: Writable,
): Promise<void> {
  const workbook = streamedWorkbook(output, {
    creator: header.institution,
    created: header.issuedAt,
  });
  const commit = rowCommitter(output);
  const dimensions = progress.model.dimensions;
  const tools = dimensions.flatMap((d) => d.tools);
  const rows = ordered(progress);
  const intro = [
    header.institution,
    `Fecha de emisión: ${formatDateTimeEs(header.issuedAt)} (hora del centro de México). Cifras al ${formatDateEs(progress.asOf)}.`,
    `${progress.municipalities.length} municipio(s) con convenio. Porcentajes con un decimal.`,
  ];

  const summary = workbook.addWorksheet("Resumen", {
    views: [{ state: "frozen", xSplit: 2, ySplit: intro.length + 2 }],
  });
  summary.columns = [
    { width: 12 },
    { width: 34 },
    { width: 18 },
    { width: 12 },
    { width: 8 },
    { width: 12 },
    ...dimensions.map(() => ({ width: 14 })),
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 14 },
  ];
  titleRows(summary, "Avance regional: resumen por municipio", intro);
  const summaryHeader = [
    "Clave INEGI",
    "Municipio",
    "Cohorte",
    "Convenio",
    "Lugar",
    "Índice (%)",
    ...dimensions.map((d) => `${d.name} (%)`),
    "A tiempo (%)",
    "Validadas",
    "Vencidas",
    "En revisión",
    "Observaciones abiertas",
  ];
  headerRow(summary, summaryHeader);
  for (const row of rows) {
    const scores = new Map(row.scores.dimensions.map((d) => [d.code, d.score]));
    const added = summary.addRow([
      row.cvegeo,
      row.name,
      row.cohort,
      formatDateEs(row.signedOn),
      progress.ranks.get(row.cvegeo) ?? null,
      asPercent(row.scores.index),
      ...dimensions.map((d) => pct(scores.get(d.code) ?? null)),
      pct(row.scores.onTime.rate),
      row.tools.filter((tool) => tool.state === "validated").length,
      row.overdueTools,
      row.reviewWaits.length,
      row.openObservations,
    ]);
    for (let column = 6; column <= 7 + dimensions.length; column++) {
      added.getCell(column).numFmt = "0.0";
    }
    await commit(added);
  }
  summary.commit();

  const matrix = workbook.addWorksheet("Herramientas", {
    views: [{ state: "frozen", xSplit: 2, ySplit: intro.length + 2 }],
  });
  matrix.columns = [{ width: 12 }, { width: 34 }, ...tools.map(() => ({ width: 26 }))];
  titleRows(matrix, "Avance regional: estado de cada herramienta por municipio", [
    ...intro,
    "«VENCIDA»: venció el plazo sin validar (celda resaltada). «No aplica»: la herramienta no forma parte del modelo del municipio.",
  ]);
  headerRow(matrix, [
    "Clave INEGI",
    "Municipio",
    ...tools.map((tool) => `${tool.code} · ${tool.name}`),
  ]);
  for (const row of rows) {
    const statuses = new Map(row.tools.map((tool) => [tool.toolCode, tool]));
    const added = matrix.addRow([
      row.cvegeo,
      row.name,
      ...tools.map((tool) => stateText(statuses.get(tool.code))),
    ]);
    tools.forEach((tool, position) => {
      const status = statuses.get(tool.code);
      if (status?.overdue) {
        added.getCell(3 + position).fill = OVERDUE_FILL;
      } else if (status?.state === "validated") {
        added.getCell(3 + position).fill = VALIDATED_FILL;
      }
    });
    await commit(added);
  }
  matrix.commit();
  await workbook.commit();
}

export const CSV_COLUMNS = [
  "clave_inegi",
  "municipio",
  "cohorte",
  "fecha_convenio",
  "indice_pct",
  "dimension",
  "herramienta",
  "nombre_herramienta",
  "ciclo",
  "estado",
  "vencida",
  "plazo",
  "puntaje_herramienta_pct",
  "componentes",
  "componentes_validados",
  "ciclos_vencidos",
  "ciclo_en_curso",
] as const;

/**
 * The CSV, one row per municipality and tool, in chunks: UTF-8 with a byte-order mark (so Excel
 * reads the accents), comma-separated, CRLF line ends, quotes as RFC 4180 says. Text that a
 * spreadsheet would take for a formula is prefixed with an apostrophe.
 */
export async function* regionalCsv(progress: RegionalProgress): AsyncGenerator<string> {
  yield `${UTF8_BOM}${csvRow(CSV_COLUMNS)}`;
  const tools = progress.model.dimensions.flatMap((d) =>
    d.tools.map((tool) => ({ ...tool, dimension: d.name })),
  );
  let chunk = "";
  let rows = 0;
  for (const row of ordered(progress)) {
    const statuses = new Map(row.tools.map((tool) => [tool.toolCode, tool]));
    const scores = new Map(row.scores.tools.map((tool) => [tool.code, tool.score]));
    for (const tool of tools) {
      const status = statuses.get(tool.code);
      if (!status) {
        continue;
      }
      chunk += csvRow([
        row.cvegeo,
        row.name,
        row.cohort,
        formatDateEs(row.signedOn),
        asPercent(row.scores.index).toFixed(1),
        tool.dimension,
        tool.code,
        tool.name,
        status.cycle,
        TOOL_STATE_LABELS[status.state],
        status.overdue ? "sí" : "no",
        status.deadline ? formatDateEs(status.deadline) : "",
        asPercent(scores.get(tool.code) ?? 0).toFixed(1),
        status.parts,
        status.validatedParts,
        status.missedCycles.join(" "),
        status.workingCycle ?? "",
      ]);
      rows += 1;
    }
    if (rows >= ROWS_PER_YIELD) {
      yield chunk;
      chunk = "";
      rows = 0;
    }
  }
  if (chunk) {
    yield chunk;
  }
}
