/**
 * Guided documents (issue 15): a document tool (or part) of a model version can hold a template,
 * ordered sections that say what the seed asks for; a municipality drafts its document section by
 * section. This module holds the words (section kinds, the rich text's allowed nodes and marks),
 * the template's rules (checked when a model draft is published), the draft's rules (what a save
 * may carry), the completeness meter, and the merge of a stale save with the server's version.
 * No I/O.
 */
import { labelledCodes } from "./codes.js";
import type { ModelContent } from "./model.js";
import type { ToolState } from "./tool-state.js";

// --- Templates ------------------------------------------------------------------------------

/** What a section asks for: free rich text, a table with defined columns, a list, a checklist. */
export const [SECTION_KINDS, SECTION_KIND_LABELS] = labelledCodes({
  rich_text: "Texto con formato",
  table: "Tabla",
  list: "Lista",
  checklist: "Lista de verificación",
});
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface TemplateSection {
  /** Stable within the template: drafts, comments and observations refer to it. */
  key: string;
  title: string;
  /** What the seed asks for in this section, with examples. */
  guidance: string;
  required: boolean;
  kind: SectionKind;
  /** The table's column headings (kind `table` only; empty otherwise). */
  columns: string[];
  /** The checklist's items (kind `checklist` only; empty otherwise). */
  items: string[];
}

export interface DocumentTemplate {
  /** The document's title, e.g. «Cartas de servicios de los canales de atención». */
  title: string;
  sections: TemplateSection[];
}

export const SECTION_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_TEMPLATE_SECTIONS = 30;
export const MAX_TABLE_COLUMNS = 8;
export const MAX_CHECKLIST_ITEMS = 30;

export interface TemplateProblem {
  /** Dotted path inside the template, e.g. `sections.2.columns`. */
  path: string;
  message: string;
}

/** The rules a template must satisfy to be published with its model version. */
export function templateProblems(template: DocumentTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (template.title.trim() === "") {
    problems.push({ path: "title", message: "El título del documento es obligatorio." });
  }
  if (template.sections.length === 0) {
    problems.push({ path: "sections", message: "La plantilla necesita al menos una sección." });
  }
  if (template.sections.length > MAX_TEMPLATE_SECTIONS) {
    problems.push({
      path: "sections",
      message: `Una plantilla tiene a lo sumo ${MAX_TEMPLATE_SECTIONS} secciones.`,
    });
  }
  const keys = new Set<string>();
  template.sections.forEach((section, s) => {
    const at = `sections.${s}`;
    if (!SECTION_KEY_PATTERN.test(section.key)) {
      problems.push({
        path: `${at}.key`,
        message: "La clave de una sección son minúsculas, números o «_», empezando por letra.",
      });
    } else if (keys.has(section.key)) {
      problems.push({ path: `${at}.key`, message: `La clave «${section.key}» está repetida.` });
    }
    keys.add(section.key);
    if (section.title.trim() === "") {
      problems.push({ path: `${at}.title`, message: "El título de la sección es obligatorio." });
    }
    if (section.kind === "table") {
      const columns = section.columns.map((column) => column.trim());
      if (columns.length === 0 || columns.length > MAX_TABLE_COLUMNS) {
        problems.push({
          path: `${at}.columns`,
          message: `Una tabla necesita de 1 a ${MAX_TABLE_COLUMNS} columnas.`,
        });
      } else if (columns.some((column) => column === "")) {
        problems.push({ path: `${at}.columns`, message: "Cada columna necesita un nombre." });
      }
    }
    if (section.kind === "checklist") {
      if (section.items.length === 0 || section.items.length > MAX_CHECKLIST_ITEMS) {
        problems.push({
          path: `${at}.items`,
          message: `Una lista de verificación necesita de 1 a ${MAX_CHECKLIST_ITEMS} puntos.`,
        });
      } else if (section.items.some((item) => item.trim() === "")) {
        problems.push({ path: `${at}.items`, message: "Cada punto necesita un texto." });
      }
    }
  });
  return problems;
}

/** Where a template hangs in a model: a tool without parts, or one part of a tool. */
export interface TemplateSlot {
  tool: string;
  part: string | null;
}

/** `E2`, `E3.a`: how seed data names a slot. */
export function slotKey(slot: TemplateSlot): string {
  return slot.part === null ? slot.tool : `${slot.tool}.${slot.part}`;
}

/** Hangs templates (keyed by `slotKey`) on a model's tools and parts; the rest keep theirs. */
export function attachTemplates(
  model: ModelContent,
  templates: Readonly<Record<string, DocumentTemplate>>,
): ModelContent {
  return {
    ...model,
    dimensions: model.dimensions.map((dimension) => ({
      ...dimension,
      tools: dimension.tools.map((tool) => ({
        ...tool,
        template: templates[tool.code] ?? tool.template ?? null,
        parts: tool.parts.map((part) => ({
          ...part,
          template:
            templates[slotKey({ tool: tool.code, part: part.code })] ?? part.template ?? null,
        })),
      })),
    })),
  };
}

