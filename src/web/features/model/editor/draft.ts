/**
 * The model editor's working copy: the model content with a stable key on every list item, so
 * that React keeps focus and open panels in place while items are edited, moved and removed.
 * Pure functions only.
 */
import {
  type DocumentTemplate,
  MAX_CHECKLIST_ITEMS,
  MAX_TABLE_COLUMNS,
  MAX_TEMPLATE_SECTIONS,
  type SectionKind,
  type TemplateSection,
} from "../../../../domain/document-templates.js";
import {
  type Dimension,
  MAX_PERIOD_MONTHS,
  type MaturityLevel,
  type ModelContent,
  type ModelIssue,
  type Period,
  type PeriodKind,
  type Tool,
  type ToolCriterion,
  type ToolPart,
  validateModel,
} from "../../../../domain/model.js";
import {
  QUESTIONNAIRE_2022,
  type QuestionnaireItem,
  questionnaireInOrder,
  type StandardQuestionnaire,
} from "../../../../domain/survey.js";

type Keyed<T> = T & { key: string };

/**
 * A template section in the working copy. Its own `key` is the section's stable key (drafts and
 * observations name it) and is edited like any field, so React keys it by `rowKey` instead.
 */
export type EditorSection = TemplateSection & { rowKey: string };

export interface EditorTemplate extends Omit<DocumentTemplate, "sections"> {
  sections: EditorSection[];
}

export interface EditorPart extends Keyed<Omit<ToolPart, "template">> {
  template?: EditorTemplate | null;
}
export type EditorCriterion = Keyed<ToolCriterion>;
export type EditorLevel = Keyed<MaturityLevel>;
export type EditorQuestionItem = Keyed<QuestionnaireItem>;

export interface EditorQuestionnaire extends Omit<StandardQuestionnaire, "items"> {
  items: EditorQuestionItem[];
}

export interface EditorTool
  extends Omit<Tool, "parts" | "criteria" | "maturityLevels" | "template"> {
  key: string;
  template?: EditorTemplate | null;
  parts: EditorPart[];
  criteria: EditorCriterion[];
  maturityLevels: EditorLevel[];
}

export interface EditorDimension extends Omit<Dimension, "tools"> {
  key: string;
  tools: EditorTool[];
}

export interface EditorContent {
  label: string;
  dimensions: EditorDimension[];
  surveyQuestionnaire: EditorQuestionnaire;
}

let lastKey = 0;
export const newKey = (): string => `k${++lastKey}`;

const keyed = <T extends object>(item: T): Keyed<T> => ({ ...item, key: newKey() });

/** A template with a row key on every section; null and absent stay as they were. */
function templateToEditor<T extends { template?: DocumentTemplate | null }>(
  owner: T,
): { template: EditorTemplate | null | undefined } {
  if (!owner.template) {
    return { template: owner.template };
  }
  return {
    template: {
      ...owner.template,
      sections: owner.template.sections.map((section) => ({ ...section, rowKey: newKey() })),
    },
  };
}

/**
 * The template as the API takes it: no row keys, and the columns of a table and the points of a
 * checklist only (a section switched from table to text drops the columns it no longer shows).
 */
function templateToContent<T extends { template?: EditorTemplate | null }>(
  owner: T,
): { template: DocumentTemplate | null | undefined } {
  if (!owner.template) {
    return { template: owner.template };
  }
  return {
    template: {
      ...owner.template,
      sections: owner.template.sections.map(({ rowKey: _rowKey, ...section }) => ({
        ...section,
        columns: section.kind === "table" ? section.columns : [],
        items: section.kind === "checklist" ? section.items : [],
      })),
    },
  };
}

export function toEditor(content: ModelContent): EditorContent {
  return {
    label: content.label,
    dimensions: content.dimensions.map((dimension) => ({
      ...keyed(dimension),
      tools: dimension.tools.map((tool) => ({
        ...keyed(tool),
        ...templateToEditor(tool),
        parts: tool.parts.map((part) => ({ ...keyed(part), ...templateToEditor(part) })),
        criteria: tool.criteria.map(keyed),
        maturityLevels: tool.maturityLevels.map(keyed),
      })),
    })),
    // A version stored before the questionnaire was part of the model has 2022's.
    surveyQuestionnaire: withKeyedItems(content.surveyQuestionnaire ?? QUESTIONNAIRE_2022),
  };
}

function withKeyedItems(questionnaire: StandardQuestionnaire): EditorQuestionnaire {
  return { ...questionnaire, items: questionnaire.items.map(keyed) };
}

const unkeyed = <T extends { key: string }>({ key: _key, ...rest }: T): Omit<T, "key"> => rest;

