/**
 * Support actions: the working meetings, trainings and advisory sessions the institution plans
 * from the gaps. Plain data and rules; the server and the web app depend on these names.
 */
import { labelledCodes } from "./codes.js";

export const [SUPPORT_ACTION_TYPES, SUPPORT_ACTION_TYPE_LABELS] = labelledCodes({
  working_meeting: "Reunión de trabajo",
  training: "Capacitación",
  advisory: "Asesoría",
});
export type SupportActionType = (typeof SUPPORT_ACTION_TYPES)[number];

export const [MODALITIES, MODALITY_LABELS] = labelledCodes({
  in_person: "Presencial",
  virtual: "Virtual",
  hybrid: "Híbrida",
});
export type Modality = (typeof MODALITIES)[number];

export const [SUPPORT_ACTION_STATUSES, SUPPORT_ACTION_STATUS_LABELS] = labelledCodes({
  planned: "Programada",
  held: "Realizada",
  cancelled: "Cancelada",
});
export type SupportActionStatus = (typeof SUPPORT_ACTION_STATUSES)[number];

export const [COMMITMENT_STATUSES, COMMITMENT_STATUS_LABELS] = labelledCodes({
  open: "Abierto",
  closed: "Cumplido",
  cancelled: "Cancelado",
});
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
