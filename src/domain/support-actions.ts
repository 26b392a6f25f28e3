/**
 * The rules of a support action's life: when and where it happens (entered in the institution's
 * time zone), which status changes are allowed, what can still be edited, and how its commitments
 * (acuerdos) are followed up. Plain functions; the server enforces them, the web app explains them.
 */

import { zoneOffsetMs } from "./daily-schedule.js";
import {
  compareDates,
  formatLocalDate,
  INSTITUTION_TIME_ZONE,
  type LocalDate,
  localDateOf,
  parseLocalDate,
  wallClockOf,
} from "./dates.js";
import {
  COMMITMENT_STATUS_LABELS,
  COMMITMENT_STATUSES,
  type CommitmentStatus,
  type Modality,
  SUPPORT_ACTION_TYPE_LABELS,
  type SupportActionStatus,
  type SupportActionType,
} from "./support.js";
import { foldForSearch } from "./text.js";

/** A wall-clock time `HH:MM` (24 h). */
export type LocalTime = string;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLocalTime(value: string): boolean {
  return TIME.test(value);
}

export const MIN_DURATION_MINUTES = 15;
/** Up to a full day: longer programmes are recorded as several actions. */
export const MAX_DURATION_MINUTES = 24 * 60;

/** How far the clock of `timeZone` is ahead of UTC at `instant`, in minutes. */
function offsetMinutes(instant: Date, timeZone: string): number {
  return Math.round(zoneOffsetMs(instant, timeZone) / 60_000);
}

/**
 * The instant at which the clocks of `timeZone` (by default the institution's) show `date` and
 * `time`. Mexico City has kept one offset since 2022; the second pass handles zones (and older
 * dates) with daylight saving time.
 */
export function zonedInstant(
  date: LocalDate,
  time: LocalTime,
  timeZone: string = INSTITUTION_TIME_ZONE,
): Date {
  const { year, month, day } = parseLocalDate(date);
  const match = TIME.exec(time);
  if (!match) {
    throw new RangeError(`Not a time of day: ${time}`);
  }
  const wall = Date.UTC(year, month - 1, day, Number(match[1]), Number(match[2]));
  const first = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  return new Date(wall - offsetMinutes(new Date(first), timeZone) * 60_000);
}

/** The date and time the clocks of `timeZone` show at `instant`. */
export function zonedDateTime(
  instant: Date,
  timeZone: string = INSTITUTION_TIME_ZONE,
): { date: LocalDate; time: LocalTime } {
  const { year, month, day, hour, minute } = wallClockOf(instant, timeZone);
  const twoDigits = (n: number) => String(n).padStart(2, "0");
  return {
    date: formatLocalDate(year, month, day),
    time: `${twoDigits(hour)}:${twoDigits(minute)}`,
  };
}

/** Calendar days added to a date: kept in dates.ts, named here too for this module's users. */
export { addDays } from "./dates.js";

/** An absolute http:// or https:// address (the meeting link of a virtual or hybrid action). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Where the action happens: a place for in-person and hybrid actions, an http(s) link for virtual
 * and hybrid ones. A value that does not apply (a link for an in-person meeting) is refused rather
 * than silently kept, so the invitation never shows stale details.
 */
