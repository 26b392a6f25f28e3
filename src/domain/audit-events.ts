/**
 * The catalogue of audit events: every action the platform records in its audit trail, the kind of
 * record it is about, and how the Bitácora and a municipality's timeline name it in Spanish. The
 * one place for these words: `recordAudit` only accepts an action listed here, the audit search
 * filters by them, and the web app reads its labels from here. Adding an action means adding it to
 * `AUDIT_ACTIONS` and to `AUDIT_EVENTS`; the type-check fails until both agree.
 */

import {
  AGREEMENT_CHANGE_LABELS,
  type AgreementChangeKind,
  PARTICIPATION_LABELS,
  type ParticipationStatus,
} from "./agreement-terms.js";
import { ANNOUNCEMENT_AUDIENCE_LABELS, type AnnouncementAudience } from "./announcements.js";
import {
  API_TOKEN_REVOCATION_LABELS,
  API_TOKEN_SCOPE_LABELS,
  type ApiTokenRevocationReason,
  type ApiTokenScope,
} from "./api-tokens.js";
import { labelledCodes } from "./codes.js";
import type { LocalDate } from "./dates.js";
import { EXTENSION_STATUS_LABELS } from "./extensions.js";
import { INDICATOR_REPORT_STATUS_LABELS, type IndicatorReportStatus } from "./indicators.js";
import {
  MAIL_STATUS_LABELS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from "./notifications.js";
import { RESET_REQUEST_OUTCOME_LABELS, type ResetRequestOutcome } from "./password-reset.js";
import { PROJECT_CARD_STATUS_LABELS, type ProjectCardStatus } from "./project-cards.js";
import { PUBLICATION_LABELS } from "./publication.js";
import {
  REPORT_CARD_BATCH_SCOPE_LABELS,
  REPORT_CARD_BATCH_STATUS_LABELS,
  type ReportCardBatchScope,
} from "./report-card-batch.js";
import { OBSERVATION_TYPE_LABELS } from "./review.js";
import { ROLE_LABELS } from "./roles.js";
import {
  COMMITMENT_STATUS_LABELS,
  MODALITY_LABELS,
  SUPPORT_ACTION_STATUS_LABELS,
  SUPPORT_ACTION_TYPE_LABELS,
} from "./support.js";
import { SURVEY_STATUS_LABELS } from "./survey.js";
import { foldForSearch } from "./text.js";
import { TOOL_STATE_LABELS, type ToolState } from "./tool-state.js";

/** What an audit event is about: the `entityType` stored with it. */
export const [AUDIT_ENTITY_TYPES, AUDIT_ENTITY_LABELS] = labelledCodes({
  user: "Cuenta",
  login: "Inicio de sesión",
  model_version: "Versión del modelo",
  institution: "Institución",
  agreement: "Convenio",
  administration: "Administración municipal",
  liaison_designation: "Designación de enlace",
  tool_instance: "Herramienta de un municipio",
  evidence: "Evidencia",
  observation: "Observación",
  diagnostic: "Diagnóstico inicial",
  document: "Convenio, oficio o minuta",
  support_action: "Acción de acompañamiento",
  commitment: "Acuerdo",
  project_card: "Ficha de proyecto (E4)",
  improvement_action: "Acción del plan de mejora (M4)",
  indicator_adoption: "Batería de indicadores adoptada (M2)",
  indicator_report: "Reporte de indicadores de un periodo (M2)",
  report_card: "Cédula de avance",
  report_card_batch: "Lote de cédulas de avance",
  report: "Reporte regional o matriz de brechas",
  calendar_feed: "Calendario personal",
  api_token: "Token de API",
  mail: "Correo",
  notification: "Aviso",
  survey: "Encuesta de satisfacción",
  survey_response: "Respuesta a una encuesta",
  document_draft: "Borrador de documento guiado",
  training_session: "Capacitación impartida (R2, R3)",
  consultation: "Consulta pública del informe (M3)",
  consultation_comment: "Comentario ciudadano en una consulta (M3)",
  deadline_extension: "Prórroga de un plazo",
  tool_exemption: "Exención de una herramienta",
  xlsx_import: "Importación de un libro XLSX",
  announcement: "Aviso a los enlaces",
});
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** What the catalogue says of one action. */
export interface AuditEventSpec {
  /** The kind of record the event is about (its stored `entityType`). */
  entity: AuditEntityType;
  /** How the Bitácora and the timeline name it: a short Spanish sentence without a subject. */
  label: string;
}

/**
 * The entries of the actions about one entity type, from their Spanish labels. The entity type
 * stays a literal in each entry, so `recordAudit` can require the right one.
 */
function about<const E extends AuditEntityType, const A extends string>(
  entity: E,
  labels: Record<A, string>,
): Record<A, { entity: E; label: string }> {
  return Object.fromEntries(
    Object.entries<string>(labels).map(([action, label]) => [action, { entity, label }]),
  ) as Record<A, { entity: E; label: string }>;
}

/**
 * The catalogue itself: every action the audit trail records, each written once, grouped by what
 * it is about. Its keys, in this order, are `AUDIT_ACTIONS` (the Bitácora's filter lists them so).
 */
export const AUDIT_EVENTS = {
  ...about("user", {
    "auth.login": "Inicio de sesión",
    "auth.logout": "Cierre de sesión",
  }),
  ...about("login", {
    "auth.login_failed": "Intento de inicio de sesión fallido",
    "auth.locked": "Inicio de sesión bloqueado por intentos fallidos",
    "auth.login_refused": "Inicio de sesión rechazado: cuenta bloqueada",
    "auth.password_reset_requested": "Solicitud de recuperación de contraseña",
  }),
  ...about("user", {
    "user.created": "Cuenta creada",
    "user.updated": "Cuenta modificada",
    "user.role_changed": "Rol o municipio de la cuenta cambiado",
    "user.deactivated": "Cuenta desactivada",
    "user.reactivated": "Cuenta reactivada",
    "user.password_reset": "Contraseña restablecida",
    "user.password_changed": "Contraseña cambiada",
    "user.password_recovered": "Contraseña restablecida con el enlace enviado por correo",
    "user.welcome_link_sent": "Enlace de bienvenida enviado para crear la contraseña",
    "reviewer_portfolio.updated": "Municipios asignados al revisor cambiados",
    "notification_preferences.updated": "Preferencias de avisos cambiadas",
  }),
  ...about("notification", {
    "notification.read": "Avisos marcados como leídos",
  }),
  ...about("announcement", {
    "announcement.sent": "Aviso enviado a los enlaces",
    "announcement.read": "Aviso a los enlaces leído",
  }),
  ...about("calendar_feed", {
    "calendar_feed.created": "Calendario personal activado",
    "calendar_feed.rotated": "Enlace del calendario personal renovado",
    "calendar_feed.revoked": "Calendario personal desactivado",
  }),
  ...about("api_token", {
    "api_token.created": "Token de API creado",
    "api_token.revoked": "Token de API revocado",
    "api_token.used": "Escritura con un token de API",
  }),
  ...about("mail", {
    "mail.retried": "Reenvío de un correo solicitado",
  }),
  ...about("institution", {
    "institution.updated": "Datos de la institución modificados",
    "institution.logo_set": "Logotipo de la institución cambiado",
    "institution.logo_removed": "Logotipo de la institución quitado",
  }),
  ...about("model_version", {
    "model.draft_created": "Borrador del modelo creado",
    "model.draft_saved": "Borrador del modelo guardado",
    "model.published": "Versión del modelo publicada",
    "model.draft_discarded": "Borrador del modelo descartado",
  }),
  ...about("agreement", {
    "agreement.registered": "Convenio registrado",
    "agreement.corrected": "Convenio corregido",
    "agreement.document_attached": "Convenio firmado adjuntado",
    "agreement.changed": "Convenio renovado, ratificado, suspendido, reanudado o terminado",
    "agreement.change_document_attached":
      "Documento de la renovación o ratificación del convenio adjuntado",
    "agreement.model_moved": "Municipio movido a otra versión del modelo",
  }),
  ...about("administration", {
    "administration.recorded": "Nueva administración municipal registrada",
    "handover.printed": "Acta de entrega-recepción del MRTM generada",
  }),
  ...about("liaison_designation", {
    "liaison.designated": "Enlace designado",
    "liaison.letter_attached": "Oficio de designación adjuntado",
  }),
  ...about("document", {
    "document.downloaded": "Convenio, oficio o minuta descargado",
  }),
  ...about("diagnostic", {
    "diagnostic.saved": "Diagnóstico inicial guardado",
    "diagnostic.submitted": "Diagnóstico inicial enviado",
    "diagnostic.round_started": "Diagnóstico respondido de nuevo (nueva administración)",
  }),
  ...about("evidence", {
    "evidence.uploaded": "Evidencia subida",
    "evidence.downloaded": "Evidencia descargada",
    "evidence.deleted": "Borrador de evidencia eliminado",
    "evidence.withdrawn": "Documento retirado de publicación",
    "evidence.public_changed": "Publicación de un documento cambiada en la revisión",
  }),
  ...about("tool_instance", {
    "tool_instance.submitted": "Herramienta enviada a revisión",
    "tool_instance.validated": "Herramienta validada",
    "tool_instance.changes_requested": "Herramienta devuelta con observaciones",
    "tool_instance.deadline_set": "Plazo del proyecto definido",
  }),
  ...about("deadline_extension", {
    "extension.requested": "Prórroga solicitada",
    "extension.approved": "Prórroga aprobada",
    "extension.refused": "Prórroga rechazada",
  }),
  ...about("tool_exemption", {
    "exemption.granted": "Herramienta declarada exenta (no aplica al municipio)",
    "exemption.lifted": "Exención de una herramienta levantada",
  }),
  ...about("observation", {
    "observation.answered": "Observación respondida",
  }),
  ...about("report_card", {
    "report_card.issued": "Cédula de avance emitida",
    "report_card.downloaded": "Cédula de avance descargada en PDF",
  }),
  ...about("report_card_batch", {
    "report_card_batch.started": "Emisión de cédulas en lote iniciada",
    "report_card_batch.finished": "Emisión de cédulas en lote terminada",
    "report_card_batch.downloaded": "Cédulas de un lote descargadas en ZIP",
  }),
  ...about("report", {
    "report.regional_downloaded": "Reporte regional descargado",
    "report.gap_matrix_downloaded": "Matriz de brechas descargada",
  }),
  ...about("support_action", {
    "support_action.created": "Acción de acompañamiento programada",
    "support_action.updated": "Acción de acompañamiento modificada",
    "support_action.rescheduled": "Acción de acompañamiento reprogramada",
    "support_action.cancelled": "Acción de acompañamiento cancelada",
    "support_action.held": "Acción de acompañamiento realizada",
    "support_action.minutes_saved": "Minuta de la acción guardada",
    "support_action.minutes_attached": "Minuta firmada adjuntada",
    "support_action.attendee_added": "Asistente de la acción registrado",
    "support_action.attendee_removed": "Asistente de la acción quitado",
  }),
  ...about("commitment", {
    "commitment.created": "Acuerdo registrado",
    "commitment.closed": "Acuerdo cumplido",
    "commitment.cancelled": "Acuerdo cancelado",
    "commitment.reopened": "Acuerdo reabierto",
  }),
  ...about("survey", {
    "survey.opened": "Encuesta de satisfacción abierta",
    "survey.closed": "Encuesta de satisfacción cerrada y su evidencia generada",
  }),
  ...about("survey_response", {
    "survey.comment_hidden": "Comentario de una encuesta ocultado de la vista pública",
    "survey.comment_shown": "Comentario de una encuesta mostrado de nuevo",
  }),
  ...about("project_card", {
    "project_card.created": "Ficha de proyecto registrada",
    "project_card.updated": "Ficha de proyecto modificada",
    "project_card.downloaded": "Ficha de proyecto descargada en PDF",
  }),
  ...about("report", {
    "improvement_plan.downloaded": "Plan de mejora descargado en PDF",
  }),
  ...about("improvement_action", {
    "improvement_action.created": "Acción del plan de mejora registrada",
    "improvement_action.updated": "Acción del plan de mejora modificada",
    "improvement_action.evidence_attached":
      "Evidencia de cumplimiento de una acción de mejora adjuntada",
  }),
  ...about("indicator_adoption", {
    "indicator_battery.adopted": "Batería de indicadores adoptada con sus metas",
  }),
  ...about("indicator_report", {
    "indicator_report.saved": "Valores de indicadores de un periodo guardados",
    "indicator_report.submitted": "Reporte de indicadores de un periodo enviado",
    "indicator_report.imported":
      "Valores de indicadores de un periodo importados de una hoja de cálculo",
    "indicator_report.corrected": "Valores de un periodo de indicadores ya enviado corregidos",
  }),
  ...about("document_draft", {
    "document_draft.saved": "Borrador de documento guardado",
    "document_draft.commented": "Comentario en una sección de un borrador",
    "document_draft.exported": "Borrador de documento exportado para su aprobación",
  }),
  ...about("training_session", {
    "training.recorded": "Capacitación impartida registrada",
    "training.removed": "Capacitación quitada del registro",
    "training.corrected": "Capacitación del registro corregida",
  }),
  ...about("consultation", {
    "consultation.opened": "Consulta pública del informe abierta",
    "consultation.closed": "Consulta pública del informe cerrada",
  }),
  ...about("consultation_comment", {
    "consultation.commented": "Comentario ciudadano recibido en la consulta",
    "consultation.comment_moderated": "Comentario ciudadano moderado",
  }),
  ...about("tool_instance", {
    "tool_instance.state_imported": "Estado histórico de la herramienta importado",
  }),
  ...about("xlsx_import", {
    "xlsx_import.applied": "Libro XLSX importado",
  }),
} satisfies Record<string, AuditEventSpec>;

/** Every action the audit trail records, in the catalogue's order. */
export type AuditAction = keyof typeof AUDIT_EVENTS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_EVENTS) as [AuditAction, ...AuditAction[]];

