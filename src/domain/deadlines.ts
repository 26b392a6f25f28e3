import { addMonths, compareDates, daysBetween, type LocalDate } from "./dates.js";
import type { ModelContent, Period } from "./model.js";

/** One deliverable of one municipality for one cycle: what gets evidence, review and a deadline. */
export interface PlannedInstance {
  tool: string;
  part: string | null;
  /** 1 for one-off tools; 1, 2, 3… for the yearly cycles of annual tools. */
  cycle: number;
  opensOn: LocalDate;
  /** Null only for project-dependent tools until the project's end date is known. */
  deadline: LocalDate | null;
}

const MONTHS_PER_CYCLE = 12;

/**
 * The deadline of a tool's instance, counted from the agreement's signing date:
 * months → signing + months (clamped to month end); annual → the cycle's anniversary;
 * on_agreement → the signing date itself; project → the project's end date, when known.
 */
export function deadlineFor(
  period: Period,
  signedOn: LocalDate,
  cycle: number,
  projectEndsOn: LocalDate | null = null,
): LocalDate | null {
  switch (period.kind) {
    case "months":
      return addMonths(signedOn, period.months);
    case "annual":
      return addMonths(signedOn, MONTHS_PER_CYCLE * cycle);
    case "on_agreement":
      return signedOn;
    case "project":
      return projectEndsOn;
  }
}

/** When a cycle opens: the agreement for cycle 1, each anniversary after it. */
export function cycleOpensOn(signedOn: LocalDate, cycle: number): LocalDate {
  return addMonths(signedOn, MONTHS_PER_CYCLE * (cycle - 1));
}

/** How many yearly cycles have opened by `today` (at least the first). */
export function openCycles(signedOn: LocalDate, today: LocalDate): number {
  let cycles = 1;
  while (compareDates(cycleOpensOn(signedOn, cycles + 1), today) <= 0) {
    cycles++;
  }
  return cycles;
}

/**
 * Every instance a municipality should have by `today` under a model: one per tool (or per
 * part), plus one per opened yearly cycle of each annual tool.
 */
export function plannedInstances(
  model: ModelContent,
  signedOn: LocalDate,
  today: LocalDate,
): PlannedInstance[] {
  const cycles = openCycles(signedOn, today);
  return model.dimensions.flatMap((dimension) =>
    dimension.tools.flatMap((tool) => {
      const parts: (string | null)[] =
        tool.parts.length === 0 ? [null] : tool.parts.map((part) => part.code);
      const cycleNumbers =
        tool.period.kind === "annual" ? Array.from({ length: cycles }, (_, i) => i + 1) : [1];
      return cycleNumbers.flatMap((cycle) =>
        parts.map((part) => ({
          tool: tool.code,
          part,
          cycle,
          opensOn: tool.period.kind === "annual" ? cycleOpensOn(signedOn, cycle) : signedOn,
          deadline: deadlineFor(tool.period, signedOn, cycle),
        })),
      );
    }),
  );
}

/** Overdue is derived, never stored: the deadline has passed and the instance is not validated. */
export function isOverdue(
  deadline: LocalDate | null,
  validated: boolean,
  today: LocalDate,
): boolean {
  return deadline !== null && !validated && compareDates(deadline, today) < 0;
}

/** Days until the deadline (0 on the day, negative once overdue); null without a deadline. */
export function daysLeft(deadline: LocalDate | null, today: LocalDate): number | null {
  return deadline === null ? null : daysBetween(today, deadline);
}

/**
 * On time: first submitted no later than the deadline, and validated since. Null while it cannot
 * be known yet (not validated, or no deadline).
 */
export function isOnTime(
  firstSubmittedOn: LocalDate | null,
  deadline: LocalDate | null,
  validated: boolean,
): boolean | null {
  if (!validated || deadline === null) {
    return null;
  }
  return firstSubmittedOn !== null && compareDates(firstSubmittedOn, deadline) <= 0;
}
