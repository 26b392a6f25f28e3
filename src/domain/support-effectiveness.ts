/**
 * Did it work? For every held action, each invited municipality × addressed tool is one row:
 * its state then (the baseline recorded when the action was marked held) and now, and whether the
 * municipality submitted and got the tool validated within a window of days after the action.
 *
 * The rules:
 * - The window runs from the day the action was held to `heldOn + windowDays`, both included,
 *   in calendar days of the institution's time zone.
 * - A tool already validated at the baseline was not a gap: it is shown but not counted.
 * - A municipality nobody attended for was invited, not attended: its rows are shown
 *   (not_attended) but not counted.
 * - Without a baseline or without an instance of the tool (a model without it), the row does not
 *   apply and is not counted.
 * - Annual tools: the cycle that counted on the day of the action is the one measured, chosen by
 *   the rule of `countedInstances` as it stood that day (the latest cycle due or validated by
 *   then, else the first opened one): a later cycle opening inside the window does not turn a
 *   closed gap into an open one, nor the reverse.
 * - Tools with parts: the tool is submitted within the window when every part not validated before
 *   the action has a submission inside it; it is validated within the window (the gap closed) when
 *   every part is validated by the window's end and at least one validation happened during it.
 * - Outcome: closed (validated within the window); otherwise, while the window is still open,
 *   window_open; after it, submitted (sent but not validated in time) or not_closed.
 * - Rates: closed gaps / addressed gaps, where addressed = rows that apply and were not already
 *   validated. Gaps whose window is still open count as addressed and not closed (yet).
 */
import { compareDates, type LocalDate } from "./dates.js";
import { countedInstances, foldStates } from "./progress.js";
import { addDays } from "./support-actions.js";
import type { ToolState } from "./tool-state.js";

export const DEFAULT_EFFECTIVENESS_DAYS = 90;
export const MAX_EFFECTIVENESS_DAYS = 730;

/** One instance (a part, or the whole tool, for one cycle) with the dates effectiveness needs. */
export interface GapInstance {
  partCode: string | null;
  cycle: number;
  opensOn: LocalDate;
  deadline: LocalDate | null;
  state: ToolState;
  /** Local date of its validation, if validated. */
  validatedOn: LocalDate | null;
  /** Local dates of every submission to review, in any order. */
  submittedOn: readonly LocalDate[];
}

export type Outcome =
  | "closed"
  | "submitted"
  | "not_closed"
  | "window_open"
  | "already_validated"
  | "not_attended"
  | "not_applicable";

export interface GapAssessment {
  outcome: Outcome;
  /** The state now of the cycle measured; null when the row does not apply. */
  stateNow: ToolState | null;
  windowEndsOn: LocalDate;
  submittedWithin: boolean;
  validatedWithin: boolean;
  /** Counted in the rates: applies and was not already validated. */
  addressed: boolean;
}

/** Validated before `day` (a validation on the day of the action falls inside its window). */
const validatedBefore = (instance: GapInstance, day: LocalDate) =>
  instance.validatedOn !== null && compareDates(instance.validatedOn, day) < 0;

const within = (date: LocalDate, from: LocalDate, to: LocalDate) =>
  compareDates(date, from) >= 0 && compareDates(date, to) <= 0;