/** The content as the API takes it: no editor keys. */
export function toContent(editor: EditorContent): ModelContent {
  return {
    label: editor.label,
    dimensions: editor.dimensions.map((dimension) => ({
      ...unkeyed(dimension),
      tools: dimension.tools.map((tool) => ({
        ...unkeyed(tool),
        ...templateToContent(tool),
        parts: tool.parts.map((part) => ({ ...unkeyed(part), ...templateToContent(part) })),
        criteria: tool.criteria.map(unkeyed),
        maturityLevels: tool.maturityLevels.map(unkeyed),
      })),
    })),
    surveyQuestionnaire: questionnaireInOrder(editor.surveyQuestionnaire),
  };
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((current, i) => (i === index ? item : current));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Moves the item at `from` by `delta` places (-1 up, +1 down); out of range does nothing. */
export function move<T>(list: readonly T[], from: number, delta: number): T[] {
  const to = from + delta;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) {
    return [...list];
  }
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) {
    next.splice(to, 0, item);
  }
  return next;
}

/** Where an item sits in its list, and how to move it by `delta` places or take it out. */
export interface ListPlace {
  index: number;
  count: number;
  onMove: (delta: number) => void;
  onRemove: () => void;
}

/** Item `index` of `list` as its editor takes it: its place, and changes that go to `setList`. */
export function itemOf<T>(list: readonly T[], index: number, setList: (next: T[]) => void) {
  return {
    index,
    count: list.length,
    onChange: (item: T) => setList(replaceAt(list, index, item)),
    onMove: (delta: number) => setList(move(list, index, delta)),
    onRemove: () => setList(removeAt(list, index)),
  } satisfies ListPlace & { onChange: (item: T) => void };
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A new dimension with the first unused capital letter as its code. */
export function newDimension(existing: readonly { code: string }[]): EditorDimension {
  const used = new Set(existing.map((d) => d.code));
  const code = [...LETTERS].find((letter) => !used.has(letter)) ?? "";
  return { key: newKey(), code, name: "", description: "", weight: 1, tools: [] };
}

/** A new tool coded after its dimension ("E5" after E1–E4), due three months after the agreement. */
export function newTool(dimensionCode: string, allToolCodes: readonly string[]): EditorTool {
  const used = new Set(allToolCodes);
  let n = 1;
  while (used.has(`${dimensionCode}${n}`)) {
    n++;
  }
  return {
    key: newKey(),
    code: dimensionCode ? `${dimensionCode}${n}` : "",
    name: "",
    description: "",
    period: { kind: "months", months: 3, label: "3 meses" },
    weight: 1,
    parts: [],
    criteria: [],
    maturityLevels: [],
  };
}

/** A new part with the next free lower-case letter ("c" after a and b). */
export function newPart(existing: readonly { code: string }[]): EditorPart {
  const used = new Set(existing.map((p) => p.code));
  const code = [...LETTERS.toLowerCase()].find((letter) => !used.has(letter)) ?? "";
  return { key: newKey(), code, name: "", description: "" };
}

/** A new Likert item of the survey questionnaire, coded `afirmacion_N` with the first free N. */
export function newQuestionItem(existing: readonly { code: string }[]): EditorQuestionItem {
  const used = new Set(existing.map((item) => item.code));
  let n = existing.length + 1;
  while (used.has(`afirmacion_${n}`)) {
    n++;
  }
  return { key: newKey(), code: `afirmacion_${n}`, text: "" };
}

/** A new guided document for a deliverable: named after it, with one required text section. */
export function newTemplate(title: string): EditorTemplate {
  return { title, sections: [newSection([])] };
}

/** A new required text section keyed `seccion_N` with the first free N. */
export function newSection(existing: readonly { key: string }[]): EditorSection {
  const used = new Set(existing.map((section) => section.key));
  let n = existing.length + 1;
  while (used.has(`seccion_${n}`)) {
    n++;
  }
  return {
    rowKey: newKey(),
    key: `seccion_${n}`,
    title: "",
    guidance: "",
    required: true,
    kind: "rich_text",
    columns: [],
    items: [],
  };
}

/**
 * Switches a section's kind. A table keeps its columns (one empty column to start), a checklist
 * its points (one empty point to start); the other lists stay in the working copy until saving,
 * so switching back does not lose them.
 */
export function changeSectionKind(section: EditorSection, kind: SectionKind): EditorSection {
  return {
    ...section,
    kind,
    columns: kind === "table" && section.columns.length === 0 ? [""] : section.columns,
    items: kind === "checklist" && section.items.length === 0 ? [""] : section.items,
  };
}

/** How many columns or points a section may still take (the API's limits). */
export function canAddTo(section: EditorSection, list: "columns" | "items"): boolean {
  return list === "columns"
    ? section.columns.length < MAX_TABLE_COLUMNS
    : section.items.length < MAX_CHECKLIST_ITEMS;
}

export function canAddSection(template: EditorTemplate): boolean {
  return template.sections.length < MAX_TEMPLATE_SECTIONS;
}

export function newCriterion(): EditorCriterion {
  return { key: newKey(), code: "", name: "" };
}

/** Maturity levels are numbered by position from 0; renumber after any change to the list. */
export function renumberLevels(levels: readonly EditorLevel[]): EditorLevel[] {
  return levels.map((level, index) => (level.level === index ? level : { ...level, level: index }));
}

export function newLevel(existing: readonly EditorLevel[]): EditorLevel {
  return { key: newKey(), level: existing.length, name: "" };
}

/** Switches a period's kind, keeping its label and (when it makes sense) its months. */
export function changePeriodKind(period: Period, kind: PeriodKind): Period {
  if (kind === "months") {
    return { kind, months: period.kind === "months" ? period.months : 3, label: period.label };
  }
  return { kind, label: period.label };
}

const MAX_WEIGHT = 1000;

/**
 * The problems of the working copy, checked as the user types: the model's own rules (the same
 * function the server runs before publishing) plus the limits the API enforces on every save.
 */
export function editorIssues(content: ModelContent): ModelIssue[] {
  const issues = validateModel(content);
  const flagged = new Set(issues.map((issue) => issue.path));
  const add = (path: string, message: string) => {
    if (!flagged.has(path)) {
      issues.push({ path, message, kind: "rule" });
      flagged.add(path);
    }
  };
  content.dimensions.forEach((dimension, d) => {
    if (dimension.weight > MAX_WEIGHT) {
      add(`dimensions.${d}.weight`, `El peso no puede ser mayor que ${MAX_WEIGHT}.`);
    }
    dimension.tools.forEach((tool, t) => {
      if (tool.weight > MAX_WEIGHT) {
        add(`dimensions.${d}.tools.${t}.weight`, `El peso no puede ser mayor que ${MAX_WEIGHT}.`);
      }
    });
  });
  return issues;
}

/** Numbers the API refuses even in a draft (empty, not a number, out of range). */
export function hasInvalidNumbers(content: ModelContent): boolean {
  const badWeight = (w: number) => !Number.isFinite(w) || w <= 0 || w > MAX_WEIGHT;
  return content.dimensions.some(
    (dimension) =>
      badWeight(dimension.weight) ||
      dimension.tools.some(
        (tool) =>
          badWeight(tool.weight) ||
          (tool.period.kind === "months" &&
            (!Number.isInteger(tool.period.months) ||
              tool.period.months < 1 ||
              tool.period.months > MAX_PERIOD_MONTHS)),
      ),
  );
}

/** Turns an issue path (`dimensions.1.tools.0.code`) into words: "Dimensión R › Herramienta R1 › clave". */
export function describePath(content: ModelContent, path: string): string {
  const segments = path.split(".");
  const words: string[] = [];
  let dimension: Dimension | undefined;
  let tool: Tool | undefined;
  let template: DocumentTemplate | null | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    const index = Number(segments[i + 1]);
    switch (segment) {
      case "dimensions":
        dimension = Number.isInteger(index) ? content.dimensions[index] : undefined;
        if (dimension) {
          words.push(`Dimensión ${dimension.code || index + 1}`);
          i++;
        } else {
          words.push("Dimensiones");
        }
        break;
      case "tools":
        tool = Number.isInteger(index) ? dimension?.tools[index] : undefined;
        if (tool) {
          words.push(`Herramienta ${tool.code || index + 1}`);
          i++;
        } else {
          words.push("herramientas");
        }
        break;
      case "parts":
        words.push(`componente ${tool?.parts[index]?.code || index + 1}`);
        template = tool?.parts[index]?.template;
        i++;
        break;
      case "template":
        template ??= tool?.template;
        words.push(`documento guiado${template?.title ? ` «${template.title}»` : ""}`);
        break;
      case "sections":
        if (Number.isInteger(index)) {
          const title = template?.sections[index]?.title;
          words.push(`sección ${index + 1}${title ? ` «${title}»` : ""}`);
          i++;
        } else {
          words.push("secciones");
        }
        break;
      case "criteria":
        words.push(`criterio ${index + 1}`);
        i++;
        break;
      case "maturityLevels":
        words.push(`nivel ${index}`);
        i++;
        break;
      case "surveyQuestionnaire":
        words.push("Cuestionario de satisfacción (M1)");
        break;
      case "items":
        if (template) {
          words.push("puntos de verificación");
        } else if (Number.isInteger(index)) {
          const code = content.surveyQuestionnaire?.items[index]?.code;
          words.push(`afirmación ${code || index + 1}`);
          i++;
        } else {
          words.push("afirmaciones");
        }
        break;
      default:
        words.push(FIELD_WORDS[segment] ?? segment);
    }
  }
  return words.join(" › ");
}

const FIELD_WORDS: Record<string, string> = {
  label: "Nombre de la versión",
  code: "clave",
  name: "nombre",
  description: "descripción",
  weight: "peso",
  period: "plazo",
  months: "meses",
  level: "número",
  text: "texto",
  overall: "satisfacción general",
  respondentType: "tipo de persona",
  channel: "medio utilizado",
  comment: "comentario",
  title: "título",
  guidance: "orientación",
  columns: "columnas",
  key: "clave",
};

/** The DOM id of the editor field for an issue path, so an issue can take the cursor there. */
export function fieldId(path: string): string {
  return `campo-${path.replaceAll(".", "-")}`;
}