/**
 * What the before/after snapshots of an event hold, for the events whose snapshots are typed:
 * `recordAudit` checks its call against this. An action not listed here (yet) takes any JSON;
 * its fields still read through `AUDIT_FIELDS`. Dates are `aaaa-mm-dd`, moments ISO 8601.
 */
export interface AuditPayloads {
  "tool_instance.state_imported": {
    before: ImportedStateSnapshot;
    after: ImportedStateSnapshot & { tool: string; part: string | null; cycle: number };
  };
  "xlsx_import.applied": {
    before?: null;
    after: {
      fileName: string;
      sha256: string;
      created: number;
      updated: number;
      unchanged: number;
    };
  };
  "survey.opened": {
    before?: null;
    after: { toolInstance: string; cycle: number; questions: number; ownQuestions: number };
  };
  "survey.closed": {
    before: { status: "open" };
    after: {
      status: "closed";
      responses: number;
      satisfactionIndex: number | null;
      answersSha256: string;
      evidence: number;
    };
  };
  "survey.comment_hidden": { before: { hidden: boolean }; after: { hidden: boolean } };
  "survey.comment_shown": { before: { hidden: boolean }; after: { hidden: boolean } };
  "indicator_battery.adopted": { before: AdoptionSnapshot | null; after: AdoptionSnapshot };
  "indicator_report.saved": {
    before?: null;
    after: { period: string; values: Record<string, number>; revision: number };
  };
  "indicator_report.submitted": {
    before: { status: IndicatorReportStatus };
    after: {
      period: string;
      status: IndicatorReportStatus;
      late: boolean;
      values: Record<string, number>;
    };
  };
  "indicator_report.imported": {
    before: { values: Record<string, number> };
    after: { period: string; values: Record<string, number>; revision: number; rows: number };
  };
  "indicator_report.corrected": {
    before: { values: Record<string, number> };
    after: { period: string; values: Record<string, number>; reason: string };
  };
  "auth.login": NoSnapshot;
  "auth.logout": NoSnapshot;
  "auth.login_failed": { before?: null; after: { reason: string } };
  "auth.locked": { before?: null; after: { failures: number; minutes: number } };
  "auth.login_refused": { before?: null; after: { reason: string; lockedUntil: string } };
  "user.created": { before?: null; after: AccountSnapshot };
  "user.updated": { before: AccountSnapshot; after: AccountSnapshot };
  "user.role_changed": { before: AccountSnapshot; after: AccountSnapshot };
  "user.deactivated": { before: AccountSnapshot; after: AccountSnapshot };
  "user.reactivated": { before: AccountSnapshot; after: AccountSnapshot };
  "user.password_reset": NoSnapshot;
  "user.password_changed": NoSnapshot;
  "user.password_recovered": NoSnapshot;
  /** A new account's single-use link to set its password; who asked for the account. */
  "user.welcome_link_sent": { before?: null; after: { expiresAt: string; invitedBy: string } };
  "reviewer_portfolio.updated": { before: ReviewerPortfolio; after: ReviewerPortfolio };
  /** What the request did, never told to the requester (`sent` means a link was e-mailed). */
  "auth.password_reset_requested": { before?: null; after: { outcome: ResetRequestOutcome } };
  "notification.read": {
    before?: null;
    /** One notification (its kind and title) or «marcar todas» (`all`), with how many were. */
    after:
      | { count: 1; all: false; kind: NotificationKind; title: string }
      | { count: number; all: true };
  };
  "announcement.sent": {
    before?: null;
    after: {
      title: string;
      audience: AnnouncementAudience;
      cohort: string | null;
      municipalities: string[];
      recipients: number;
    };
  };
  "announcement.read": { before: { readAt: null }; after: { readAt: string } };
  "calendar_feed.created": { before?: null; after: { createdAt: string } };
  "calendar_feed.rotated": { before: { createdAt: string }; after: { createdAt: string } };
  "calendar_feed.revoked": { before: { createdAt: string }; after?: { reason: string } | null };
  "api_token.created": {
    before?: null;
    after: { name: string; scope: ApiTokenScope; expiresAt: string };
  };
  "api_token.revoked": {
    before: { name: string; scope: ApiTokenScope };
    after: { reason: ApiTokenRevocationReason };
  };
  "api_token.used": {
    before?: null;
    after: { name: string; method: string; route: string; status: number };
  };
  "agreement.registered": {
    before?: null;
    after: { signedOn: LocalDate; cohort: string | null; modelVersion: number | null };
  };
  "agreement.corrected": {
    before: { signedOn: LocalDate; cohort: string };
    after: { signedOn: LocalDate; cohort: string; reason: string };
  };
  "agreement.document_attached": DocumentAttached;
  "agreement.changed": {
    before: { participation: ParticipationStatus; since: LocalDate };
    after: {
      change: AgreementChangeKind;
      effectiveOn: LocalDate;
      validUntil: LocalDate | null;
      reason: string;
      participation: ParticipationStatus;
      since: LocalDate;
    };
  };
  "agreement.change_document_attached": DocumentAttached & { after: { changeId: string } };
  "agreement.model_moved": {
    before: { modelVersion: number };
    after: {
      modelVersion: number;
      movedOn: LocalDate;
      kept: string[];
      added: string[];
      archived: string[];
      redated: string[];
    };
  };
  "administration.recorded": {
    before: { startsOn: LocalDate; endsOn: LocalDate; headName: string } | null;
    after: { startsOn: LocalDate; endsOn: LocalDate; headName: string };
  };
  "handover.printed": {
    before?: null;
    after: { asOf: LocalDate; tools: number; openObservations: number };
  };
  "liaison.letter_attached": DocumentAttached;
  "liaison.designated": {
    before: { userId: string; designatedOn: LocalDate } | null;
    after: { userId: string; email: string; designatedOn: LocalDate; previousDeactivated: boolean };
  };
  "diagnostic.saved": { before: { answered: number }; after: { answered: number } };
  "diagnostic.submitted": {
    before?: null;
    after: { claimed: number; pending: number; shown: number };
  };
  "diagnostic.round_started": {
    before: { round: number; answered: number };
    after: { round: number };
  };
  "evidence.uploaded": {
    before: { state: ToolState };
    after: {
      toolInstance: string;
      version: number;
      fileName: string;
      sha256: string;
      size: number;
      mime: string;
      isPublic: boolean;
      state: ToolState;
    };
  };
  "evidence.downloaded": { before?: null; after: { fileName: string; isPublic: boolean } };
  "tool_instance.submitted": {
    before: { state: ToolState };
    after: { state: ToolState; evidence: number };
  };
  "tool_instance.changes_requested": ToolReviewed;
  "tool_instance.deadline_set": {
    before: { deadline: LocalDate | null };
    /** Null when no project card is left to give the tool a deadline. */
    after: { deadline: LocalDate | null };
  };
  "extension.requested": {
    before: { deadline: LocalDate };
    after: { toolInstance: string; requestedOn: LocalDate; reason: string };
  };
  "extension.approved": {
    before: { status: "pending"; deadline: LocalDate | null };
    after: {
      status: "approved";
      requestedOn: LocalDate;
      grantedOn: LocalDate;
      deadline: LocalDate | null;
      reason: string | null;
    };
  };
  "extension.refused": {
    before: { status: "pending"; deadline: LocalDate | null };
    after: { status: "refused"; requestedOn: LocalDate; reason: string };
  };
  "exemption.granted": { before?: null; after: { tool: string; reason: string } };
  "exemption.lifted": {
    before: { tool: string; reason: string };
    after: { tool: string; reason: string };
  };
  "project_card.created": { before?: null; after: ProjectCardSnapshot };
  "project_card.updated": { before: ProjectCardSnapshot; after: ProjectCardSnapshot };
  "observation.answered": { before: { answer: string | null }; after: { answer: string } };
  "report_card.issued": {
    before?: null;
    after: {
      code: string;
      sha256: string;
      index: number | null;
      asOf: LocalDate;
      /** The batch that issued it, when issued in one. */
      batch?: string;
    };
  };
  "report_card_batch.started": {
    before?: null;
    after: {
      scope: ReportCardBatchScope;
      cohort: string | null;
      total: number;
      skipped: number;
    };
  };
  "report_card_batch.finished": {
    before: { status: "running" };
    after: { status: "done" | "failed"; issued: number; skipped: number; failed: number };
  };
  "report_card_batch.downloaded": {
    before?: null;
    after: { format: "zip"; cards: number };
  };
  "report_card.downloaded": {
    before?: null;
    after: { code: string; asOf: LocalDate; format: "pdf" };
  };
  "report.regional_downloaded": {
    before?: null;
    after: { format: "xlsx" | "csv"; asOf: LocalDate; municipalities: number };
  };
  "report.gap_matrix_downloaded": {
    before?: null;
    after: {
      format: "xlsx";
      asOf: LocalDate;
      municipalities: number;
      cohort?: string;
      dimension?: string;
      state?: ToolState;
      overdue?: boolean;
    };
  };
  "commitment.created": {
    before?: null;
    after: {
      actionId: string;
      description: string;
      ownerUserId: string | null;
      ownerName: string | null;
      dueOn: LocalDate;
    };
  };
  "document_draft.saved": {
    before: { revision: number } | null;
    after: {
      toolInstance: string;
      revision: number;
      percent: number;
      sections: string[];
      state: ToolState;
    };
  };
  "document_draft.commented": {
    before?: null;
    after: { toolInstance: string; sectionKey: string; length: number };
  };
  "document_draft.exported": {
    before?: null;
    after: { toolInstance: string; revision: number; format: "docx" | "pdf" };
  };
  "training.recorded": { before?: null; after: TrainingSnapshot };
  "training.removed": { before: TrainingSnapshot; after?: null };
  "training.corrected": { before: TrainingSnapshot; after: TrainingSnapshot };
  "consultation.opened": {
    before?: null;
    after: { toolInstance: string; cycle: number; revision: number };
  };
  "consultation.closed": {
    before?: null;
    after: { toolInstance: string; comments: number; published: number };
  };
  "consultation.commented": {
    before?: null;
    after: { consultation: string; sectionKey: string | null; length: number };
  };
  "consultation.comment_moderated": {
    before: { status: string; answer: string };
    after: { status: string; answer: string };
  };
  "commitment.closed": CommitmentFollowedUp;
  "commitment.cancelled": CommitmentFollowedUp;
  "commitment.reopened": CommitmentFollowedUp;
}

