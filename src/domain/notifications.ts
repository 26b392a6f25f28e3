/** What a user can be notified of. Each kind can be delivered in the app and, by choice, by e-mail. */
export const NOTIFICATION_KINDS = [
  "observations_received",
  "tool_validated",
  "submission_received",
  "deadline_approaching",
  "overdue_digest",
  "support_action_invitation",
  "commitment_due",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  observations_received: "Observaciones recibidas",
  tool_validated: "Herramienta validada",
  submission_received: "Nuevo envío a revisión",
  deadline_approaching: "Plazo próximo a vencer (30, 7 y 1 días)",
  overdue_digest: "Resumen semanal de herramientas vencidas",
  support_action_invitation: "Invitación a una acción de acompañamiento",
  commitment_due: "Acuerdo próximo a vencer",
};
