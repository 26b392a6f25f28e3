/**
 * M3's public consultation (issue 15): the municipality opens a window on its draft
 * accountability report; citizens read it and leave questions or comments without an account; the
 * municipality moderates them (only published ones are shown) and answers publicly; the record of
 * the consultation is appended to the report's export. No I/O.
 */
import { labelledCodes } from "./codes.js";
import type { DocumentTemplate } from "./document-templates.js";
import type { ToolState } from "./tool-state.js";

/** The tools whose document is put to a public consultation. */
export const CONSULTATION_TOOLS = ["M3"] as const;

/** A citizen's comment waits for moderation; only published ones are shown, with their answer. */
export const [CONSULTATION_COMMENT_STATUSES, CONSULTATION_COMMENT_STATUS_LABELS] = labelledCodes({
  pending: "Por moderar",
  published: "Publicado",
  rejected: "No publicado",
});
export type ConsultationCommentStatus = (typeof CONSULTATION_COMMENT_STATUSES)[number];

/** What the municipality does with a comment. */
export const MODERATION_DECISIONS = ["publish", "reject"] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

export const MAX_CONSULTATION_COMMENT = 2000;
export const MAX_CONSULTATION_NAME = 100;
export const MAX_CONSULTATION_ANSWER = 4000;

export const CONSULTATION_CLOSED_MESSAGE =
  "La consulta ya cerró y no recibe más comentarios. Gracias por su interés.";
export const CONSULTATION_RECEIVED_MESSAGE =
  "¡Gracias! Su comentario se publicará, con la respuesta del municipio, cuando el municipio lo revise.";

/** Whether a tool's document is put to a public consultation. */
export function hasConsultation(toolCode: string): boolean {
  return (CONSULTATION_TOOLS as readonly string[]).includes(toolCode);
}

/** Why a consultation cannot be opened on an instance now; null when it can. */
export function openConsultationProblem(subject: {
  toolCode: string;
  state: ToolState;
  hasConsultation: boolean;
  hasDraft: boolean;
}): string | null {
  if (!hasConsultation(subject.toolCode)) {
    return "Solo el informe de rendición de cuentas (M3) se somete a consulta pública.";
  }
  if (subject.hasConsultation) {
    return "Este ciclo de M3 ya tiene su consulta pública.";
  }
  if (subject.state === "submitted" || subject.state === "validated") {
    return "La consulta se abre mientras el informe se redacta, antes de enviarlo a revisión.";
  }
  if (!subject.hasDraft) {
    return "Guarde el borrador del informe antes de abrir la consulta: es lo que leerá la ciudadanía.";
  }
  return null;
}

/** A citizen's comment: on the whole report or on one section of it; the name is optional. */
export function consultationCommentProblems(
  template: DocumentTemplate,
  comment: { sectionKey: string | null; body: string; name: string },
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (
    comment.sectionKey !== null &&
    !template.sections.some((section) => section.key === comment.sectionKey)
  ) {
    problems.push({ field: "sectionKey", message: "Elija una sección del informe." });
  }
  if (comment.body.trim() === "") {
    problems.push({ field: "body", message: "Escriba su pregunta o comentario." });
  } else if (comment.body.length > MAX_CONSULTATION_COMMENT) {
    problems.push({
      field: "body",
      message: `Un comentario tiene a lo sumo ${MAX_CONSULTATION_COMMENT} caracteres.`,
    });
  }
  if (comment.name.length > MAX_CONSULTATION_NAME) {
    problems.push({
      field: "name",
      message: `El nombre tiene a lo sumo ${MAX_CONSULTATION_NAME} caracteres.`,
    });
  }
  return problems;
}

/** Moderating a comment: a published one may carry the municipality's public answer. */
export function moderationProblem(decision: ModerationDecision, answer: string): string | null {
  if (answer.length > MAX_CONSULTATION_ANSWER) {
    return `Una respuesta tiene a lo sumo ${MAX_CONSULTATION_ANSWER} caracteres.`;
  }
  if (decision === "reject" && answer.trim() !== "") {
    return "Un comentario que no se publica no lleva respuesta pública.";
  }
  return null;
}
