import {
  COMMITMENT_STATUS_LABELS,
  type CommitmentStatus,
  MODALITY_LABELS,
  SUPPORT_ACTION_STATUS_LABELS,
  SUPPORT_ACTION_TYPE_LABELS,
  type SupportActionStatus,
} from "../../../domain/support.js";
import type { Outcome } from "../../../domain/support-effectiveness.js";
import type { BadgeTone } from "../../ui/Badge";
import { formatNumber } from "../../ui/format";

export {
  COMMITMENT_STATUS_LABELS,
  MODALITY_LABELS,
  SUPPORT_ACTION_STATUS_LABELS,
  SUPPORT_ACTION_TYPE_LABELS,
};

export const STATUS_TONES: Record<SupportActionStatus, BadgeTone> = {
  planned: "info",
  held: "success",
  cancelled: "neutral",
};

export const COMMITMENT_TONES: Record<CommitmentStatus, BadgeTone> = {
  open: "warning",
  closed: "success",
  cancelled: "neutral",
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  closed: "Cerrada a tiempo",
  submitted: "Enviada, sin validar a tiempo",
  not_closed: "Sin cerrar",
  window_open: "Ventana abierta",
  already_validated: "Ya estaba validada",
  not_attended: "Nadie asistió",
  not_applicable: "No aplica",
};

export const OUTCOME_TONES: Record<Outcome, BadgeTone> = {
  closed: "success",
  submitted: "warning",
  not_closed: "danger",
  window_open: "info",
  already_validated: "neutral",
  not_attended: "neutral",
  not_applicable: "neutral",
};

/** "2 h", "1 h 30 min", "45 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) {
    return `${rest} min`;
  }
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** A rate (0..1) as "25 %", or "—" when there is none. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${formatNumber(Math.round(rate * 100))} %`;
}

/** `16/11/2022 10:00` from a local date and time (already in Mexico City time). */
export function formatLocalDateTime(date: string, time: string): string {
  const [year, month, day] = date.split("-");
  return `${day}/${month}/${year} ${time}`;
}