type ProjectCardSnapshot = {
  title: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  status: ProjectCardStatus;
  progress: number;
  budgetAmount: number;
  activities: number;
};
type NoSnapshot = { before?: null; after?: null };
type TrainingSnapshot = {
  toolInstance: string;
  heldOn: LocalDate;
  topic: string;
  hours: number;
  audience: string;
  peopleTrained: number;
};
type ImportedStateSnapshot = {
  state: ToolState;
  submittedOn: LocalDate | null;
  validatedOn: LocalDate | null;
};
type AdoptionSnapshot = {
  startYear: number;
  revision: number;
  /** The target of each indicator, null for one that does not apply. */
  targets: Record<string, number | null>;
  excluded: string[];
};
type ReviewerPortfolio = { municipalities: string[]; notifyUnassigned: boolean };
type AccountSnapshot = {
  email: string;
  name: string;
  role: string;
  municipality: string | null;
  active: boolean;
};
type DocumentAttached = {
  before: { documentId: string | null };
  after: { documentId: string; fileName: string; sha256: string; size: number };
};
type ToolReviewed = {
  before: { state: ToolState; version: number };
  after: {
    state: ToolState;
    version: number;
    observations: number;
    criteria: readonly { code: string; result: number }[];
  };
};
type CommitmentFollowedUp = {
  before: { status: string; closingNote: string | null };
  after: { status: string; note: string | null | undefined; on: LocalDate };
};

