/**
 * Guided documents (issue 15): the templates a model version holds and the drafts a municipality
 * writes from them. Rich text is TipTap's JSON restricted to an allow-list of nodes and marks
 * (src/domain/document-templates.ts); any other key, node or mark is refused, and no HTML is ever
 * accepted.
 */

import {
  CONSULTATION_COMMENT_STATUSES,
  MAX_CONSULTATION_ANSWER,
  MAX_CONSULTATION_COMMENT,
  MAX_CONSULTATION_NAME,
  MODERATION_DECISIONS,
} from "../domain/consultations.js";
import {
  HEADING_LEVELS,
  MAX_CHECKLIST_ITEMS,
  MAX_COMMENT_LENGTH,
  MAX_LIST_ITEMS,
  MAX_TABLE_COLUMNS,
  MAX_TABLE_ROWS,
  MAX_TEMPLATE_SECTIONS,
  RICH_MARK_TYPES,
  RICH_NODE_TYPES,
  type RichNode as RichNodeValue,
  SECTION_KINDS,
} from "../domain/document-templates.js";
import { MAX_TRAINING_EVIDENCE, MAX_TRAINING_TEXT } from "../domain/trainings.js";
import { component } from "./common.js";
import { z } from "./zod.js";

const LocalDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Fecha aaaa-mm-dd.");

const Title = z.string().trim().max(200);

export const TemplateSection = component("TemplateSection", {
  key: z.string().trim().max(40).describe("Clave estable de la sección: minúsculas y «_»."),
  title: Title,
  guidance: z.string().trim().max(4000).describe("Lo que pide el modelo, con ejemplos."),
  required: z.boolean(),
  kind: z.enum(SECTION_KINDS),
  columns: z.array(z.string().trim().max(100)).max(MAX_TABLE_COLUMNS),
  items: z.array(z.string().trim().max(300)).max(MAX_CHECKLIST_ITEMS),
});

export const DocumentTemplate = z
  .object({ title: Title, sections: z.array(TemplateSection).max(MAX_TEMPLATE_SECTIONS) })
  .meta({ id: "DocumentTemplate" });
export type DocumentTemplate = z.infer<typeof DocumentTemplate>;

export const RichNode: z.ZodType<RichNodeValue> = z.lazy(() =>
  z.strictObject({
    type: z.enum(RICH_NODE_TYPES),
    attrs: z
      .strictObject({
        level: z.union(HEADING_LEVELS.map((level) => z.literal(level))).optional(),
      })
      .optional(),
    content: z.array(RichNode).max(2000).optional(),
    text: z.string().max(20_000).optional(),
    marks: z
      .array(z.strictObject({ type: z.enum(RICH_MARK_TYPES) }))
      .max(RICH_MARK_TYPES.length)
      .optional(),
  }),
);

const Cell = z.string().max(4000);

export const SectionContent = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("rich_text"), doc: RichNode }),
  z.strictObject({
    kind: z.literal("table"),
    rows: z.array(z.array(Cell).max(MAX_TABLE_COLUMNS)).max(MAX_TABLE_ROWS),
  }),
  z.strictObject({ kind: z.literal("list"), items: z.array(Cell).max(MAX_LIST_ITEMS) }),
  z.strictObject({
    kind: z.literal("checklist"),
    items: z
      .array(z.strictObject({ text: z.string().max(300), done: z.boolean() }))
      .max(MAX_LIST_ITEMS),
  }),
]);

export const DraftContent = z
  .strictObject({ sections: z.record(z.string().max(40), SectionContent) })
  .meta({ id: "DraftContent" });
export type DraftContent = z.infer<typeof DraftContent>;

export const DraftComment = z.object({
  id: z.uuid(),
  sectionKey: z.string(),
  body: z.string(),
  author: z.string(),
  createdAt: z.string(),
});
export type DraftComment = z.infer<typeof DraftComment>;

/** `GET /api/tool-instances/:id/draft`: the template, the draft (if started) and its comments. */
export const DraftView = component("DraftView", {
  instanceId: z.uuid(),
  municipality: z.object({ cvegeo: z.string(), name: z.string() }),
  tool: z.object({ code: z.string(), name: z.string(), part: z.string().nullable() }),
  template: DocumentTemplate,
  content: DraftContent,
  revision: z.number().int().describe("0 mientras nadie ha guardado; se envía al guardar."),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  completeness: z.object({
    required: z.number().int(),
    filled: z.number().int(),
    missing: z.array(z.object({ key: z.string(), title: z.string() })),
    percent: z.number().int(),
  }),
  comments: z.array(DraftComment),
  canEdit: z.boolean(),
});
export type DraftView = z.infer<typeof DraftView>;

export const SaveDocumentDraft = z.object({
  content: DraftContent,
  expectedRevision: z.number().int().min(0),
});
export type SaveDocumentDraft = z.infer<typeof SaveDocumentDraft>;

