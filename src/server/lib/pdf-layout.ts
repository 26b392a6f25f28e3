/**
 * A small layout kit for the documents a municipality prints for approval (E4 project cards, the
 * M4 improvement plan): letter pages, a centred header, labelled fields, paragraphs, tables whose
 * rows never split, signature lines and numbered footers. pdfkit, Helvetica, Spanish text.
 */
import { pdfKit } from "./lazy-modules.js";

export const MARGIN = 50;
export const GREY = "#555555";
export const RULE = "#bbbbbb";

export interface PrintHeader {
  institution: { name: string; unitName: string };
  title: string;
  subtitle: string;
}

/** A new letter document with buffered pages (for the footers) and its metadata. */
export function newDocument(info: {
  title: string;
  author: string;
  subject?: string;
}): PDFKit.PDFDocument {
  return new (pdfKit())({
    size: "LETTER",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: info.title,
      Author: info.author,
      ...(info.subject === undefined ? {} : { Subject: info.subject }),
    },
  });
}

export function width(doc: PDFKit.PDFDocument): number {
  return doc.page.width - 2 * MARGIN;
}

export function header(doc: PDFKit.PDFDocument, print: PrintHeader): void {
  doc
    .font("Helvetica-Bold")
    .fontSize(12)
    .text(print.institution.name, MARGIN, MARGIN, { align: "center", width: width(doc) });
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(print.institution.unitName, { align: "center", width: width(doc) });
  doc.moveDown(1);
  doc
    .font("Helvetica-Bold")
    .fontSize(16)
    .text(print.title, { align: "center", width: width(doc) });
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(print.subtitle, { align: "center", width: width(doc) });
  doc.moveDown(1.2);
}

export function ensureSpace(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > doc.page.height - MARGIN) {
    doc.addPage();
  }
}

export function heading(doc: PDFKit.PDFDocument, text: string): void {
  ensureSpace(doc, 48);
  doc.font("Helvetica-Bold").fontSize(12).fillColor("black").text(text, MARGIN);
  doc.moveDown(0.3);
}

export function field(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.fontSize(10).font("Helvetica-Bold").text(`${label}: `, MARGIN, doc.y, { continued: true });
  doc.font("Helvetica").text(value);
}

/** The municipality a document is about: «Municipio: Toluca (clave INEGI 15106)». */
export function municipalityField(
  doc: PDFKit.PDFDocument,
  municipality: { name: string; cvegeo: string },
): void {
  field(doc, "Municipio", municipalityLabel(municipality));
}

export function municipalityLabel(municipality: { name: string; cvegeo: string }): string {
  return `${municipality.name} (clave INEGI ${municipality.cvegeo})`;
}

/** A label and its value where the text flows, in the current font size (no position given). */
export function inlineField(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font("Helvetica-Bold").text(`${label}: `, { continued: true });
  doc.font("Helvetica").text(value);
}

/** A heading and its text, as written (line breaks kept). */
export function paragraph(doc: PDFKit.PDFDocument, title: string, text: string): void {
  heading(doc, title);
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(text, MARGIN, doc.y, { width: width(doc) });
  doc.moveDown(0.8);
}

/**
 * A table with a header row, fixed column fractions and rows that wrap; a row never splits across
 * pages, and the header repeats on each new page.
 */
export function table(
  doc: PDFKit.PDFDocument,
  columns: { label: string; width: number }[],
  rows: string[][],
): void {
  const widths = columns.map((column) => column.width * width(doc));
  const labels = columns.map((column) => column.label);
  const padding = 3;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
    const heights = cells.map((cell, i) =>
      doc.heightOfString(cell, { width: (widths[i] ?? 0) - 2 * padding }),
    );
    const height = Math.max(...heights) + 2 * padding;
    rowPageBreak(doc, height, bold ? undefined : () => drawRow(labels, true));
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.text(cell, x + padding, top + padding, { width: (widths[i] ?? 0) - 2 * padding });
      x += widths[i] ?? 0;
    });
    endRow(doc, top, height);
  };
  drawRow(labels, true);
  for (const row of rows) {
    drawRow(row, false);
  }
}