/** The snapshots an action's event takes: typed when listed in `AuditPayloads`. */
export type AuditPayloadOf<A extends AuditAction> = A extends keyof AuditPayloads
  ? AuditPayloads[A]
  : { before?: unknown; after?: unknown };

/** The entity type an action is recorded with. */
export type AuditEntityOf<A extends AuditAction> = (typeof AUDIT_EVENTS)[A]["entity"];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = Object.fromEntries(
  AUDIT_ACTIONS.map((action) => [action, AUDIT_EVENTS[action].label]),
) as Record<AuditAction, string>;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_EVENTS, value);
}

export function isAuditEntityType(value: string): value is AuditEntityType {
  return Object.hasOwn(AUDIT_ENTITY_LABELS, value);
}

/**
 * The Spanish name of a stored action. An action the catalogue does not know (an event imported
 * from another installation) is still named readably, with its key in quotes.
 */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : `Otro evento («${action}»)`;
}

export function auditEntityLabel(entityType: string): string {
  return isAuditEntityType(entityType)
    ? AUDIT_ENTITY_LABELS[entityType]
    : `Otro registro («${entityType}»)`;
}

/**
 * The actions whose Spanish name contains the text (accents and case ignored), so that searching
 * the Bitácora for «convenio» finds the agreement events. Empty text matches none.
 */
