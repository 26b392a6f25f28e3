/**
 * Which reminders are owed on a given day. Pure rules: the reminder job asks them for "today" and
 * inserts notifications under the keys they return; the keys make delivery idempotent (a key is
 * delivered once per person, whatever the number of runs, restarts or processes).
 *
 * Catch-up after downtime falls out of the rules: each rule looks at what is still relevant on the
 * day it is asked, not at what should have happened on the days missed. A 30-day reminder missed
 * while the server was down is not sent once the 7-day one is due; a 7-day reminder missed is sent
 * late if the deadline is still ahead; the weekly digest is owed on any day of its week.
 */
import { daysBetween, type LocalDate, parseLocalDate } from "./dates.js";
import type { ToolState } from "./tool-state.js";

/** Days before a deadline on which the municipality is reminded. */
export const DEADLINE_REMINDER_DAYS = [30, 7, 1] as const;
export type DeadlineReminder = (typeof DEADLINE_REMINDER_DAYS)[number];

/**
 * States in which a deadline reminder makes sense: the municipality still has work to do. A tool
 * waiting for review has been handed in (the reviewer acts next); a validated one is done.
 */
const REMINDABLE: ReadonlySet<ToolState> = new Set(["pending", "in_progress", "changes_requested"]);

export function isRemindable(state: ToolState): boolean {
  return REMINDABLE.has(state);
}

/**
 * The deadline reminder owed on `today`: the most urgent threshold the deadline is within (30, 7
 * or 1 days; the 1-day one also on the deadline's own day), or null when the deadline is further
 * than 30 days away or already past (overdue tools go to the weekly digest instead).
 */
export function deadlineReminderDue(
  deadline: LocalDate,
  today: LocalDate,
): DeadlineReminder | null {
  const left = daysBetween(today, deadline);
  if (left < 0) {
    return null;
  }
  // Thresholds from the most urgent: the first one the deadline is within is the one owed.
  const ascending = [...DEADLINE_REMINDER_DAYS].sort((a, b) => a - b);
  return ascending.find((threshold) => left <= threshold) ?? null;
}

/**
 * The key of a deadline reminder. `subject` is what is reminded: the job reminds a municipality of
 * all its tools sharing one deadline together, so it passes the municipality. The deadline is part
 * of the key: when a deadline moves (a project's end date is corrected), the reminders of the new
 * date are owed again.
 */
export function deadlineReminderKey(
  subject: string,
  deadline: LocalDate,
  threshold: DeadlineReminder,
): string {
  return `deadline:${subject}:${deadline}:${threshold}`;
}

/** "vence hoy", "vence mañana", "vence en 7 días"; "vencen …" for several things. */
export function describeDaysLeft(days: number, several = false): string {
  const verb = several ? "vencen" : "vence";
  if (days <= 0) {
    return `${verb} hoy`;
  }
  return days === 1 ? `${verb} mañana` : `${verb} en ${days} días`;
}

/**
 * The ISO 8601 week of a date, as `2025-W02`: weeks start on Monday, and week 1 is the one with
 * the year's first Thursday (so 29/12/2025 belongs to 2026-W01).
 */
export function isoWeek(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  const utc = new Date(Date.UTC(year, month - 1, day));
  const weekday = utc.getUTCDay() === 0 ? 7 : utc.getUTCDay();
  // The Thursday of this week decides the week-year.
  utc.setUTCDate(utc.getUTCDate() + 4 - weekday);
  const weekYear = utc.getUTCFullYear();
  const firstDay = Date.UTC(weekYear, 0, 1);
  const week = Math.floor((utc.getTime() - firstDay) / 86_400_000 / 7) + 1;
  return `${weekYear}-W${String(week).padStart(2, "0")}`;
}

/** The Monday of the ISO week of `date`. */
export function weekStart(date: LocalDate): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const utc = new Date(Date.UTC(year, month - 1, day));
  const weekday = utc.getUTCDay() === 0 ? 7 : utc.getUTCDay();
  utc.setUTCDate(utc.getUTCDate() - (weekday - 1));
  return utc.toISOString().slice(0, 10);
}

/**
 * The overdue digest is weekly: owed once per person per ISO week, on the first run of the week
 * (Monday, or the first day the server is up after downtime). A week missed entirely is not sent
 * late: the current week's digest lists the same tools, up to date.
 */
export function overdueDigestKey(today: LocalDate): string {
  return `overdue:${isoWeek(today)}`;
}

/** How many days before its due date an open commitment is reminded (up to the day itself). */
export const COMMITMENT_REMINDER_DAYS = 3;

/** An open commitment due within the next three days, or today, is reminded; once past, no more. */
export function commitmentReminderDue(dueOn: LocalDate, today: LocalDate): boolean {
  const left = daysBetween(today, dueOn);
  return left >= 0 && left <= COMMITMENT_REMINDER_DAYS;
}

/** Once per commitment and due date: a new due date is reminded again. */
export function commitmentReminderKey(commitmentId: string, dueOn: LocalDate): string {
  return `commitment:${commitmentId}:${dueOn}`;
}