export const SavedDocumentDraft = z.object({ revision: z.number().int(), updatedAt: z.string() });

/** The body of a 409 `draft_conflict`'s details: the version the server holds. */
export const DraftConflictDetails = z.object({
  revision: z.number().int(),
  content: DraftContent,
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type DraftConflictDetails = z.infer<typeof DraftConflictDetails>;

export const NewDraftComment = z.object({
  sectionKey: z.string().trim().min(1).max(40),
  body: z.string().trim().min(1).max(MAX_COMMENT_LENGTH),
});
export type NewDraftComment = z.infer<typeof NewDraftComment>;

// --- R2, R3: the register of trainings delivered --------------------------------------------

export const NewTrainingSession = z.object({
  heldOn: LocalDateSchema.describe("Fecha en que se impartió (aaaa-mm-dd)."),
  topic: z.string().trim().max(MAX_TRAINING_TEXT),
  hours: z.number().describe("Horas, en medias horas (1.5)."),
  audience: z.string().trim().max(MAX_TRAINING_TEXT).describe("A quién se dirigió."),
  peopleTrained: z.number().int().describe("Personas capacitadas."),
  evidence: z
    .string()
    .trim()
    .max(MAX_TRAINING_EVIDENCE)
    .default("")
    .describe("Lo que la prueba: lista de asistencia, constancias, fotografías."),
});
export type NewTrainingSession = z.infer<typeof NewTrainingSession>;

export const TrainingSession = z.object({
  id: z.uuid(),
  heldOn: z.string(),
  topic: z.string(),
  hours: z.number(),
  audience: z.string(),
  peopleTrained: z.number().int(),
  evidence: z.string(),
  recordedBy: z.string(),
  createdAt: z.string(),
});
export type TrainingSession = z.infer<typeof TrainingSession>;

/** `GET /api/tool-instances/:id/trainings`: an R2 or R3 cycle's register and its totals. */
export const TrainingRegister = component("TrainingRegister", {
  instanceId: z.uuid(),
  toolCode: z.string(),
  sessions: z.array(TrainingSession),
  totals: z.object({
    sessions: z.number().int(),
    hours: z.number(),
    peopleTrained: z.number().int(),
  }),
  canEdit: z.boolean(),
});
export type TrainingRegister = z.infer<typeof TrainingRegister>;

// --- M3: the public consultation of the report --------------------------------------------

export const ConsultationComment = z.object({
  id: z.uuid(),
  sectionKey: z.string().nullable(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
  status: z.enum(CONSULTATION_COMMENT_STATUSES),
  answer: z.string(),
});
export type ConsultationComment = z.infer<typeof ConsultationComment>;

/** `GET /api/tool-instances/:id/consultation`: the consultation (if opened) and every comment. */
export const InstanceConsultation = component("InstanceConsultation", {
  instanceId: z.uuid(),
  consultation: z
    .object({
      id: z.uuid(),
      url: z.string(),
      revision: z.number().int(),
      openedAt: z.string(),
      closedAt: z.string().nullable(),
      sections: z
        .array(z.object({ key: z.string(), title: z.string() }))
        .describe("Las secciones del informe sometido a consulta, para nombrar las comentadas."),
      comments: z.array(ConsultationComment),
    })
    .nullable(),
  canManage: z.boolean(),
});
export type InstanceConsultation = z.infer<typeof InstanceConsultation>;

export const ModerateConsultationComment = z.object({
  decision: z.enum(MODERATION_DECISIONS),
  answer: z.string().trim().max(MAX_CONSULTATION_ANSWER).default(""),
});
export type ModerateConsultationComment = z.infer<typeof ModerateConsultationComment>;

/** `GET /api/public/consultations/:token`: the report put to consultation and its published comments. */
export const PublicConsultation = component("PublicConsultation", {
  municipality: z.object({ cvegeo: z.string(), name: z.string() }),
  title: z.string(),
  open: z.boolean(),
  openedAt: z.string(),
  sections: z.array(
    z.object({ key: z.string(), title: z.string(), guidance: z.string(), text: z.string() }),
  ),
  comments: z.array(
    ConsultationComment.pick({
      id: true,
      sectionKey: true,
      authorName: true,
      body: true,
      createdAt: true,
      answer: true,
    }),
  ),
});
export type PublicConsultation = z.infer<typeof PublicConsultation>;

export const NewConsultationComment = z.object({
  sectionKey: z.string().trim().max(40).nullable().default(null),
  body: z.string().max(MAX_CONSULTATION_COMMENT + 100),
  name: z
    .string()
    .trim()
    .max(MAX_CONSULTATION_NAME + 100)
    .default(""),
  /** The honeypot: people never see it. */
  website: z.string().max(200).optional(),
  browserToken: z.string().min(16).max(128).optional(),
});
export type NewConsultationComment = z.infer<typeof NewConsultationComment>;