export function auditActionsNamed(text: string): AuditAction[] {
  const wanted = foldForSearch(text);
  if (wanted === "") {
    return [];
  }
  return AUDIT_ACTIONS.filter((action) =>
    foldForSearch(AUDIT_ACTION_LABELS[action]).includes(wanted),
  );
}

// ---------------------------------------------------------------------------------------------
// The fields of the before/after snapshots

/**
 * How a value of a snapshot reads: `text` as it is; `date` a calendar date (aaaa-mm-dd) and
 * `instant` a moment (ISO 8601), both shown in Mexico City; `boolean` Sí/No; `bytes` a size;
 * `list` the items joined; `municipality` a CVEGEO shown with its name; `code` an identifier or
 * hash (shown as is); `labelled` through the field's `values`; `criteria` a review's results per
 * criterion; `baseline` entries «CVEGEO/herramienta: estado»; `fields` names of other fields.
 */
export const AUDIT_FIELD_KINDS = [
  "text",
  "number",
  "boolean",
  "date",
  "instant",
  "bytes",
  "list",
  "municipality",
  "municipalities",
  "code",
  "labelled",
  "criteria",
  "baseline",
  "fields",
] as const;
export type AuditFieldKind = (typeof AUDIT_FIELD_KINDS)[number];

export interface AuditField {
  label: string;
  kind: AuditFieldKind;
  /** For `labelled` fields: the Spanish name of each stored value. */
  values?: Readonly<Record<string, string>>;
}

