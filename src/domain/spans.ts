/**
 * Spans of calendar time as people say them: «Vencida hace 3 años y 9 meses», not «1,386 días».
 * Every text about how far a deadline is (tool lists, dashboards, e-mails) comes from here.
 */
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  type LocalDate,
  parseLocalDate,
} from "./dates.js";

/** A stretch of calendar time in whole years, months and days. */
export interface CalendarSpan {
  years: number;
  months: number;
  days: number;
}

/**
 * The calendar time from one date to a later one (or the same): whole months first, counted as
 * `addMonths` counts them (31 Jan + 1 month = 28/29 Feb), then the days left over. The order of
 * the two dates does not matter.
 */
export function calendarSpan(from: LocalDate, to: LocalDate): CalendarSpan {
  const [start, end] = compareDates(from, to) <= 0 ? [from, to] : [to, from];
  const a = parseLocalDate(start);
  const b = parseLocalDate(end);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (months > 0 && compareDates(addMonths(start, months), end) > 0) {
    months -= 1;
  }
  const days = daysBetween(addMonths(start, months), end);
  return { years: Math.floor(months / 12), months: months % 12, days };
}

const unit = (count: number, singular: string, plural: string) =>
  `${count} ${count === 1 ? singular : plural}`;

/**
 * A span as people say it: days under a month («12 días»), months and days under a year («1 mes
 * y 5 días», «2 meses»), years and months from a year on («3 años y 9 meses», «1 año»).
 */
export function describeSpan(span: CalendarSpan): string {
  const { years, months, days } = span;
  if (years > 0) {
    return months > 0
      ? `${unit(years, "año", "años")} y ${unit(months, "mes", "meses")}`
      : unit(years, "año", "años");
  }
  if (months > 0) {
    return days > 0
      ? `${unit(months, "mes", "meses")} y ${unit(days, "día", "días")}`
      : unit(months, "mes", "meses");
  }
  return unit(days, "día", "días");
}

/**
 * How far a deadline is, as the tool lists, the dashboards and the e-mails say it: «Vence hoy»,
 * «Falta 1 día», «Faltan 2 meses y 3 días», «Vencida hace 12 días», «Vencida hace 3 años y
 * 9 meses».
 */
export function describeDeadline(deadline: LocalDate, today: LocalDate): string {
  const order = compareDates(today, deadline);
  if (order === 0) {
    return "Vence hoy";
  }
  const span = calendarSpan(today, deadline);
  const text = describeSpan(span);
  if (order > 0) {
    return `Vencida hace ${text}`;
  }
  // «Falta 1 mes», but «Faltan 1 mes y 5 días» (two things are left).
  const single = text.startsWith("1 ") && !text.includes(" y ");
  return `${single ? "Falta" : "Faltan"} ${text}`;
}

/**
 * The same from a deadline and the days left to it, as the API gives them (negative once past):
 * today is the day the server counted from.
 */
export function describeDeadlineByDaysLeft(deadline: LocalDate, daysLeft: number): string {
  return describeDeadline(deadline, addDays(deadline, -daysLeft));
}
