/**
 * The maturity model as data: dimensions, their tools, the tools' parts, periods and weights.
 * A model version is immutable once published; an admin edits a draft copy.
 */
import { type DocumentTemplate, templateProblems } from "./document-templates.js";
import { questionnaireProblems, type StandardQuestionnaire } from "./survey.js";

/** How long a municipality has to implement a tool, counted from its agreement. */
export type Period =
  | { kind: "months"; months: number; label: string }
  /** One instance per yearly cycle, due on each anniversary of the agreement. */
  | { kind: "annual"; label: string }
  /** The deadline comes from the end date of each project card (E4). */
  | { kind: "project"; label: string }
  /** Done when the agreement itself is registered (E1). */
  | { kind: "on_agreement"; label: string };

export type PeriodKind = Period["kind"];

export const PERIOD_KINDS = [
  "months",
  "annual",
  "project",
  "on_agreement",
] as const satisfies readonly PeriodKind[];
/** A kind of period missing from PERIOD_KINDS fails the type-check here. */
const _everyPeriodKind: [Exclude<PeriodKind, (typeof PERIOD_KINDS)[number]>] extends [never]
  ? true
  : false = true;

/** A model version is edited as a draft and immutable once published. */
export const MODEL_STATUSES = ["draft", "published"] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** A deliverable inside a tool with its own evidence and review (E3 a/b, R1 a-d, P1 a/b). */
export interface ToolPart {
  code: string;
  name: string;
  description: string;
  /** The guided document the municipality drafts for this part (issue 15), if any. */
  template?: DocumentTemplate | null;
}

/** A yes/no criterion the reviewer checks; scored 1 / 0.5 / 0 per part. */
export interface ToolCriterion {
  code: string;
  name: string;
}

/** A maturity level, ordered from 0 (none) upwards; the score is level / top level. */
export interface MaturityLevel {
  level: number;
  name: string;
}

export interface Tool {
  code: string;
  name: string;
  description: string;
  period: Period;
  weight: number;
  parts: ToolPart[];
  criteria: ToolCriterion[];
  maturityLevels: MaturityLevel[];
  /** The guided document the municipality drafts for this tool (issue 15), if any. */
  template?: DocumentTemplate | null;
}

export interface Dimension {
  code: string;
  name: string;
  description: string;
  weight: number;
  tools: Tool[];
}

/** The editable content of a model version. */
export interface ModelContent {
  label: string;
  dimensions: Dimension[];
  /**
   * M1's standard questionnaire, published with the version; absent in versions stored before it
   * was part of the model, which keep the 2022 questionnaire (`standardQuestionnaire`).
   */
  surveyQuestionnaire?: StandardQuestionnaire;
}

/**
 * `duplicate`: a repeated code, which cannot even be saved (codes identify tools everywhere);
 * `rule`: anything else, which a draft may carry while being edited but blocks publishing.
 */
export const MODEL_ISSUE_KINDS = ["duplicate", "rule"] as const;
export type ModelIssueKind = (typeof MODEL_ISSUE_KINDS)[number];

export interface ModelIssue {
  /** Dotted path to the offending field, e.g. `dimensions.1.tools.0.code`. */
  path: string;
  message: string;
  kind: ModelIssueKind;
}

const CODE_PATTERN = /^[A-Z][A-Z0-9]{0,9}$/;
const PART_CODE_PATTERN = /^[a-z][a-z0-9]{0,9}$/;
export const MAX_PERIOD_MONTHS = 120;

/**
 * Checks the rules a model must satisfy before it can be published: unique codes, at least one
 * tool per dimension, positive weights, sane periods. Returns every issue found, in Spanish.
 */
export function validateModel(model: ModelContent): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const push: Push = (path, message, kind = "rule") => issues.push({ path, message, kind });

  if (model.label.trim() === "") {
    push("label", "El nombre de la versión es obligatorio.");
  }
  if (model.dimensions.length === 0) {
    push("dimensions", "El modelo necesita al menos una dimensión.");
  }
  const dimensionCodes = new Set<string>();
  const toolCodes = new Set<string>();
  model.dimensions.forEach((dimension, d) => {
    const at = `dimensions.${d}`;
    checkCode(dimension.code, `${at}.code`, dimensionCodes, push, "dimensión");
    checkText(dimension.name, `${at}.name`, push);
    checkWeight(dimension.weight, `${at}.weight`, push);
    if (dimension.tools.length === 0) {
      push(`${at}.tools`, `La dimensión ${dimension.code} necesita al menos una herramienta.`);
    }
    dimension.tools.forEach((tool, t) => {
      validateTool(tool, `${at}.tools.${t}`, toolCodes, push);
    });
  });
  if (model.surveyQuestionnaire) {
    for (const problem of questionnaireProblems(model.surveyQuestionnaire)) {
      push(
        `surveyQuestionnaire.${problem.field}`,
        problem.message,
        problem.duplicate ? "duplicate" : "rule",
      );
    }
  }
  return issues;
}

