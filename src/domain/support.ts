/**
 * Support actions: the working meetings, trainings and advisory sessions the institution plans
 * from the gaps. Plain data and rules; the server and the web app depend on these names.
 */
export const SUPPORT_ACTION_TYPES = ["working_meeting", "training", "advisory"] as const;
export type SupportActionType = (typeof SUPPORT_ACTION_TYPES)[number];
export const SUPPORT_ACTION_TYPE_LABELS: Record<SupportActionType, string> = {
  working_meeting: "Reunión de trabajo",
  training: "Capacitación",
  advisory: "Asesoría",
};

export const MODALITIES = ["in_person", "virtual", "hybrid"] as const;
export type Modality = (typeof MODALITIES)[number];
export const MODALITY_LABELS: Record<Modality, string> = {
  in_person: "Presencial",
  virtual: "Virtual",
  hybrid: "Híbrida",
};

export const SUPPORT_ACTION_STATUSES = ["planned", "held", "cancelled"] as const;
export type SupportActionStatus = (typeof SUPPORT_ACTION_STATUSES)[number];
export const SUPPORT_ACTION_STATUS_LABELS: Record<SupportActionStatus, string> = {
  planned: "Programada",
  held: "Realizada",
  cancelled: "Cancelada",
};

export const COMMITMENT_STATUSES = ["open", "closed", "cancelled"] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = {
  open: "Abierto",
  closed: "Cumplido",
  cancelled: "Cancelado",
};
