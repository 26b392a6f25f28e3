import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { INSTITUTION_TIME_ZONE } from "../../../domain/dates.js";
import {
  MODALITY_LABELS,
  SUPPORT_ACTION_STATUS_LABELS,
  SUPPORT_ACTION_TYPE_LABELS,
  type SupportActionStatus,
} from "../../../domain/support.js";
import type { ActionDetails } from "../../../domain/support-action-edits.js";
import { typedTitle } from "../../../domain/support-actions.js";
import { supportActionPath } from "../notifications/paths.js";
import { vtimezone, zonedDateTime } from "./time-zone.js";

/** A support action with what its calendar event says. */
export interface CalendarAction extends ActionDetails {
  id: string;
  status: SupportActionStatus;
  cancelReason: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  tools: { code: string; name: string }[];
  invited: { cvegeo: string; name: string }[];
  facilitators: string[];
}

export interface CalendarOptions {
  /** The calendar's name, as clients show it. */
  name: string;
  /** The web app's public address (MRTM_PUBLIC_URL), for each event's URL. */
  publicUrl: string;
  /** For a subscribed feed: how often clients should fetch it again. */
  refreshSeconds?: number;
  /** A single downloaded event is published (METHOD:PUBLISH); a feed carries no method. */
  method?: "publish";
  /** The time zone's rules are written for the events' years and this one (± 1). */
  now: Date;
}

export const ICS_MIME = "text/calendar; charset=utf-8";

/**
 * One VEVENT per action, stable across changes: the UID never changes, SEQUENCE is the action's
 * revision (bumped on every edit), and a cancelled action stays in the calendar as
 * STATUS:CANCELLED so subscribed and imported copies update instead of lingering.
 */
export function actionsCalendar(actions: readonly CalendarAction[], options: CalendarOptions) {
  const calendar = ical({
    name: options.name,
    prodId: {
      company: "MRTM",
      product: "Modelo Regional de Transparencia Municipal",
      language: "ES",
    },
  });
  if (options.method === "publish") {
    calendar.method(ICalCalendarMethod.PUBLISH);
  }
  if (options.refreshSeconds) {
    calendar.ttl(options.refreshSeconds);
  }
  calendar.x([{ key: "X-WR-TIMEZONE", value: INSTITUTION_TIME_ZONE }]);
  const years = actions.map((action) => zonedDateTime(action.startsAt, INSTITUTION_TIME_ZONE).year);
  const thisYear = zonedDateTime(options.now, INSTITUTION_TIME_ZONE).year;
  const fromYear = Math.min(thisYear, ...years) - 1;
  const toYear = Math.max(thisYear, ...years) + 1;
  // No calendar-wide zone name: DTSTAMP, CREATED and LAST-MODIFIED must stay in UTC. The events
  // carry TZID=America/Mexico_City and the generator adds that zone's VTIMEZONE.
  calendar.timezone({ name: null, generator: (zone) => vtimezone(zone, fromYear, toYear) });

  for (const action of actions) {
    const url = `${options.publicUrl}${supportActionPath(action.id)}`;
    const end = new Date(action.startsAt.getTime() + action.durationMinutes * 60_000);
    const cancelled = action.status === "cancelled";
    calendar.createEvent({
      id: `support-action-${action.id}@mrtm`,
      sequence: action.revision,
      stamp: action.updatedAt,
      created: action.createdAt,
      lastModified: action.updatedAt,
      timezone: INSTITUTION_TIME_ZONE,
      start: zonedDateTime(action.startsAt, INSTITUTION_TIME_ZONE),
      end: zonedDateTime(end, INSTITUTION_TIME_ZONE),
      summary: `${cancelled ? "CANCELADA: " : ""}${typedTitle(action.type, action.title)}`,
      description: describe(action, url),
      location: action.place ?? action.link ?? null,
      url,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** The event's description: type and modality, tools, invited municipalities, the rest. */
export function describe(action: CalendarAction, url: string): string {
  const lines = [
    `${SUPPORT_ACTION_TYPE_LABELS[action.type]} · ${MODALITY_LABELS[action.modality]}`,
    `Estado: ${SUPPORT_ACTION_STATUS_LABELS[action.status]}${action.status === "cancelled" && action.cancelReason ? ` (${action.cancelReason})` : ""}`,
  ];
  if (action.tools.length > 0) {
    lines.push(`Herramientas: ${action.tools.map((t) => `${t.code} ${t.name}`).join("; ")}`);
  }
  if (action.invited.length > 0) {
    lines.push(`Municipios invitados: ${action.invited.map((m) => m.name).join(", ")}`);
  }
  if (action.facilitators.length > 0) {
    lines.push(`Imparte: ${action.facilitators.join(", ")}`);
  }
  if (action.place) {
    lines.push(`Lugar: ${action.place}`);
  }
  if (action.link) {
    lines.push(`Enlace de conexión: ${action.link}`);
  }
  if (action.description.trim()) {
    lines.push("", action.description.trim());
  }
  lines.push("", `Detalles: ${url}`);
  return lines.join("\n");
}
