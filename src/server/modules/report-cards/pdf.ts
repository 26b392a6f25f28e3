import type { ReportCardContent } from "../../../contracts/reports.js";
import { CYCLE_OUTCOME_LABELS, missedCyclesLabel } from "../../../domain/progress.js";
import { OBSERVATION_TYPE_LABELS } from "../../../domain/review.js";
import { TOOL_STATE_LABELS, TOOL_STATES, type ToolState } from "../../../domain/tool-state.js";
import { formatDateEs, formatDateTimeEs } from "../../lib/dates-es.js";
import {
  endRow,
  ensureSpace,
  footers,
  GREY,
  heading,
  inlineField,
  MARGIN,
  municipalityLabel,
  newDocument,
  RULE,
  rowPageBreak,
  width,
} from "../../lib/pdf-layout.js";

export interface CardPrint {
  content: ReportCardContent;
  code: string;
  sha256: string;
  verificationUrl: string;
  /** The public methodology page: how the card's figures are computed. */
  methodologyUrl: string;
  /** The institution's logo, when it is an image PDF can hold (PNG or JPEG). */
  logo: { data: Buffer; mime: string } | null;
}

const percent = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)} %`);
const date = (value: string | null) => (value ? formatDateEs(value) : "—");

/**
 * Each state's colour and shape. The shapes differ, so the card reads alike printed in grey: a
 * hollow circle (pending), a half-filled one (in progress), a diamond (in review), a triangle
 * (returned), a filled circle (validated); an overdue item adds a red bar at its row's left edge
 * and says «vencida» in words.
 */
const STATE_MARKS: Record<
  ToolState,
  { colour: string; shape: "hollow" | "half" | "diamond" | "triangle" | "disc" }
> = {
  pending: { colour: "#6e7781", shape: "hollow" },
  in_progress: { colour: "#0969da", shape: "half" },
  submitted: { colour: "#9a6700", shape: "diamond" },
  changes_requested: { colour: "#bc4c00", shape: "triangle" },
  validated: { colour: "#1a7f37", shape: "disc" },
};
const OVERDUE = "#cf222e";
const MARK = 7;

/** A state's shape in its colour, in a MARK-sized box at (x, y). */
function stateMark(doc: PDFKit.PDFDocument, state: ToolState, x: number, y: number): void {
  const { colour, shape } = STATE_MARKS[state];
  const r = MARK / 2;
  const cx = x + r;
  const cy = y + r;
  doc.save().lineWidth(1).strokeColor(colour).fillColor(colour);
  switch (shape) {
    case "hollow":
      doc.circle(cx, cy, r - 0.5).stroke();
      break;
    case "half":
      doc.circle(cx, cy, r - 0.5).stroke();
      doc
        .path(`M ${cx} ${cy - r + 0.5} A ${r - 0.5} ${r - 0.5} 0 0 0 ${cx} ${cy + r - 0.5} Z`)
        .fill();
      break;
    case "diamond":
      doc.polygon([cx, y], [x + MARK, cy], [cx, y + MARK], [x, cy]).fill();
      break;
    case "triangle":
      doc.polygon([cx, y], [x + MARK, y + MARK], [x, y + MARK]).fill();
      break;
    case "disc":
      doc.circle(cx, cy, r).fill();
      break;
  }
  doc.restore();
}

/** The key to the marks, under a table's heading: every state, and the overdue bar. */
function legend(doc: PDFKit.PDFDocument): void {
  doc.font("Helvetica").fontSize(8).fillColor("black");
  const top = doc.y;
  let x = MARGIN;
  for (const state of TOOL_STATES) {
    stateMark(doc, state, x, top + 1);
    const label = TOOL_STATE_LABELS[state];
    doc.text(label, x + MARK + 3, top, { lineBreak: false });
    x += MARK + 3 + doc.widthOfString(label) + 12;
  }
  doc.save().rect(x, top, 3, 9).fill(OVERDUE).restore();
  doc.fillColor("black").text("Plazo vencido", x + 6, top, { lineBreak: false });
  doc.x = MARGIN;
  doc.y = top + 14;
}

/**
 * The report card (cédula de avance) as a PDF: the institution's header, the municipality, the
 * date of issue, the index against the region, each dimension, every tool with its state and
 * dates, the open observations, and the verification code with the page that checks it.
 * Returned as a stream: it is piped to the reply.
 */
export function reportCardPdf(print: CardPrint): PDFKit.PDFDocument {
  const { content } = print;
  const doc = newDocument({
    title: `Cédula de avance — ${content.municipality.name}`,
    author: content.institution.name,
    subject: `Código de verificación ${print.code}`,
  });
  header(doc, print);
  summary(doc, content);
  dimensions(doc, content);
  tools(doc, content);
  cycles(doc, content);
  observations(doc, content);
  verification(doc, print);
  footers(doc, `${content.municipality.name} · cédula ${print.code}`);
  doc.end();
  return doc;
}

function header(doc: PDFKit.PDFDocument, { content, logo }: CardPrint): void {
  const top = doc.y;
  if (logo && (logo.mime === "image/png" || logo.mime === "image/jpeg")) {
    try {
      doc.image(logo.data, MARGIN, top, { fit: [64, 64] });
    } catch {
      // A logo PDFKit cannot read leaves the header without it rather than failing the card.
    }
  }
  doc
    .font("Helvetica-Bold")
    .fontSize(12)
    .text(content.institution.name, MARGIN + 72, top, { align: "center", width: width(doc) - 144 });
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(content.institution.unitName, { align: "center", width: width(doc) - 144 });
  doc.y = Math.max(doc.y, top + 64) + 12;
  doc.x = MARGIN;
  doc
    .font("Helvetica-Bold")
    .fontSize(16)
    .text("Cédula de avance", MARGIN, doc.y, { align: "center", width: width(doc) });
  doc
    .font("Helvetica")
    .fontSize(10)
    .text("Modelo Regional de Transparencia Municipal", { align: "center", width: width(doc) });
  doc.moveDown(1.2);
}

function summary(doc: PDFKit.PDFDocument, content: ReportCardContent): void {
  doc.fontSize(10);
  inlineField(
    doc,
    "Municipio",
    `${municipalityLabel(content.municipality)}, ${content.institution.stateName}`,
  );
  inlineField(
    doc,
    "Convenio",
    `firmado el ${date(content.agreement.signedOn)} · ${content.agreement.cohort}${
      content.agreement.modelVersion === null
        ? ""
        : ` · modelo versión ${content.agreement.modelVersion}`
    }`,
  );
  inlineField(doc, "Cifras al", date(content.asOf));
  inlineField(
    doc,
    "Fecha de emisión",
    `${formatDateTimeEs(new Date(content.issuedAt))} (hora del centro de México)`,
  );
  doc.moveDown(0.8);
  doc
    .font("Helvetica-Bold")
    .fontSize(13)
    .text(`Índice de implementación: ${percent(content.index)}`);
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(
      `Lugar ${content.rank} de ${content.participants} municipios con convenio · mediana regional ${percent(content.regionalMedianIndex)}`,
    );
  doc.text(
    content.onTime.due === 0
      ? "Entregas a tiempo: aún no vence ninguna entrega."
      : `Entregas a tiempo: ${content.onTime.onTime} de ${content.onTime.due} (${percent(content.onTime.rate)})`,
  );
  doc.moveDown(1);
}

function dimensions(doc: PDFKit.PDFDocument, content: ReportCardContent): void {
  heading(doc, "Dimensiones");
  const columns = [
    { label: "Dimensión", width: 0.5 },
    { label: "Puntaje", width: 0.25 },
    { label: "Mediana regional", width: 0.25 },
  ];
  table(
    doc,
    columns,
    content.dimensions.map((d) => ({
      cells: [d.name, percent(d.score), percent(d.regionalMedian)],
    })),
  );
  doc.moveDown(1);
}

function tools(doc: PDFKit.PDFDocument, content: ReportCardContent): void {
  heading(doc, "Herramientas");
  const columns = [
    { label: "Herramienta", width: 0.36 },
    { label: "Estado", width: 0.2 },
    { label: "Plazo", width: 0.148 },
    { label: "Enviada", width: 0.146 },
    { label: "Validada", width: 0.146 },
  ];
  const rows: Row[] = [];
  for (const tool of content.tools) {
    const single = tool.items.length === 1 && tool.items[0]?.part === null;
    const item = tool.items[0];
    const cycle = item && item.cycle > 1 ? ` (ciclo ${item.cycle})` : "";
    const late = tool.overdue || (tool.missedCycles ?? []).length > 0;
    if (single && item) {
      rows.push({
        cells: [
          `${tool.code} ${tool.name}${cycle}`,
          stateText(tool),
          date(item.deadline),
          date(item.submittedOn),
          date(item.validatedOn),
        ],
        state: tool.state,
        overdue: late,
      });
      continue;
    }
    rows.push({
      cells: [`${tool.code} ${tool.name}${cycle}`, stateText(tool), "", "", ""],
      state: tool.state,
      overdue: late,
    });
    for (const part of tool.items) {
      rows.push({
        cells: [
          `    ${part.part ?? ""}) ${part.partName ?? ""}`,
          TOOL_STATE_LABELS[part.state],
          date(part.deadline),
          date(part.submittedOn),
          date(part.validatedOn),
        ],
        state: part.state,
      });
    }
  }
  legend(doc);
  table(doc, columns, rows);
  doc.moveDown(1);
}

type CardTool = ReportCardContent["tools"][number];

/** The counted cycle's state, and the yearly cycles missed (cards issued before them: "vencida"). */
function stateText(tool: CardTool): string {
  const missed = missedCyclesLabel(tool.missedCycles ?? []);
  if (missed) {
    return `${TOOL_STATE_LABELS[tool.state]}; ${missed}`;
  }
  return tool.overdue
    ? `${TOOL_STATE_LABELS[tool.state]} (vencida)`
    : TOOL_STATE_LABELS[tool.state];
}

/** Every opened cycle of each annual tool: when it ran, its state, and on time, late or missed. */
function cycles(doc: PDFKit.PDFDocument, content: ReportCardContent): void {
  const annual = content.tools.filter((tool) => (tool.cycles ?? []).length > 0);
  if (annual.length === 0) {
    return;
  }
  heading(doc, "Ciclos anuales");
  const columns = [
    { label: "Herramienta y ciclo", width: 0.3 },
    { label: "Periodo", width: 0.22 },
    { label: "Estado", width: 0.16 },
    { label: "Validada", width: 0.13 },
    { label: "Resultado", width: 0.19 },
  ];
  const rows: Row[] = [];
  for (const tool of annual) {
    for (const cycle of tool.cycles ?? []) {
      const part = cycle.part ? ` ${cycle.part})` : "";
      const working = tool.workingCycle === cycle.cycle ? " (en curso)" : "";
      rows.push({
        cells: [
          `${tool.code}${part} ciclo ${cycle.cycle}${working}`,
          `${date(cycle.opensOn)} a ${date(cycle.deadline)}`,
          TOOL_STATE_LABELS[cycle.state],
          date(cycle.validatedOn),
          CYCLE_OUTCOME_LABELS[cycle.outcome],
        ],
        state: cycle.state,
        overdue: cycle.outcome === "missed",
      });
    }
  }
  table(doc, columns, rows);
  doc.moveDown(1);
}

function observations(doc: PDFKit.PDFDocument, content: ReportCardContent): void {
  heading(doc, "Observaciones abiertas");
  if (content.openObservations.length === 0) {
    doc.font("Helvetica").fontSize(10).text("Sin observaciones abiertas.");
    doc.moveDown(1);
    return;
  }
  for (const o of content.openObservations) {
    ensureSpace(doc, 30);
    doc
      .font("Helvetica-Bold")
      .fontSize(10)
      .text(`${o.tool}${o.part ? ` ${o.part})` : ""} · ${OBSERVATION_TYPE_LABELS[o.type]}: `, {
        continued: true,
      });
    doc.font("Helvetica").text(o.text);
    doc.moveDown(0.3);
  }
  doc.moveDown(0.7);
}

function verification(doc: PDFKit.PDFDocument, print: CardPrint): void {
  ensureSpace(doc, 120);
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(MARGIN + width(doc), doc.y)
    .strokeColor(RULE)
    .stroke();
  doc.moveDown(0.6);
  doc
    .font("Helvetica-Bold")
    .fontSize(11)
    .fillColor("black")
    .text(`Código de verificación: ${print.code}`);
  doc
    .font("Helvetica")
    .fontSize(9)
    .text(`Verifique la autenticidad de esta cédula en ${print.verificationUrl}`, {
      link: print.verificationUrl,
    });
  doc.fillColor(GREY).fontSize(8).text(`Huella SHA-256 del contenido: ${print.sha256}`);
  doc
    .fillColor("black")
    .fontSize(9)
    .text(`Metodología: ${print.methodologyUrl}`, { link: print.methodologyUrl });
  doc
    .fillColor(GREY)
    .fontSize(8)
    .text(
      "Cómo se calculan el índice, las dimensiones y las entregas a tiempo, con los pesos del modelo vigente.",
    );
  doc.fillColor("black");
}

/** A table row: its cells and, for a tool, its state (marked in the second column) and lateness. */
interface Row {
  cells: string[];
  state?: ToolState;
  overdue?: boolean;
}

/**
 * A table with a header row, fixed column fractions and rows that wrap; a row never splits across
 * pages, and the header repeats on each new page. A row with a state shows its mark before the
 * second column's text; an overdue one, a red bar at its left edge and its state in red.
 */
function table(
  doc: PDFKit.PDFDocument,
  columns: { label: string; width: number }[],
  rows: Row[],
): void {
  const widths = columns.map((column) => column.width * width(doc));
  const header: Row = { cells: columns.map((column) => column.label) };
  const padding = 3;
  // Room for the state's mark in the second column, and for the overdue bar in the first.
  const inset = (row: Row, i: number) =>
    (row.state && i === 1 ? MARK + 4 : 0) + (row.overdue && i === 0 ? 2 : 0);
  const drawRow = (row: Row, bold: boolean) => {
    const { cells } = row;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
    const heights = cells.map((cell, i) =>
      doc.heightOfString(cell, { width: (widths[i] ?? 0) - 2 * padding - inset(row, i) }),
    );
    const height = Math.max(...heights) + 2 * padding;
    rowPageBreak(doc, height, bold ? undefined : () => drawRow(header, true));
    const top = doc.y;
    if (row.overdue) {
      doc
        .save()
        .rect(MARGIN, top + 1, 3, height - 2)
        .fill(OVERDUE)
        .restore();
    }
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const shift = inset(row, i);
      if (i === 1 && row.state) {
        stateMark(doc, row.state, x + padding, top + padding + 1);
      }
      const late = row.overdue && i === 1;
      doc
        .font(late ? "Helvetica-Bold" : bold ? "Helvetica-Bold" : "Helvetica")
        .fillColor(late ? OVERDUE : "black")
        .text(cell, x + padding + shift, top + padding, {
          width: (widths[i] ?? 0) - 2 * padding - shift,
        });
      x += widths[i] ?? 0;
    });
    doc.fillColor("black");
    endRow(doc, top, height);
  };
  drawRow(header, true);
  for (const row of rows) {
    drawRow(row, false);
  }
}