type Push = (path: string, message: string, kind?: ModelIssue["kind"]) => void;

function validateTool(tool: Tool, at: string, toolCodes: Set<string>, push: Push): void {
  checkCode(tool.code, `${at}.code`, toolCodes, push, "herramienta");
  checkText(tool.name, `${at}.name`, push);
  checkWeight(tool.weight, `${at}.weight`, push);
  if (tool.period.kind === "months") {
    const { months } = tool.period;
    if (!Number.isInteger(months) || months < 1 || months > MAX_PERIOD_MONTHS) {
      push(
        `${at}.period.months`,
        `El plazo debe ser un número entero de 1 a ${MAX_PERIOD_MONTHS} meses.`,
      );
    }
  }
  const partCodes = new Set<string>();
  tool.parts.forEach((part, p) => {
    const path = `${at}.parts.${p}.code`;
    if (!PART_CODE_PATTERN.test(part.code)) {
      push(path, "La clave de un componente son letras minúsculas o números (p. ej. «a»).");
    } else if (partCodes.has(part.code)) {
      push(
        path,
        `La clave de componente «${part.code}» está repetida en ${tool.code}.`,
        "duplicate",
      );
    }
    partCodes.add(part.code);
    checkText(part.name, `${at}.parts.${p}.name`, push);
    checkTemplate(part.template, `${at}.parts.${p}.template`, push);
  });
  checkTemplate(tool.template, `${at}.template`, push);
  const criterionCodes = new Set<string>();
  tool.criteria.forEach((criterion, c) => {
    if (criterionCodes.has(criterion.code)) {
      push(
        `${at}.criteria.${c}.code`,
        `La clave de criterio «${criterion.code}» está repetida.`,
        "duplicate",
      );
    }
    criterionCodes.add(criterion.code);
    checkText(criterion.name, `${at}.criteria.${c}.name`, push);
  });
  tool.maturityLevels.forEach((level, l) => {
    if (level.level !== l) {
      push(`${at}.maturityLevels.${l}.level`, "Los niveles de madurez van en orden desde 0.");
    }
  });
}

function checkCode(code: string, path: string, seen: Set<string>, push: Push, what: string): void {
  if (!CODE_PATTERN.test(code)) {
    push(path, `La clave de ${what} son mayúsculas y números, empezando por letra (p. ej. «E1»).`);
  } else if (seen.has(code)) {
    push(path, `La clave «${code}» está repetida.`, "duplicate");
  }
  seen.add(code);
}

function checkTemplate(template: DocumentTemplate | null | undefined, at: string, push: Push) {
  for (const problem of template ? templateProblems(template) : []) {
    push(`${at}.${problem.path}`, problem.message);
  }
}

function checkText(text: string, path: string, push: Push): void {
  if (text.trim() === "") {
    push(path, "El nombre es obligatorio.");
  }
}

function checkWeight(weight: number, path: string, push: Push): void {
  if (!Number.isFinite(weight) || weight <= 0) {
    push(path, "El peso debe ser un número mayor que cero.");
  }
}

/** Every deliverable of a model: one per tool without parts, one per part otherwise. */
export function deliverables(model: ModelContent): { tool: string; part: string | null }[] {
  return model.dimensions.flatMap((dimension) =>
    dimension.tools.flatMap((tool): { tool: string; part: string | null }[] =>
      tool.parts.length === 0
        ? [{ tool: tool.code, part: null }]
        : tool.parts.map((part) => ({ tool: tool.code, part: part.code })),
    ),
  );
}

/** Counts used by summaries: dimensions, tools, deliverables. */
export function modelCounts(model: ModelContent): {
  dimensions: number;
  tools: number;
  deliverables: number;
} {
  return {
    dimensions: model.dimensions.length,
    tools: model.dimensions.reduce((sum, dimension) => sum + dimension.tools.length, 0),
    deliverables: deliverables(model).length,
  };
}
