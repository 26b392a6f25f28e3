import { MAX_PERIOD_MONTHS, MODEL_ISSUE_KINDS, MODEL_STATUSES } from "../domain/model.js";
import { MAX_QUESTION_TEXT, MAX_STANDARD_ITEMS } from "../domain/survey.js";
import { component } from "./common.js";
import { DocumentTemplate } from "./document-drafts.js";
import { z } from "./zod.js";

const label = z.string().trim().max(200);
const text = z.string().trim().max(4000);

export const Period = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("months"),
      months: z.number().int().min(1).max(MAX_PERIOD_MONTHS),
      label,
    }),
    z.object({ kind: z.literal("annual"), label }),
    z.object({ kind: z.literal("project"), label }),
    z.object({ kind: z.literal("on_agreement"), label }),
  ])
  .describe(
    "months: plazo en meses desde el convenio; annual: un ciclo por año, vence en cada aniversario; project: según las fichas de proyecto; on_agreement: se cumple al registrar el convenio.",
  )
  .meta({ id: "Period" });

export const ToolPart = z.object({
  code: z.string().trim().max(10),
  name: label,
  description: text,
  template: DocumentTemplate.nullable().optional().describe("El documento guiado del componente."),
});
export const ToolCriterion = z.object({ code: z.string().trim().max(40), name: label });
export const MaturityLevel = z.object({ level: z.number().int().min(0).max(20), name: label });

export const Tool = component("Tool", {
  code: z.string().trim().max(10),
  name: label,
  description: text,
  period: Period,
  weight: z.number().positive().max(1000),
  parts: z.array(ToolPart).max(20),
  criteria: z.array(ToolCriterion).max(40),
  maturityLevels: z.array(MaturityLevel).max(20),
  template: DocumentTemplate.nullable()
    .optional()
    .describe("El documento guiado que el municipio redacta para esta herramienta."),
});

export const Dimension = component("Dimension", {
  code: z.string().trim().max(10),
  name: label,
  description: text,
  weight: z.number().positive().max(1000),
  tools: z.array(Tool).max(50),
});

const questionText = z.string().trim().max(MAX_QUESTION_TEXT);

/** M1's standard questionnaire: its Likert items and the wording of the fixed questions. */
export const StandardQuestionnaire = z
  .object({
    items: z
      .array(z.object({ code: z.string().trim().max(40), text: questionText }))
      .max(MAX_STANDARD_ITEMS),
    overall: questionText,
    respondentType: questionText,
    channel: questionText,
    comment: questionText,
  })
  .describe(
    "Cuestionario estándar de M1: afirmaciones en escala 1 a 5 (en orden) y la redacción de las preguntas fijas (satisfacción general, tipo de persona, medio, comentario), cuyas claves no cambian.",
  )
  .meta({ id: "StandardQuestionnaire" });

/** The editable content of a model version, sent whole when an admin saves a draft. */
export const ModelContent = component("ModelContent", {
  label,
  dimensions: z.array(Dimension).max(20),
  surveyQuestionnaire: StandardQuestionnaire.optional().describe(
    "Sin él, la versión usa el cuestionario de 2022.",
  ),
});
export type ModelContent = z.infer<typeof ModelContent>;

export const ModelStatus = z.enum(MODEL_STATUSES);

/** `GET /api/model`: the model in force. */
export const PublishedModel = component("PublishedModel", {
  version: z.number().int().describe("Número de versión publicada, creciente."),
  label: z.string(),
  publishedAt: z.string(),
  dimensions: z.array(Dimension),
  surveyQuestionnaire: StandardQuestionnaire.optional(),
});
export type PublishedModel = z.infer<typeof PublishedModel>;

export const ModelVersionSummary = z.object({
  id: z.uuid(),
  version: z.number().int().nullable().describe("Null mientras es borrador."),
  label: z.string(),
  status: ModelStatus,
  basedOn: z.number().int().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  counts: z.object({
    dimensions: z.number().int(),
    tools: z.number().int(),
    deliverables: z.number().int(),
  }),
});
export type ModelVersionSummary = z.infer<typeof ModelVersionSummary>;

export const ModelVersionDetail = ModelVersionSummary.extend({
  content: ModelContent,
  /** Rules the draft breaks; publishing is refused while any remain. */
  issues: z.array(
    z.object({ path: z.string(), message: z.string(), kind: z.enum(MODEL_ISSUE_KINDS) }),
  ),
  /** Incremented on every save; sent back as `expectedRevision` to detect concurrent edits. */
  revision: z.number().int(),
});
export type ModelVersionDetail = z.infer<typeof ModelVersionDetail>;

export const SaveDraftRequest = z.object({
  content: ModelContent,
  expectedRevision: z.number().int().min(0),
});
export type SaveDraftRequest = z.infer<typeof SaveDraftRequest>;
