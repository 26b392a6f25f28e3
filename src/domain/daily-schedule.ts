/**
 * When daily jobs run: shortly after local midnight in the institution's time zone, and at least
 * once an hour a check that today's runs are done (so a failed or missed run is retried the same
 * day). Pure: the runner asks for the next instant and sets a timer.
 */
import {
  formatLocalDate,
  INSTITUTION_TIME_ZONE,
  type LocalDate,
  localDateOf,
  wallClockOf,
} from "./dates.js";

/** Minutes after local midnight at which the day's jobs start. */
export const DAILY_RUN_OFFSET_MINUTES = 5;
/** The longest wait between two checks. */
export const CHECK_EVERY_MS = 3_600_000;

/** The offset of a time zone from UTC at an instant, in milliseconds (Mexico City: -6 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const { year, month, day, hour, minute, second } = wallClockOf(instant, timeZone);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a calendar day starts in a time zone. */
export function startOfLocalDay(date: LocalDate, timeZone: string = INSTITUTION_TIME_ZONE): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(year, month - 1, day);
  // Two passes settle days on which the offset changes (daylight saving, where it exists).
  let instant = midnightUtc - zoneOffsetMs(new Date(midnightUtc), timeZone);
  instant = midnightUtc - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The day after a calendar date. */
export function nextLocalDate(date: LocalDate): LocalDate {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return formatLocalDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/**
 * When to check next: the coming daily start (local midnight + offset) if it is within the hour,
 * otherwise in an hour.
 */
export function nextCheckAt(now: Date, timeZone: string = INSTITUTION_TIME_ZONE): Date {
  const today = localDateOf(now, timeZone);
  const offset = DAILY_RUN_OFFSET_MINUTES * 60_000;
  let start = startOfLocalDay(today, timeZone).getTime() + offset;
  if (start <= now.getTime()) {
    start = startOfLocalDay(nextLocalDate(today), timeZone).getTime() + offset;
  }
  return new Date(Math.min(start, now.getTime() + CHECK_EVERY_MS));
}