/**
 * Before drawing a table row `height` tall: a new page when the row would not fit (a row never
 * splits), where `repeatHeader` (absent for the header itself) draws the header again and the
 * body's font is restored.
 */
export function rowPageBreak(
  doc: PDFKit.PDFDocument,
  height: number,
  repeatHeader: (() => void) | undefined,
): void {
  if (doc.y + height <= doc.page.height - MARGIN) {
    return;
  }
  doc.addPage();
  if (repeatHeader) {
    repeatHeader();
    doc.font("Helvetica").fontSize(9);
  }
}

/** After a table row drawn from `top`, `height` tall: its bottom rule, and the cursor below it. */
export function endRow(doc: PDFKit.PDFDocument, top: number, height: number): void {
  doc
    .moveTo(MARGIN, top + height)
    .lineTo(MARGIN + width(doc), top + height)
    .strokeColor(RULE)
    .lineWidth(0.5)
    .stroke();
  doc.x = MARGIN;
  doc.y = top + height;
}

/**
 * The line the cabildo's secretary fills in by hand: «<Aprobado> por el Ayuntamiento en la sesión
 * de cabildo de fecha …», the participle agreeing with the document.
 */
export function cabildoSessionLine(participle: "Aprobado" | "Aprobada" | "Adoptada"): string {
  return `${participle} por el Ayuntamiento en la sesión de cabildo de fecha ____ / ____ / ________, acta número ________.`;
}

/** The approval block: the session line and one signature line per office, two per row. */
export function approval(doc: PDFKit.PDFDocument, intro: string, offices: string[]): void {
  ensureSpace(doc, 200);
  heading(doc, "Aprobación");
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(intro, MARGIN, doc.y, { width: width(doc) });
  doc.moveDown(4);
  const column = width(doc) / 2;
  for (let i = 0; i < offices.length; i += 2) {
    ensureSpace(doc, 70);
    const top = doc.y;
    offices.slice(i, i + 2).forEach((office, j) => {
      const x = MARGIN + j * column + 15;
      doc
        .moveTo(x, top)
        .lineTo(x + column - 30, top)
        .strokeColor("black")
        .lineWidth(0.7)
        .stroke();
      doc.fontSize(9).text(office, x, top + 4, { width: column - 30, align: "center" });
    });
    doc.x = MARGIN;
    doc.y = top + 60;
  }
}

/** «<label> · página N de M» at the foot of every page. */
export function footers(doc: PDFKit.PDFDocument, label: string): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.height - MARGIN + 14;
    doc.page.margins.bottom = 0;
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor(GREY)
      .text(`${label} · página ${index - range.start + 1} de ${range.count}`, MARGIN, bottom, {
        width: width(doc),
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = MARGIN;
  }
  doc.fillColor("black");
}

/** Pesos as es-MX writes them: «$1,234,567.50». */
export function pesos(amount: number): string {
  return new Intl.NumberFormat("es-MX", { style: "currency", currency: "MXN" }).format(amount);
}

/**
 * A municipality's document of a model tool: its metadata, the centred header naming the model
 * and the tool, and the municipality's field.
 */
export function toolDocument(print: {
  /** The document's metadata title. */
  title: string;
  /** The printed title under the institution. */
  heading: string;
  toolCode: string;
  institution: { name: string; unitName: string };
  municipality: { name: string; cvegeo: string };
}): PDFKit.PDFDocument {
  const doc = newDocument({
    title: print.title,
    author: `Municipio de ${print.municipality.name}`,
  });
  header(doc, {
    institution: print.institution,
    title: print.heading,
    subtitle: `Modelo Regional de Transparencia Municipal · herramienta ${print.toolCode}`,
  });
  municipalityField(doc, print.municipality);
  return doc;
}

/**
 * The end of a document for the cabildo: the approval block (its session line, the participle
 * agreeing with the document, and the offices that sign), numbered footers, and the end.
 */
export function endForApproval(
  doc: PDFKit.PDFDocument,
  signed: { as: Parameters<typeof cabildoSessionLine>[0]; by: string[] },
  footer: string,
): PDFKit.PDFDocument {
  doc.moveDown(1);
  approval(doc, cabildoSessionLine(signed.as), signed.by);
  footers(doc, footer);
  doc.end();
  return doc;
}
