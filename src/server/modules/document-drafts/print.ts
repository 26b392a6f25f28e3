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

/** A part printed after the template's sections: a register or a record kept beside the draft. */
export interface Annex {
  section: TemplateSection;
  content: SectionContent;
}

const annexSection = (
  key: string,
  title: string,
  kind: "rich_text" | "table",
  columns: string[] = [],
): TemplateSection => ({ key, title, guidance: "", required: false, kind, columns, items: [] });

const paragraphs = (lines: string[]): SectionContent => ({
  kind: "rich_text",
  doc: {
    type: "doc",
    content: lines.map((line) => ({ type: "paragraph", content: [{ type: "text", text: line }] })),
  },
});

const decimal = (value: number) => value.toLocaleString("es-MX", { maximumFractionDigits: 1 });

/** R2, R3: the trainings delivered in the cycle, with their totals. */
export function trainingAnnex(
  sessions: readonly {
    heldOn: string;
    topic: string;
    hours: number;
    audience: string;
    peopleTrained: number;
    evidence: string;
  }[],
  totals: { sessions: number; hours: number; peopleTrained: number },
  formatDate: (date: string) => string,
): Annex[] {
  return [
    {
      section: annexSection(
        "registro_capacitaciones",
        "Registro de capacitaciones impartidas",
        "rich_text",
      ),
      content: paragraphs([
        totals.sessions === 0
          ? "Aún no se registran capacitaciones impartidas en este ciclo."
          : `${totals.sessions} capacitaciones impartidas, ${decimal(totals.hours)} horas, ${totals.peopleTrained.toLocaleString("es-MX")} personas capacitadas.`,
      ]),
    },
    ...(sessions.length === 0
      ? []
      : [
          {
            section: annexSection("registro_capacitaciones_tabla", "Capacitaciones", "table", [
              "Fecha",
              "Tema",
              "Horas",
              "Público",
              "Personas",
              "Evidencia",
            ]),
            content: {
              kind: "table" as const,
              rows: sessions.map((session) => [
                formatDate(session.heldOn),
                session.topic,
                decimal(session.hours),
                session.audience,
                String(session.peopleTrained),
                session.evidence,
              ]),
            },
          },
        ]),
  ];
}

/** M3: the record of the public consultation: dates, counts, and each published comment and answer. */
export function consultationAnnex(record: {
  openedOn: string;
  closedOn: string | null;
  received: number;
  sections: readonly { key: string; title: string }[];
  published: readonly {
    sectionKey: string | null;
    createdOn: string;
    body: string;
    answer: string;
  }[];
}): Annex[] {
  const sectionTitle = (key: string | null) =>
    key === null ? "Todo el informe" : (record.sections.find((s) => s.key === key)?.title ?? key);
  return [
    {
      section: annexSection("consulta_ciudadana", "Registro de la consulta ciudadana", "rich_text"),
      content: paragraphs([
        `Consulta pública abierta el ${record.openedOn}${record.closedOn ? ` y cerrada el ${record.closedOn}` : ", aún abierta"}.`,
        `Comentarios recibidos: ${record.received}; publicados con su respuesta: ${record.published.length}.`,
      ]),
    },
    ...(record.published.length === 0
      ? []
      : [
          {
            section: annexSection(
              "consulta_comentarios",
              "Preguntas y comentarios de la ciudadanía",
              "table",
              ["Fecha", "Sección", "Comentario", "Respuesta del municipio"],
            ),
            content: {
              kind: "table" as const,
              rows: record.published.map((comment) => [
                comment.createdOn,
                sectionTitle(comment.sectionKey),
                comment.body,
                comment.answer || "Sin respuesta",
              ]),
            },
          },
        ]),
  ];
}

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
  annexes: readonly Annex[] = [],
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
    sections: [
      ...template.sections.map((section) => ({
        section,
        content: sectionContent(draft.content, section),
      })),
      ...annexes,
    ],
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