/** The rules of this module for one municipality × tool of one held action. */
export function assessGap(
  input: {
    baseline: ToolState | null;
    heldOn: LocalDate;
    /** Whether anyone of the municipality is in the action's attendance. */
    attended: boolean;
    /** Every instance of the tool for the municipality (all parts, all cycles). */
    instances: readonly GapInstance[];
  },
  options: { windowDays: number; today: LocalDate },
): GapAssessment {
  const windowEndsOn = addDays(input.heldOn, options.windowDays);
  // One tool's instances as they stood on the day of the action (validated by then or not):
  // progress picks, per part, the cycle that counted that day.
  const measured = countedInstances(
    input.instances.map((instance) => ({
      toolCode: "",
      partCode: instance.partCode,
      cycle: instance.cycle,
      opensOn: instance.opensOn,
      deadline: instance.deadline,
      state: validatedBefore(instance, input.heldOn)
        ? ("validated" as const)
        : ("pending" as const),
      firstSubmittedOn: null,
      maturity: null,
      instance,
    })),
    input.heldOn,
  ).map((facts) => facts.instance);
  const none: GapAssessment = {
    outcome: "not_applicable",
    stateNow: null,
    windowEndsOn,
    submittedWithin: false,
    validatedWithin: false,
    addressed: false,
  };
  if (input.baseline === null || measured.length === 0) {
    return none;
  }
  const stateNow = foldStates(measured.map((instance) => instance.state));
  const submittedWithin = measured.every(
    (instance) =>
      validatedBefore(instance, input.heldOn) ||
      instance.submittedOn.some((date) => within(date, input.heldOn, windowEndsOn)),
  );
  const validatedWithin =
    measured.every(
      (instance) =>
        instance.state === "validated" &&
        instance.validatedOn !== null &&
        compareDates(instance.validatedOn, windowEndsOn) <= 0,
    ) &&
    measured.some(
      (instance) =>
        instance.validatedOn !== null && within(instance.validatedOn, input.heldOn, windowEndsOn),
    );
  if (input.baseline === "validated") {
    return { ...none, outcome: "already_validated", stateNow, submittedWithin, validatedWithin };
  }
  if (!input.attended) {
    return { ...none, outcome: "not_attended", stateNow, submittedWithin, validatedWithin };
  }
  const outcome: Outcome = validatedWithin
    ? "closed"
    : compareDates(options.today, windowEndsOn) <= 0
      ? "window_open"
      : submittedWithin
        ? "submitted"
        : "not_closed";
  return { outcome, stateNow, windowEndsOn, submittedWithin, validatedWithin, addressed: true };
}

export interface Tally {
  /** Gaps the actions addressed (not already validated, applicable). */
  addressed: number;
  /** Of those, validated within the window. */
  closed: number;
  /** Of those, submitted within the window (closed or not). */
  submitted: number;
  /** Of those, not closed yet with the window still open. */
  windowOpen: number;
  /** Rows shown but not counted: already validated at the baseline. */
  alreadyValidated: number;
  /** closed / addressed; null when nothing was addressed. */
  closedRate: number | null;
  /** submitted / addressed; null when nothing was addressed. */
  submittedRate: number | null;
}

/** Adds up assessments. */
export function tally(assessments: readonly GapAssessment[]): Tally {
  let addressed = 0;
  let closed = 0;
  let submitted = 0;
  let windowOpen = 0;
  let alreadyValidated = 0;
  for (const assessment of assessments) {
    if (assessment.outcome === "already_validated") {
      alreadyValidated += 1;
    }
    if (!assessment.addressed) {
      continue;
    }
    addressed += 1;
    closed += assessment.outcome === "closed" ? 1 : 0;
    submitted += assessment.submittedWithin ? 1 : 0;
    windowOpen += assessment.outcome === "window_open" ? 1 : 0;
  }
  return {
    addressed,
    closed,
    submitted,
    windowOpen,
    alreadyValidated,
    closedRate: addressed === 0 ? null : closed / addressed,
    submittedRate: addressed === 0 ? null : submitted / addressed,
  };
}

/**
 * Tallies rows grouped by one or several keys each (an action's facilitators: every facilitator
 * is credited with the whole action), in order of first appearance.
 */
export function tallyBy<T extends { assessment: GapAssessment }>(
  rows: readonly T[],
  keys: (row: T) => readonly string[],
): Map<string, Tally> {
  const groups = new Map<string, GapAssessment[]>();
  for (const row of rows) {
    for (const key of new Set(keys(row))) {
      const list = groups.get(key) ?? [];
      list.push(row.assessment);
      groups.set(key, list);
    }
  }
  return new Map([...groups].map(([key, list]) => [key, tally(list)]));
}