/** The template of a deliverable, or null when the model gives it none. */
export function templateFor(model: ModelContent, slot: TemplateSlot): DocumentTemplate | null {
  for (const dimension of model.dimensions) {
    const tool = dimension.tools.find((candidate) => candidate.code === slot.tool);
    if (tool) {
      if (slot.part === null) {
        return tool.template ?? null;
      }
      return tool.parts.find((part) => part.code === slot.part)?.template ?? null;
    }
  }
  return null;
}

// --- Draft content --------------------------------------------------------------------------

/**
 * The rich text's allow-list: TipTap's JSON for the nodes and marks the editor offers. Nothing
 * else is stored, and never HTML: the server refuses any other node, mark or attribute.
 */
export const RICH_NODE_TYPES = [
  "doc",
  "paragraph",
  "heading",
  "bulletList",
  "orderedList",
  "listItem",
  "text",
  "hardBreak",
] as const;
export type RichNodeType = (typeof RICH_NODE_TYPES)[number];
export const RICH_MARK_TYPES = ["bold", "italic", "underline"] as const;
export type RichMarkType = (typeof RICH_MARK_TYPES)[number];
export const HEADING_LEVELS = [2, 3] as const;

export interface RichNode {
  type: RichNodeType;
  attrs?: { level?: number };
  content?: RichNode[];
  text?: string;
  marks?: { type: RichMarkType }[];
}

export type SectionContent =
  | { kind: "rich_text"; doc: RichNode }
  | { kind: "table"; rows: string[][] }
  | { kind: "list"; items: string[] }
  | { kind: "checklist"; items: { text: string; done: boolean }[] };

/** A draft: each section's content by its key. */
export interface DraftContent {
  sections: Record<string, SectionContent>;
}

export const MAX_DRAFT_TEXT = 200_000;
export const MAX_TABLE_ROWS = 100;
export const MAX_LIST_ITEMS = 200;
const MAX_RICH_DEPTH = 8;

/** An empty section of a template's kind: the table starts with one row, the checklist unticked. */
export function emptySection(section: TemplateSection): SectionContent {
  switch (section.kind) {
    case "rich_text":
      return { kind: "rich_text", doc: { type: "doc", content: [{ type: "paragraph" }] } };
    case "table":
      return { kind: "table", rows: [section.columns.map(() => "")] };
    case "list":
      return { kind: "list", items: [""] };
    case "checklist":
      return { kind: "checklist", items: section.items.map((text) => ({ text, done: false })) };
  }
}

/** A new draft of a template: every section empty. */
export function emptyDraft(template: DocumentTemplate): DraftContent {
  return {
    sections: Object.fromEntries(
      template.sections.map((section) => [section.key, emptySection(section)]),
    ),
  };
}

/** The content of a section, or an empty one when the draft has none yet. */
export function sectionContent(draft: DraftContent, section: TemplateSection): SectionContent {
  const content = draft.sections[section.key];
  return content && content.kind === section.kind ? content : emptySection(section);
}

/** Every word of a rich text, paragraphs and list items separated by new lines. */
export function richPlainText(node: RichNode): string {
  if (node.type === "text") {
    return node.text ?? "";
  }
  if (node.type === "hardBreak") {
    return "\n";
  }
  const inner = (node.content ?? []).map(richPlainText);
  const block = node.type === "paragraph" || node.type === "heading";
  return block ? inner.join("") : inner.join("\n");
}

/** The text a section holds, for search, size limits and the completeness meter. */
export function sectionText(content: SectionContent): string {
  switch (content.kind) {
    case "rich_text":
      return richPlainText(content.doc);
    case "table":
      return content.rows.map((row) => row.join(" ")).join("\n");
    case "list":
      return content.items.join("\n");
    case "checklist":
      return content.items
        .filter((item) => item.done)
        .map((item) => item.text)
        .join("\n");
  }
}

/**
 * Whether a section counts as written: some text; a table with one row whose cells are all
 * filled; a checklist with every point ticked.
 */
export function sectionFilled(section: TemplateSection, draft: DraftContent): boolean {
  const content = sectionContent(draft, section);
  switch (content.kind) {
    case "table":
      return content.rows.some((row) => row.length > 0 && row.every((cell) => cell.trim() !== ""));
    case "checklist":
      return content.items.length > 0 && content.items.every((item) => item.done);
    default:
      return sectionText(content).trim() !== "";
  }
}

