/**
 * «Mi trabajo»: the page every signed-in person lands on, listing what they have to do, each item
 * linking to where it is done. Liaisons and collaborators see their municipality's tools to send
 * (soonest deadline first, overdue ones before), observations to answer, commitments and
 * improvement actions due, M2 indicator periods to report and M1 surveys to open or close;
 * reviewers their queue, oldest first; admins what keeps the instance running (agreements without
 * a liaison, reviews waiting too long, extensions to decide, mail held in the outbox).
 */
import { labelledCodes } from "./codes.js";
import { compareDates, type LocalDate } from "./dates.js";
import type { SurveyStatus } from "./survey.js";

export const [WORK_ITEM_KINDS, WORK_ITEM_KIND_LABELS] = labelledCodes({
  tool_overdue: "Herramienta vencida",
  tool_due: "Por enviar a revisión",
  observations: "Observaciones por atender",
  commitment_due: "Acuerdo por cumplir",
  improvement_action_due: "Acción del plan de mejora",
  indicator_period_due: "Periodo de indicadores por reportar",
  survey_due: "Encuesta de satisfacción",
  review_waiting: "Por revisar",
  review_delayed: "Revisión con espera larga",
  agreement_without_liaison: "Convenio sin enlace designado",
  extension_to_decide: "Prórroga por decidir",
  mail_held: "Correo retenido en la bandeja de salida",
});
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];

/** The three views of «Mi trabajo», by who asks. */
export const [WORK_VIEWS, WORK_VIEW_LABELS] = labelledCodes({
  municipality: "Pendientes del municipio",
  review: "Cola de revisión",
  admin: "Administración",
});
export type WorkView = (typeof WORK_VIEWS)[number];

/** Days a submission may wait for review before an admin's «Mi trabajo» lists it. */
export const REVIEW_DELAY_DAYS = 10;

/** The tool states a municipality still has to work on (not sent, not validated). */
const OPEN_STATES = new Set(["pending", "in_progress"]);

export interface WorkItem {
  kind: WorkItemKind;
  title: string;
  detail: string;
  /** The deadline, due date or the day the wait began; null when there is none. */
  date: LocalDate | null;
  overdue: boolean;
  /** Where the work is done, a path of the web app. */
  link: string;
}

/** Overdue first, then the nearest date (items without a date last), then by title. */
export function sortWorkItems(items: readonly WorkItem[]): WorkItem[] {
  return [...items].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) ||
      (a.date !== null && b.date !== null ? compareDates(a.date, b.date) : 0) ||
      a.title.localeCompare(b.title, "es"),
  );
}

/** What a municipality's tool instance asks of it today, if anything. */
export function toolWorkKind(
  instance: { state: string; opensOn: LocalDate; overdue: boolean },
  today: LocalDate,
): WorkItemKind | null {
  if (instance.state === "changes_requested") {
    return "observations";
  }
  if (!OPEN_STATES.has(instance.state) || compareDates(instance.opensOn, today) > 0) {
    return null;
  }
  return instance.overdue ? "tool_overdue" : "tool_due";
}

/** Whether an open commitment or improvement action is past its date. */
export function isPastDue(dueOn: LocalDate, today: LocalDate): boolean {
  return compareDates(dueOn, today) < 0;
}

/**
 * What an M1 cycle still open asks of its survey: to open it when there is none, to close it (which
 * adds its report and answers as evidence) while it is open; nothing once closed.
 */
export function surveyWorkDetail(survey: SurveyStatus | null): string | null {
  if (survey === null) {
    return "Abra la encuesta de satisfacción de este ciclo y comparta su enlace.";
  }
  return survey === "open"
    ? "Encuesta abierta: ciérrela antes del plazo para agregar sus resultados como evidencia."
    : null;
}
