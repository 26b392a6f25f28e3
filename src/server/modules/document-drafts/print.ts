/**
 * What the DOCX and the PDF of a guided document print, in order: the header (institution,
 * municipality, tool), then each section of the template with its content. One shape for both
 * formats, so they never disagree.
 */
import {
  type DocumentTemplate,
  type DraftContent,
  type PrintBlock,
  printBlocks,
  type SectionContent,
  sectionContent,
  type TemplateSection,
} from "../../../domain/document-templates.js";
import type { DraftTarget } from "./queries.js";

export interface PrintedDocument {
  institution: { name: string; unitName: string };
  title: string;
  /** «Municipio de Toluca · herramienta C2 · Formalización de canales de atención». */
  subtitle: string;
  municipality: string;
  revision: number;
  /** «Borrador, versión 3, 03/12/2026»: marks the document as a draft for approval. */
  stamp: string;
  sections: { section: TemplateSection; content: SectionContent }[];
}

export function printedDocument(
  target: DraftTarget,
  institution: { name: string; unitName: string },
  draft: { content: DraftContent; revision: number },
  today: string,
): PrintedDocument {
  const template: DocumentTemplate = target.template;
  const tool = target.partCode
    ? `${target.toolCode} ${target.partCode}) ${target.partName ?? ""}`
    : `${target.toolCode} ${target.toolName}`;
  return {
    institution,
    title: template.title,
    subtitle: `Municipio de ${target.municipalityName} · herramienta ${tool.trim()}`,
    municipality: target.municipalityName,
    revision: draft.revision,
    stamp: `Documento para aprobación · versión ${draft.revision} del borrador · ${today}`,
    sections: template.sections.map((section) => ({
      section,
      content: sectionContent(draft.content, section),
    })),
  };
}

/** A list or checklist as printable lines: «☑ Publicadas en el portal», «• Objetivo». */
export function itemLines(content: SectionContent): string[] {
  switch (content.kind) {
    case "list":
      return content.items.filter((item) => item.trim() !== "");
    case "checklist":
      return content.items.map((item) => `${item.done ? "[x]" : "[ ]"} ${item.text}`);
    default:
      return [];
  }
}

/** The blocks of a rich-text section; none for other kinds. */
export function richBlocks(content: SectionContent): PrintBlock[] {
  return content.kind === "rich_text" ? printBlocks(content.doc) : [];
}

/** A table's rows without the entirely empty ones. */
export function tableRows(content: SectionContent): string[][] {
  return content.kind === "table"
    ? content.rows.filter((row) => row.some((cell) => cell.trim() !== ""))
    : [];
}

/** The file name of an export: «c2-15106-v3.docx». */
export function exportName(target: DraftTarget, revision: number, extension: "docx" | "pdf") {
  const slot = target.partCode ? `${target.toolCode}${target.partCode}` : target.toolCode;
  return `${slot.toLowerCase()}-${target.cvegeo}-v${revision}.${extension}`;
}