export interface Completeness {
  required: number;
  filled: number;
  /** The required sections still missing, in template order. */
  missing: { key: string; title: string }[];
  /** 0…100, rounded down: 100 only when every required section is written. */
  percent: number;
}

/** The completeness meter: how many of the template's required sections the draft fills. */
export function completeness(template: DocumentTemplate, draft: DraftContent): Completeness {
  const required = template.sections.filter((section) => section.required);
  const missing = required.filter((section) => !sectionFilled(section, draft));
  const filled = required.length - missing.length;
  return {
    required: required.length,
    filled,
    missing: missing.map(({ key, title }) => ({ key, title })),
    percent: required.length === 0 ? 100 : Math.floor((filled * 100) / required.length),
  };
}

function richNodeProblem(node: RichNode, depth: number): string | null {
  if (depth > MAX_RICH_DEPTH) {
    return "El texto tiene demasiados niveles anidados.";
  }
  if (!(RICH_NODE_TYPES as readonly string[]).includes(node.type)) {
    return `El texto contiene un elemento no permitido («${node.type}»).`;
  }
  if ((node.type === "doc") !== (depth === 0)) {
    return "El texto de una sección debe ser un documento.";
  }
  if (node.type === "heading") {
    const level = node.attrs?.level;
    if (!(HEADING_LEVELS as readonly number[]).includes(level ?? 0)) {
      return "Los subtítulos son de nivel 2 o 3.";
    }
  } else if (node.attrs && Object.keys(node.attrs).length > 0) {
    return "El texto contiene atributos no permitidos.";
  }
  if (node.type === "text" && (node.text ?? "") === "") {
    return "El texto contiene un fragmento vacío.";
  }
  for (const mark of node.marks ?? []) {
    if (!(RICH_MARK_TYPES as readonly string[]).includes(mark.type)) {
      return `El texto contiene un formato no permitido («${mark.type}»).`;
    }
  }
  for (const child of node.content ?? []) {
    const problem = richNodeProblem(child, depth + 1);
    if (problem) {
      return problem;
    }
  }
  return null;
}

/**
 * What a save may carry, against its template: only the template's sections, each of its kind,
 * tables as wide as their columns, allowed rich-text nodes only, within the size limits. A
 * Spanish message, or null when the draft is acceptable. The form and the server call it alike.
 */
export function draftContentProblem(
  template: DocumentTemplate,
  draft: DraftContent,
): string | null {
  let size = 0;
  for (const [key, content] of Object.entries(draft.sections)) {
    const section = template.sections.find((candidate) => candidate.key === key);
    if (!section) {
      return `La sección «${key}» no existe en la plantilla.`;
    }
    if (content.kind !== section.kind) {
      return `La sección «${section.title}» es de tipo ${SECTION_KIND_LABELS[section.kind].toLowerCase()}.`;
    }
    if (content.kind === "rich_text") {
      const problem = richNodeProblem(content.doc, 0);
      if (problem) {
        return `${section.title}: ${problem}`;
      }
    }
    if (content.kind === "table") {
      if (content.rows.length > MAX_TABLE_ROWS) {
        return `${section.title}: una tabla tiene a lo sumo ${MAX_TABLE_ROWS} filas.`;
      }
      if (content.rows.some((row) => row.length !== section.columns.length)) {
        return `${section.title}: cada fila tiene ${section.columns.length} columnas.`;
      }
    }
    if (
      (content.kind === "list" || content.kind === "checklist") &&
      content.items.length > MAX_LIST_ITEMS
    ) {
      return `${section.title}: una lista tiene a lo sumo ${MAX_LIST_ITEMS} puntos.`;
    }
    size += sectionText(content).length;
  }
  if (size > MAX_DRAFT_TEXT) {
    return `El documento supera los ${MAX_DRAFT_TEXT.toLocaleString("es-MX")} caracteres.`;
  }
  return null;
}

/**
 * While a tool is in review its draft stays as it was sent (the reviewer reads it), and once
 * validated it is the approved text: in both states nobody edits it. Null when editing is allowed.
 */
export function draftEditProblem(state: ToolState): string | null {
  if (state === "submitted") {
    return "La herramienta está en revisión: el borrador se podrá editar si se devuelve con observaciones.";
  }
  if (state === "validated") {
    return "La herramienta ya está validada: su documento no se modifica.";
  }
  return null;
}

// --- Printing ---------------------------------------------------------------------------

