/**
 * A guided document as a PDF for approval (pdfkit, with lib/pdf-layout.ts): the same content as
 * the DOCX, from the same `PrintedDocument`.
 */
import type { PrintBlock } from "../../../domain/document-templates.js";
import {
  approval,
  cabildoSessionLine,
  footers,
  header,
  heading,
  MARGIN,
  newDocument,
  table,
  width,
} from "../../lib/pdf-layout.js";
import { itemLines, type PrintedDocument, richBlocks, tableRows } from "./print.js";

const FONTS = {
  regular: "Helvetica",
  bold: "Helvetica-Bold",
  italic: "Helvetica-Oblique",
  boldItalic: "Helvetica-BoldOblique",
} as const;

function fontOf(run: { bold: boolean; italic: boolean }): string {
  if (run.bold) {
    return run.italic ? FONTS.boldItalic : FONTS.bold;
  }
  return run.italic ? FONTS.italic : FONTS.regular;
}

function drawBlock(doc: PDFKit.PDFDocument, block: PrintBlock): void {
  const indent =
    14 * (block.kind === "bullet" || block.kind === "numbered" ? block.level + 1 : block.level);
  const size = block.kind === "heading" ? (block.level === 2 ? 11.5 : 10.5) : 10;
  const prefix =
    block.kind === "bullet" ? "• " : block.kind === "numbered" ? `${block.number || 1}. ` : "";
  const runs = block.runs.filter((run) => run.text !== "");
  const options = { width: width(doc) - indent };
  doc.fontSize(size).fillColor("black");
  if (runs.length === 0) {
    doc.font(FONTS.regular).text(prefix || " ", MARGIN + indent, doc.y, options);
    return;
  }
  runs.forEach((run, index) => {
    const text = index === 0 ? `${prefix}${run.text}` : run.text;
    doc
      .font(block.kind === "heading" ? FONTS.bold : fontOf(run))
      .text(text, index === 0 ? MARGIN + indent : undefined, index === 0 ? doc.y : undefined, {
        ...options,
        underline: run.underline,
        continued: index < runs.length - 1,
      });
  });
}

/** Returned as a stream: it is piped to the reply. */
export function draftPdf(printed: PrintedDocument): PDFKit.PDFDocument {
  const doc = newDocument({ title: printed.title, author: `Municipio de ${printed.municipality}` });
  header(doc, {
    institution: printed.institution,
    title: printed.title,
    subtitle: printed.subtitle,
  });
  doc.font(FONTS.italic).fontSize(9).fillColor("#555555");
  doc.text(printed.stamp, MARGIN, doc.y, { width: width(doc), align: "center" });
  doc.fillColor("black").moveDown(1);
  for (const { section, content } of printed.sections) {
    heading(doc, section.title);
    if (content.kind === "rich_text") {
      for (const block of richBlocks(content)) {
        drawBlock(doc, block);
      }
    } else if (content.kind === "table") {
      const share = 1 / section.columns.length;
      table(
        doc,
        section.columns.map((label) => ({ label, width: share })),
        tableRows(content),
      );
    } else {
      doc.font(FONTS.regular).fontSize(10);
      for (const line of itemLines(content)) {
        const text = content.kind === "list" ? `• ${line}` : line;
        doc.text(text, MARGIN + 14, doc.y, { width: width(doc) - 14 });
      }
    }
    doc.moveDown(0.8);
  }
  approval(doc, cabildoSessionLine("Aprobado"), [
    "Presidencia municipal",
    "Secretaría del Ayuntamiento",
    "Enlace de transparencia",
  ]);
  footers(doc, printed.title);
  doc.end();
  return doc;
}