const text = (label: string): AuditField => ({ label, kind: "text" });
const number = (label: string): AuditField => ({ label, kind: "number" });
const code = (label: string): AuditField => ({ label, kind: "code" });
const labelled = (label: string, values: Readonly<Record<string, string>>): AuditField => ({
  label,
  kind: "labelled",
  values,
});

/** The fields the snapshots of any event use, by key. */
export const AUDIT_FIELDS: Readonly<Record<string, AuditField>> = {
  // Accounts
  email: text("Correo electrónico"),
  name: text("Nombre"),
  role: labelled("Rol", ROLE_LABELS),
  municipality: { label: "Municipio", kind: "municipality" },
  active: { label: "Activa", kind: "boolean" },
  reason: text("Motivo"),
  failures: number("Intentos fallidos"),
  outcome: labelled("Resultado", RESET_REQUEST_OUTCOME_LABELS),
  userId: code("Cuenta (identificador)"),
  invitedBy: text("Creada por"),
  notifyUnassigned: { label: "Avisos de envíos de municipios no asignados", kind: "boolean" },
  // Institution
  shortName: text("Nombre corto"),
  unitName: text("Unidad responsable"),
  stateName: text("Entidad federativa"),
  logo: text("Logotipo"),
  mime: text("Tipo de archivo"),
  bytes: { label: "Tamaño", kind: "bytes" },
  // Model
  label: text("Nombre de la versión"),
  basedOn: number("Basado en la versión"),
  revision: number("Revisión"),
  version: number("Versión"),
  counts: text("Contenido"),
  dimensions: number("Dimensiones"),
  tools: { label: "Herramientas", kind: "list" },
  deliverables: number("Entregables"),
  seeded: { label: "Cargada al instalar", kind: "boolean" },
  // Agreements and liaisons
  signedOn: { label: "Fecha de firma", kind: "date" },
  cohort: text("Grupo"),
  modelVersion: number("Versión del modelo"),
  designatedOn: { label: "Fecha de designación", kind: "date" },
  previousDeactivated: { label: "Enlace anterior desactivado", kind: "boolean" },
  documentId: code("Documento (identificador)"),
  kind: labelled("Documento", {
    agreement: "Convenio",
    designation_letter: "Oficio de designación",
    minutes: "Minuta",
    improvement_evidence: "Evidencia de una acción de mejora",
    agreement_change: "Renovación o ratificación del convenio",
  }),
  // Tools, evidence and reviews
  state: labelled("Estado", TOOL_STATE_LABELS),
  tool: text("Herramienta"),
  cycle: number("Ciclo"),
  deadline: { label: "Plazo", kind: "date" },
  toolInstance: code("Herramienta del municipio (identificador)"),
  evidence: number("Evidencias"),
  observations: number("Observaciones"),
  criteria: { label: "Criterios", kind: "criteria" },
  type: labelled("Tipo", OBSERVATION_TYPE_LABELS),
  answer: text("Respuesta"),
  answered: number("Herramientas respondidas"),
  claimed: number("Herramientas con las que ya cuenta"),
  pending: number("Herramientas pendientes de elaboración"),
  shown: number("Herramientas mostradas sin preguntar (convenio, validadas o en revisión)"),
  publication: labelled("Publicación", PUBLICATION_LABELS),
  lockedUntil: { label: "Bloqueada hasta", kind: "instant" },
  fileName: text("Archivo"),
  sha256: code("Huella SHA-256"),
  size: { label: "Tamaño", kind: "bytes" },
  isPublic: { label: "Público", kind: "boolean" },
  // Report cards and reports
  code: code("Código de verificación"),
  index: number("Índice de implementación"),
  asOf: { label: "Con datos al", kind: "date" },
  format: labelled("Formato", { pdf: "PDF", xlsx: "XLSX", csv: "CSV" }),
  // Calendar and mail
  createdAt: { label: "Creado", kind: "instant" },
  attempts: number("Intentos"),
  // Support actions and commitments
  title: text("Título"),
  startsAt: { label: "Fecha y hora", kind: "instant" },
  durationMinutes: number("Duración (minutos)"),
  modality: labelled("Modalidad", MODALITY_LABELS),
  place: text("Lugar"),
  link: text("Enlace de la reunión"),
  facilitatorIds: { label: "Facilitadores (identificadores)", kind: "list" },
  invited: { label: "Municipios invitados", kind: "municipalities" },
  changed: { label: "Campos cambiados", kind: "fields" },
  heldOn: { label: "Fecha de realización", kind: "date" },
  baseline: { label: "Estado de las herramientas al realizarse", kind: "baseline" },
  minutes: text("Minuta"),
  attendeeId: code("Asistente (identificador)"),
  position: text("Cargo"),
  actionId: code("Acción de acompañamiento (identificador)"),
  description: text("Descripción"),
  ownerUserId: code("Responsable (identificador)"),
  ownerName: text("Responsable"),
  dueOn: { label: "Fecha compromiso", kind: "date" },
  note: text("Nota"),
  on: { label: "Fecha", kind: "date" },
  closingNote: text("Nota de cierre"),
};

