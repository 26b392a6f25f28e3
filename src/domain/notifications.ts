import { labelledCodes } from "./codes.js";
import type { Role } from "./roles.js";

/** What a user can be notified of. Each kind can be delivered in the app and, by choice, by e-mail. */
export const [NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS] = labelledCodes({
  observations_received: "Observaciones recibidas",
  tool_validated: "Herramienta validada",
  submission_received: "Nuevo envío a revisión",
  deadline_approaching: "Plazo próximo a vencer (30, 7 y 1 días)",
  overdue_digest: "Resumen semanal de herramientas vencidas",
  support_action_invitation: "Invitación a una acción de acompañamiento",
  commitment_due: "Acuerdo próximo a vencer",
  improvement_action_due: "Acción del plan de mejora próxima a vencer o vencida",
  extension_requested: "Solicitud de prórroga",
  extension_decided: "Prórroga aprobada o rechazada",
  indicator_period_due: "Periodo de indicadores por reportar o atrasado",
  announcement: "Aviso del órgano garante",
});
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A short description of each kind, for the preferences page. */
export const NOTIFICATION_KIND_DESCRIPTIONS: Record<NotificationKind, string> = {
  observations_received:
    "Cuando un revisor devuelve una herramienta del municipio con observaciones.",
  tool_validated: "Cuando un revisor valida una herramienta del municipio.",
  submission_received: "Cuando un municipio envía una herramienta o su diagnóstico a revisión.",
  deadline_approaching: "30, 7 y 1 días antes del plazo de cada herramienta sin validar.",
  overdue_digest: "Cada lunes, la lista de herramientas con el plazo vencido.",
  support_action_invitation:
    "Cuando se le invita a una reunión, capacitación o asesoría, y cuando cambia o se cancela.",
  commitment_due: "Tres días antes del vencimiento de un acuerdo abierto.",
  improvement_action_due:
    "Siete días antes de la fecha compromiso de una acción abierta del plan de mejora, y una vez vencida.",
  extension_requested: "Cuando un municipio pide más tiempo (prórroga) para una herramienta.",
  extension_decided: "Cuando el personal aprueba o rechaza una prórroga que pidió el municipio.",
  indicator_period_due:
    "Siete días antes de la fecha límite de un periodo de indicadores (M2) sin enviar, y cada semana mientras esté atrasado.",
  announcement:
    "Cuando el personal del órgano garante escribe a los enlaces (a todos, a una cohorte o a su municipio).",
};

/** What a municipality's team hears about: its tools, its support actions and its periods. */
const MUNICIPAL_KINDS: readonly NotificationKind[] = [
  "observations_received",
  "tool_validated",
  "deadline_approaching",
  "overdue_digest",
  "support_action_invitation",
  "commitment_due",
  "improvement_action_due",
  "extension_decided",
  "indicator_period_due",
];

/**
 * The kinds each role can receive, in the order the preferences page lists them. Municipal users
 * hear about their own tools; reviewers about submissions (admins keep the model and accounts and
 * see the review queue when they review, so they are not told of each submission); everyone about
 * support actions they take part in, commitments they own and the weekly overdue digest.
 */
export const NOTIFICATION_KINDS_BY_ROLE: Record<Role, readonly NotificationKind[]> = {
  // Only liaisons are sent the institution's announcements.
  liaison: [...MUNICIPAL_KINDS, "announcement"],
  collaborator: MUNICIPAL_KINDS,
  reviewer: [
    "submission_received",
    "extension_requested",
    "overdue_digest",
    "support_action_invitation",
    "commitment_due",
  ],
  admin: ["extension_requested", "overdue_digest", "support_action_invitation", "commitment_due"],
};

/**
 * Whether a person gets a kind by e-mail: what they chose, or yes when they never chose (no row).
 * In the app every notification is always shown.
 */
export function wantsEmail(choice: boolean | null | undefined): boolean {
  return choice ?? true;
}

/** Attempts at delivering one e-mail before it is marked failed. */
export const MAIL_MAX_ATTEMPTS = 5;

/** Waits after the 1st, 2nd, 3rd and 4th failure: 1 min, 5 min, 30 min, 2 h. */
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;

/**
 * What happens to an e-mail after a failed attempt: retried later (exponential-ish backoff) or,
 * after {@link MAIL_MAX_ATTEMPTS} attempts in all, marked failed for an admin to look at.
 */
export function afterMailFailure(
  attemptsSoFar: number,
): { status: "pending"; retryInMs: number } | { status: "failed" } {
  const attempts = attemptsSoFar + 1;
  if (attempts >= MAIL_MAX_ATTEMPTS) {
    return { status: "failed" };
  }
  const delay = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? 0;
  return { status: "pending", retryInMs: delay };
}

export const [MAIL_STATUSES, MAIL_STATUS_LABELS] = labelledCodes({
  pending: "Por enviar",
  sent: "Enviado",
  failed: "Falló",
  held: "Retenido (sin servidor de correo)",
});
export type MailStatus = (typeof MAIL_STATUSES)[number];