export function venueProblems(venue: {
  modality: Modality;
  place: string | null;
  link: string | null;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const needsPlace = venue.modality !== "virtual";
  const needsLink = venue.modality !== "in_person";
  const place = venue.place?.trim() ?? "";
  const link = venue.link?.trim() ?? "";
  if (needsPlace && place === "") {
    problems.push({
      field: "place",
      message: "Indique el lugar de una acción presencial o híbrida.",
    });
  }
  if (!needsPlace && place !== "") {
    problems.push({ field: "place", message: "Una acción virtual no lleva lugar." });
  }
  if (needsLink && link === "") {
    problems.push({ field: "link", message: "Indique el enlace de una acción virtual o híbrida." });
  } else if (needsLink && !isHttpUrl(link)) {
    problems.push({
      field: "link",
      message: "El enlace debe ser una dirección http:// o https:// completa.",
    });
  }
  if (!needsLink && link !== "") {
    problems.push({ field: "link", message: "Una acción presencial no lleva enlace." });
  }
  return problems;
}

/** The fields of an action that an editor can change. */
export const ACTION_FIELDS = [
  "type",
  "title",
  "description",
  "startsAt",
  "durationMinutes",
  "modality",
  "place",
  "link",
  "facilitators",
  "tools",
  "invited",
] as const;
export type ActionField = (typeof ACTION_FIELDS)[number];

/**
 * Once held, an action's baseline, attendance and commitments rest on its date, tools and
 * invitations: only its wording, duration and facilitators can still be corrected. A cancelled
 * action is rescheduled (back to planned) before it is edited.
 */
const EDITABLE: Record<SupportActionStatus, readonly ActionField[]> = {
  planned: ACTION_FIELDS,
  held: ["title", "description", "durationMinutes", "facilitators"],
  cancelled: [],
};

/** Why these fields cannot be changed in this status, or null when they can. */
export function editProblem(
  status: SupportActionStatus,
  changed: readonly ActionField[],
): string | null {
  if (status === "cancelled" && changed.length > 0) {
    return "La acción está cancelada: reprográmela para editarla.";
  }
  const refused = changed.filter((field) => !EDITABLE[status].includes(field));
  if (refused.length > 0) {
    return "La acción ya se realizó: solo se corrigen el título, la descripción, la duración y las personas facilitadoras.";
  }
  return null;
}

export function editableFields(status: SupportActionStatus): readonly ActionField[] {
  return EDITABLE[status];
}

/** The shortest reason a cancellation may carry: the invited municipalities read it. */
export const CANCEL_REASON_MIN = 3;

/** A requested status change, with what each one needs. */
export type StatusChange =
  | { to: "held"; heldOn: LocalDate }
  | { to: "cancelled"; reason: string }
  /** Rescheduling a cancelled action: it needs a new start, in the future. */
  | { to: "planned"; startsAt: Date };

/**
 * The status transitions. planned → held (on a date from the planned day up to today) or
 * cancelled (with a reason); cancelled → planned again, only for a new date still to come.
 * A held action stays held: its baseline, attendance and commitments already count.
 */
export function statusChangeProblem(
  action: { status: SupportActionStatus; startsAt: Date },
  change: StatusChange,
  now: Date,
): string | null {
  const today = localDateOf(now);
  if (action.status === "held") {
    return "La acción ya se realizó: no se cancela ni se reprograma.";
  }
  switch (change.to) {
    case "held": {
      if (action.status === "cancelled") {
        return "La acción está cancelada: reprográmela antes de registrarla como realizada.";
      }
      const plannedOn = localDateOf(action.startsAt);
      if (compareDates(change.heldOn, today) > 0) {
        return "La fecha de realización no puede ser futura.";
      }
      if (compareDates(change.heldOn, plannedOn) < 0) {
        return "La fecha de realización no puede ser anterior a la fecha programada: corrija primero la fecha de la acción.";
      }
      return null;
    }
    case "cancelled":
      if (action.status === "cancelled") {
        return "La acción ya está cancelada.";
      }
      return change.reason.trim().length < CANCEL_REASON_MIN
        ? "Indique el motivo de la cancelación."
        : null;
    case "planned":
      if (action.status === "planned") {
        return "La acción ya está programada.";
      }
      return change.startsAt.getTime() <= now.getTime()
        ? "Para reprogramar una acción cancelada, indique una fecha y hora futuras."
        : null;
  }
}

/**
 * Attendance, minutes and commitments belong to an action that took place. `what` names the
 * record in the message ("La asistencia", "El acta", "Los acuerdos").
 */
export function heldOnlyProblem(status: SupportActionStatus, what: string): string | null {
  if (status === "held") {
    return null;
  }
  const plural = what.startsWith("Los ") || what.startsWith("Las ");
  return `${what} ${plural ? "se registran" : "se registra"} cuando la acción se realizó; ${
    status === "cancelled" ? "esta acción está cancelada" : "márquela primero como realizada"
  }.`;
}

/** Who is changing a commitment: institution staff, or the liaison of the municipality that owns it. */
export type CommitmentActor = "staff" | "owner_liaison";

/**
 * A commitment's follow-up: an open one is closed (fulfilled) by staff or by the owning
 * municipality's liaison, or cancelled by staff; staff may reopen a closed or cancelled one.
 * Every change carries a note: what was done, or why.
 */
export function commitmentChangeProblem(
  from: CommitmentStatus,
  to: CommitmentStatus,
  actor: CommitmentActor,
  note: string,
): string | null {
  const refused = commitmentMoveProblem(from, to, actor);
  if (refused) {
    return refused;
  }
  return note.trim() === "" ? COMMITMENT_NOTE_PROBLEMS[to] : null;
}

/** Whether this actor may move a commitment from one status to the other, whatever the note. */
function commitmentMoveProblem(
  from: CommitmentStatus,
  to: CommitmentStatus,
  actor: CommitmentActor,
): string | null {
  if (from === to) {
    return `El acuerdo ya está ${COMMITMENT_STATUS_LABELS[to].toLowerCase()}.`;
  }
  if (actor === "owner_liaison" && !(from === "open" && to === "closed")) {
    return "El municipio solo puede dar por cumplido un acuerdo abierto.";
  }
  return null;
}

const COMMITMENT_NOTE_PROBLEMS: Record<CommitmentStatus, string> = {
  closed: "Describa cómo se cumplió el acuerdo.",
  cancelled: "Indique por qué se cancela el acuerdo.",
  open: "Indique por qué se reabre el acuerdo.",
};

/** A follow-up as a form offers it: the change's name and what its note asks. */
export const COMMITMENT_CHANGE_LABELS: Record<CommitmentStatus, { change: string; note: string }> =
  {
    closed: { change: "Cumplido", note: "Cómo se cumplió" },
    cancelled: { change: "Cancelado", note: "Por qué se cancela" },
    open: { change: "Reabrir", note: "Por qué se reabre" },
  };

/**
 * The statuses this actor may move a commitment to from `from` (commitmentChangeProblem's rule,
 * note aside), in the order of COMMITMENT_STATUSES: what a follow-up form offers.
 */
export function commitmentChanges(
  from: CommitmentStatus,
  actor: CommitmentActor,
): CommitmentStatus[] {
  return COMMITMENT_STATUSES.filter((to) => commitmentMoveProblem(from, to, actor) === null);
}

/** A commitment is due no earlier than the day of the action that agreed it. */
export function commitmentDueProblem(dueOn: LocalDate, heldOn: LocalDate | null): string | null {
  if (heldOn !== null && compareDates(dueOn, heldOn) < 0) {
    return "La fecha compromiso no puede ser anterior a la fecha en que se realizó la acción.";
  }
  return null;
}

/** Overdue is derived: still open after its due date. */
export function isCommitmentOverdue(
  commitment: { status: CommitmentStatus; dueOn: LocalDate },
  today: LocalDate,
): boolean {
  return commitment.status === "open" && compareDates(commitment.dueOn, today) < 0;
}

/** Upcoming: planned and not yet started; past: anything else (held, cancelled, or its time gone). */
export function isUpcoming(action: { status: SupportActionStatus; startsAt: Date }, now: Date) {
  return action.status === "planned" && action.startsAt.getTime() >= now.getTime();
}

/** The title the new-action form proposes for a suggestion. */
export function suggestedTitle(
  type: SupportActionType,
  tools: readonly string[],
  municipalityName?: string,
): string {
  const list = tools.join(", ");
  if (type === "working_meeting") {
    return municipalityName
      ? `Reunión de trabajo con ${municipalityName}: ${list}`
      : `Reunión de trabajo: ${list}`;
  }
  return type === "training" ? `Capacitación: ${list}` : `Asesoría: ${list}`;
}

/**
 * The action's type and title as one line («Capacitación: Datos abiertos»), for calendars. A title
 * that already starts with its type (as the suggested titles do) is not prefixed a second time.
 */
export function typedTitle(type: SupportActionType, title: string): string {
  const label = SUPPORT_ACTION_TYPE_LABELS[type];
  const folded = foldForSearch(title);
  const prefix = foldForSearch(label);
  if (folded === prefix || folded.startsWith(`${prefix} `) || folded.startsWith(`${prefix}:`)) {
    return title;
  }
  return `${label}: ${title}`;
}

/** Whether two attendee names are the same person's, as typed: case, accents and spaces aside. */
export function sameAttendeeName(a: string, b: string): boolean {
  return foldForSearch(a) === foldForSearch(b);
}

/** The refusal to record a person twice in one municipality's attendance of an action. */
export function duplicateAttendeeMessage(recordedName: string, municipalityName: string): string {
  return `${recordedName} ya está en la asistencia de ${municipalityName}.`;
}

/**
 * The warning for a planned action dated before today: it is saved (recording a past action is
 * allowed), but it stays «Programada» until someone marks it held or cancels it.
 */
export function pastPlannedDateWarning(date: LocalDate, today: LocalDate): string | null {
  return compareDates(date, today) < 0
    ? "Esa fecha ya pasó: la acción se guardará como «Programada». Si ya se realizó, márquela después como realizada para registrar su asistencia y su línea base."
    : null;
}