/** Fields whose meaning depends on what the event is about. */
const ENTITY_FIELDS: Partial<Record<AuditEntityType, Readonly<Record<string, AuditField>>>> = {
  user: {
    ...Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [
        kind,
        { label: `Aviso por correo: ${NOTIFICATION_KIND_LABELS[kind]}`, kind: "boolean" },
      ]),
    ),
    municipalities: { label: "Municipios asignados", kind: "municipalities" },
    expiresAt: { label: "El enlace vence", kind: "instant" },
  },
  login: {
    minutes: number("Minutos de bloqueo"),
    reason: labelled("Motivo", {
      unknown_email: "Correo no registrado",
      wrong_password: "Contraseña incorrecta",
      inactive: "Cuenta desactivada",
    }),
  },
  support_action: {
    type: labelled("Tipo", SUPPORT_ACTION_TYPE_LABELS),
    status: labelled("Estado", SUPPORT_ACTION_STATUS_LABELS),
    reason: text("Motivo de la cancelación"),
    facilitators: text("Facilitadores"),
  },
  commitment: { status: labelled("Estado", COMMITMENT_STATUS_LABELS) },
  project_card: {
    status: labelled("Estado", PROJECT_CARD_STATUS_LABELS),
    progress: number("Avance (%)"),
    startsOn: { label: "Fecha de inicio", kind: "date" },
    endsOn: { label: "Fecha de término", kind: "date" },
    budgetAmount: number("Presupuesto (pesos)"),
    activities: number("Actividades"),
  },
  mail: {
    status: labelled("Estado", MAIL_STATUS_LABELS),
  },
  tool_instance: {
    reason: labelled("Motivo", { agreement_registered: "Convenio registrado" }),
  },
  agreement: {
    reason: text("Motivo"),
    change: labelled("Cambio", AGREEMENT_CHANGE_LABELS),
    effectiveOn: { label: "Fecha del cambio", kind: "date" },
    validUntil: { label: "Vigente hasta", kind: "date" },
    participation: labelled("Participación", PARTICIPATION_LABELS),
    since: { label: "Desde", kind: "date" },
    changeId: code("Cambio del convenio (identificador)"),
    modelVersion: number("Versión del modelo"),
    movedOn: { label: "Fecha del cambio de versión", kind: "date" },
    kept: { label: "Herramientas que se conservan", kind: "list" },
    added: { label: "Herramientas nuevas", kind: "list" },
    archived: { label: "Herramientas archivadas", kind: "list" },
    redated: { label: "Plazos recalculados", kind: "list" },
  },
  notification: {
    kind: labelled("Aviso", NOTIFICATION_KIND_LABELS),
    count: number("Avisos marcados"),
    all: { label: "Todos los pendientes", kind: "boolean" },
  },
  report: {
    municipalities: number("Municipios incluidos"),
    dimension: text("Dimensión"),
    state: labelled("Con alguna herramienta en estado", TOOL_STATE_LABELS),
    overdue: { label: "Con herramientas vencidas", kind: "boolean" },
  },
  model_version: { version: number("Versión publicada") },
  survey: {
    status: labelled("Estado", SURVEY_STATUS_LABELS),
    questions: number("Preguntas"),
    ownQuestions: number("Preguntas propias del municipio"),
    responses: number("Respuestas"),
    satisfactionIndex: number("Índice de satisfacción"),
    answersSha256: code("Huella SHA-256 de las respuestas"),
    evidence: number("Documentos de evidencia generados"),
  },
  survey_response: { hidden: { label: "Comentario oculto", kind: "boolean" } },
  tool_exemption: { reason: text("Motivo") },
  administration: {
    startsOn: { label: "Inicio del periodo", kind: "date" },
    endsOn: { label: "Fin del periodo", kind: "date" },
    headName: text("Presidencia municipal"),
    tools: number("Herramientas"),
    openObservations: number("Observaciones abiertas"),
  },
  report_card: { batch: code("Lote (identificador)") },
  report_card_batch: {
    scope: labelled("Municipios", REPORT_CARD_BATCH_SCOPE_LABELS),
    cohort: text("Cohorte"),
    status: labelled("Estado", REPORT_CARD_BATCH_STATUS_LABELS),
    total: number("Cédulas por emitir"),
    issued: number("Cédulas emitidas"),
    skipped: number("Municipios omitidos"),
    failed: number("Cédulas que no se pudieron emitir"),
    cards: number("Cédulas en el archivo"),
    format: labelled("Formato", { zip: "ZIP" }),
  },
  announcement: {
    audience: labelled("Destinatarios", ANNOUNCEMENT_AUDIENCE_LABELS),
    cohort: text("Cohorte"),
    municipalities: { label: "Municipios elegidos", kind: "municipalities" },
    recipients: number("Enlaces a los que se envió"),
    readAt: { label: "Leído", kind: "instant" },
  },
  deadline_extension: {
    status: labelled("Estado", EXTENSION_STATUS_LABELS),
    requestedOn: { label: "Fecha solicitada", kind: "date" },
    grantedOn: { label: "Fecha concedida", kind: "date" },
    deadline: { label: "Plazo vigente", kind: "date" },
    reason: text("Motivo"),
  },
  indicator_adoption: {
    startYear: number("Primer año de reporte"),
    targets: text("Metas por indicador"),
    excluded: { label: "Indicadores que no aplican", kind: "list" },
  },
  indicator_report: {
    period: text("Periodo"),
    status: labelled("Estado", INDICATOR_REPORT_STATUS_LABELS),
    late: { label: "Enviado con atraso", kind: "boolean" },
    values: text("Valores"),
    rows: number("Filas de la hoja con cambios"),
    reason: text("Motivo de la corrección"),
  },
  api_token: {
    name: text("Nombre del token"),
    scope: labelled("Alcance", API_TOKEN_SCOPE_LABELS),
    expiresAt: { label: "Vence", kind: "instant" },
    reason: labelled("Motivo", API_TOKEN_REVOCATION_LABELS),
    method: text("Método HTTP"),
    route: text("Ruta"),
    status: number("Respuesta (código HTTP)"),
  },
};

/**
 * How a key of an event's snapshot reads. A key the catalogue does not know still reads as
 * words: `closingNote` or `closing_note` → «Closing note».
 */
export function auditField(entityType: string, key: string): AuditField {
  return knownAuditField(entityType, key) ?? { label: wordsOf(key), kind: "text" };
}

/** The catalogue's entry for a key of a snapshot, if it has one. */
export function knownAuditField(entityType: string, key: string): AuditField | null {
  const byEntity = isAuditEntityType(entityType) ? ENTITY_FIELDS[entityType] : undefined;
  if (byEntity && Object.hasOwn(byEntity, key)) {
    return byEntity[key] as AuditField;
  }
  if (Object.hasOwn(AUDIT_FIELDS, key)) {
    return AUDIT_FIELDS[key] as AuditField;
  }
  return null;
}

function wordsOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.-]+/g, " ")
    .trim()
    .toLowerCase();
  return words === "" ? key : words.charAt(0).toUpperCase() + words.slice(1);
}

/** «Sí» / «No». */
export function yesNo(value: boolean): string {
  return value ? "Sí" : "No";
}