/** A piece of text with its marks, as the DOCX and PDF exports draw it. */
export interface TextRun {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

/** A block of a rich text, flattened for printing: lists become numbered or bulleted items. */
export interface PrintBlock {
  kind: "paragraph" | "heading" | "bullet" | "numbered";
  /** Nesting of a list item (0 at the top); a heading's level (2 or 3). */
  level: number;
  /** The item's number within its list (numbered items only). */
  number: number;
  runs: TextRun[];
}

function runsOf(node: RichNode): TextRun[] {
  if (node.type === "text") {
    const marks = new Set((node.marks ?? []).map((mark) => mark.type));
    return [
      {
        text: node.text ?? "",
        bold: marks.has("bold"),
        italic: marks.has("italic"),
        underline: marks.has("underline"),
      },
    ];
  }
  if (node.type === "hardBreak") {
    return [{ text: "\n", bold: false, italic: false, underline: false }];
  }
  return (node.content ?? []).flatMap(runsOf);
}

/** A rich text as printable blocks, in order; empty paragraphs are kept (they space the text). */
export function printBlocks(doc: RichNode): PrintBlock[] {
  const blocks: PrintBlock[] = [];
  const walk = (node: RichNode, list: { kind: "bullet" | "numbered"; depth: number } | null) => {
    switch (node.type) {
      case "paragraph":
        blocks.push({
          kind: list?.kind ?? "paragraph",
          level: list?.depth ?? 0,
          number: 0,
          runs: runsOf(node),
        });
        return;
      case "heading":
        blocks.push({
          kind: "heading",
          level: node.attrs?.level ?? 2,
          number: 0,
          runs: runsOf(node),
        });
        return;
      case "bulletList":
      case "orderedList": {
        const kind = node.type === "bulletList" ? "bullet" : "numbered";
        const depth = list ? list.depth + 1 : 0;
        (node.content ?? []).forEach((item, index) => {
          const first = blocks.length;
          for (const child of item.content ?? []) {
            walk(child, { kind, depth });
          }
          const head = blocks[first];
          if (head && head.kind === kind && head.level === depth) {
            head.number = index + 1;
          }
          // Later paragraphs of one item continue it as plain text at its depth.
          for (const block of blocks.slice(first + 1)) {
            if (block.kind === kind && block.level === depth) {
              block.kind = "paragraph";
            }
          }
        });
        return;
      }
      default:
        for (const child of node.content ?? []) {
          walk(child, list);
        }
    }
  };
  walk(doc, null);
  return blocks;
}

// --- Concurrent edits -----------------------------------------------------------------------

/** Which version of a section a person keeps when their save met a newer one. */
export type MergeChoice = "mine" | "theirs";

/** JSON with every object's keys sorted: the database may hand keys back in another order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}

/** The sections whose content differs between two versions of a draft, in template order. */
export function differingSections(
  template: DocumentTemplate,
  mine: DraftContent,
  theirs: DraftContent,
): string[] {
  return template.sections
    .filter(
      (section) =>
        canonical(sectionContent(mine, section)) !== canonical(sectionContent(theirs, section)),
    )
    .map((section) => section.key);
}

/**
 * Merges by section: each section from the version chosen for it; a section without a choice
 * keeps the person's own text (nothing they wrote is dropped without their say).
 */
export function mergeBySection(
  template: DocumentTemplate,
  mine: DraftContent,
  theirs: DraftContent,
  choices: Readonly<Record<string, MergeChoice>>,
): DraftContent {
  return {
    sections: Object.fromEntries(
      template.sections.map((section) => [
        section.key,
        sectionContent(choices[section.key] === "theirs" ? theirs : mine, section),
      ]),
    ),
  };
}

// --- Review ---------------------------------------------------------------------------------

/**
 * An observation may point at a section of the draft sent with the submission; a section the
 * draft's template does not have (or a reference without a draft) is refused.
 */
export function sectionReferenceProblem(
  sent: { template: DocumentTemplate } | null,
  sectionKeys: readonly (string | null)[],
): string | null {
  for (const key of sectionKeys) {
    if (key === null) {
      continue;
    }
    if (!sent) {
      return "Esta entrega no trae un documento guiado: la observación no puede señalar una sección.";
    }
    if (!sent.template.sections.some((section) => section.key === key)) {
      return `La sección «${key}» no existe en el documento enviado.`;
    }
  }
  return null;
}

// --- Comments -------------------------------------------------------------------------------

export const MAX_COMMENT_LENGTH = 2000;

/** A comment on a section of a draft: among the municipality's team. */
export function commentProblem(template: DocumentTemplate, sectionKey: string, body: string) {
  if (!template.sections.some((section) => section.key === sectionKey)) {
    return "La sección comentada no existe en la plantilla.";
  }
  if (body.trim() === "") {
    return "Escriba el comentario.";
  }
  if (body.length > MAX_COMMENT_LENGTH) {
    return `Un comentario tiene a lo sumo ${MAX_COMMENT_LENGTH} caracteres.`;
  }
  return null;
}
