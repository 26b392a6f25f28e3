/**
 * Where a municipality stands on each tool today: which instances count (for annual tools, the
 * latest cycle due or validated: decisions/0010), and one status per tool folded from its parts. Scores, the gap matrix, the
 * suggestions and the public pages all read progress through these functions.
 */
import { labelledCodes } from "./codes.js";
import { compareDates, type LocalDate } from "./dates.js";
import { isOnTime, isOverdue } from "./deadlines.js";
import type { ToolState } from "./tool-state.js";

/** What progress needs to know of one instance of a tool (or part) for one cycle. */
export interface InstanceFacts {
  toolCode: string;
  partCode: string | null;
  cycle: number;
  opensOn: LocalDate;
  deadline: LocalDate | null;
  state: ToolState;
  /** Local date of the first submission to review, if any. */
  firstSubmittedOn: LocalDate | null;
  /** The maturity the latest review measured (0..1), for tools that measure one (P1, P2). */
  maturity: number | null;
}

/** The key of one deliverable across its cycles: a tool, or one part of it. */
function deliverableKey(instance: Pick<InstanceFacts, "toolCode" | "partCode">): string {
  return `${instance.toolCode}/${instance.partCode ?? ""}`;
}

/** Due: its deadline has passed (the day after the deadline, the boundary of `isOverdue`). */
export function isDue(deadline: LocalDate | null, today: LocalDate): boolean {
  return deadline !== null && compareDates(deadline, today) < 0;
}

/**
 * Where one deliverable (a tool, or one part of it) stands across its yearly cycles today (see
 * decisions/0010). Tools that do not repeat have one cycle, which is always the counted one.
 */
export interface CycleStanding<T extends InstanceFacts = InstanceFacts> {
  /**
   * The cycle that counts: the latest cycle that is due (its deadline has passed) or already
   * validated; while none is, the first opened cycle.
   */
  counted: T;
  /**
   * A newer cycle that has opened and is not yet due nor counted: work under way, which never
   * lowers the score. Null when the counted cycle is the newest opened one.
   */
  working: T | null;
  /**
   * Every opened cycle whose deadline passed without validation (oldest first): missed
   * deliverables, overdue until validated. The counted cycle is among them when it is missed.
   */
  missed: T[];
}

/**
 * The standing of every deliverable (tool or part) as of `today`, keyed by `tool/part`. Cycles
 * that open after `today` are ignored. This is the one rule that decides which yearly cycle
 * counts: scores, statuses, the gap matrix, report cards and the public pages all go through it.
 */
export function cycleStandings<T extends InstanceFacts>(
  instances: readonly T[],
  today: LocalDate,
): Map<string, CycleStanding<T>> {
  const byKey = new Map<string, T[]>();
  for (const instance of instances) {
    if (compareDates(instance.opensOn, today) > 0) {
      continue;
    }
    const key = deliverableKey(instance);
    const list = byKey.get(key) ?? [];
    list.push(instance);
    byKey.set(key, list);
  }
  const standings = new Map<string, CycleStanding<T>>();
  for (const [key, list] of byKey) {
    const cycles = [...list].sort((a, b) => a.cycle - b.cycle);
    const settled = cycles.filter(
      (instance) => instance.state === "validated" || isDue(instance.deadline, today),
    );
    const counted = settled.at(-1) ?? (cycles[0] as T);
    standings.set(key, {
      counted,
      working: cycles.find((instance) => instance.cycle > counted.cycle) ?? null,
      missed: cycles.filter((instance) =>
        isOverdue(instance.deadline, instance.state === "validated", today),
      ),
    });
  }
  return standings;
}

/**
 * The instances that count today, one per tool and part (see `cycleStandings`). A newer yearly
 * cycle that has only opened does not count until it is due or validated, so the index never
 * falls on an anniversary; earlier cycles stay in the history and still show when missed.
 */
export function countedInstances<T extends InstanceFacts>(
  instances: readonly T[],
  today: LocalDate,
): T[] {
  return [...cycleStandings(instances, today).values()].map((standing) => standing.counted);
}

/** What became of one cycle of a deliverable, as of a day. */
export const [CYCLE_OUTCOMES, CYCLE_OUTCOME_LABELS] = labelledCodes({
  on_time: "A tiempo",
  late: "Con retraso",
  missed: "Vencida",
  open: "En plazo",
});
export type CycleOutcome = (typeof CYCLE_OUTCOMES)[number];

/**
 * One cycle's outcome: validated and first submitted by its deadline → on time; validated
 * otherwise → late; not validated with its deadline passed → missed (overdue until validated);
 * not validated within its deadline (or without one) → open.
 */
export function cycleOutcome(
  instance: Pick<InstanceFacts, "state" | "deadline" | "firstSubmittedOn">,
  today: LocalDate,
): CycleOutcome {
  if (instance.state === "validated") {
    return isOnTime(instance.firstSubmittedOn, instance.deadline, true) === false
      ? "late"
      : "on_time";
  }
  return isOverdue(instance.deadline, false, today) ? "missed" : "open";
}

/**
 * One state for a tool from the states of its parts: validated only when every part is; otherwise
 * the most urgent thing happening (observations to answer, then a review under way), then whether
 * any work exists at all.
 */
export function foldStates(states: readonly ToolState[]): ToolState {
  if (states.length === 0) {
    return "pending";
  }
  if (states.every((state) => state === "validated")) {
    return "validated";
  }
  for (const state of ["changes_requested", "submitted"] as const) {
    if (states.includes(state)) {
      return state;
    }
  }
  return states.some((state) => state !== "pending") ? "in_progress" : "pending";
}

export interface ToolStatus {
  toolCode: string;
  /** The state of the counted cycle, folded over the parts. */
  state: ToolState;
  /** The cycle that counts today (1 for tools that do not repeat). */
  cycle: number;
  /**
   * The earliest deadline among the cycles not yet validated (missed, counted or under way);
   * when all are validated, the counted cycle's latest one.
   */
  deadline: LocalDate | null;
  /** A cycle (the counted one or an earlier one) of some part is past its deadline, not validated. */
  overdue: boolean;
  /** The cycles missed by some part, oldest first: overdue until validated, and gaps. */
  missedCycles: number[];
  /** A newer cycle opened and not yet due (work under way); null when there is none. */
  workingCycle: number | null;
  /** The state of the cycle under way, folded over the parts; null without one. */
  workingState: ToolState | null;
  /** Parts of the counted cycle, and how many of them are validated. */
  parts: number;
  validatedParts: number;
}

/** The status of every tool that has an opened instance, keyed by tool code. */
export function toolStatuses(
  instances: readonly InstanceFacts[],
  today: LocalDate,
): Map<string, ToolStatus> {
  const byTool = new Map<string, CycleStanding[]>();
  for (const standing of cycleStandings(instances, today).values()) {
    const list = byTool.get(standing.counted.toolCode) ?? [];
    list.push(standing);
    byTool.set(standing.counted.toolCode, list);
  }
  const statuses = new Map<string, ToolStatus>();
  for (const [toolCode, parts] of byTool) {
    statuses.set(toolCode, statusOf(toolCode, parts));
  }
  return statuses;
}

function statusOf(toolCode: string, parts: readonly CycleStanding[]): ToolStatus {
  const counted = parts.map((part) => part.counted);
  const working = parts.flatMap((part) => (part.working ? [part.working] : []));
  const missed = parts.flatMap((part) => part.missed);
  const unvalidated = [...missed, ...counted, ...working].filter(
    (instance) => instance.state !== "validated",
  );
  const deadlines = (unvalidated.length > 0 ? unvalidated : counted)
    .map((instance) => instance.deadline)
    .filter((deadline): deadline is LocalDate => deadline !== null)
    .sort(compareDates);
  const workingCycle = working.length === 0 ? null : Math.min(...working.map((i) => i.cycle));
  const validatedParts = counted.filter((instance) => instance.state === "validated").length;
  return {
    toolCode,
    state: foldStates(counted.map((instance) => instance.state)),
    cycle: Math.max(...counted.map((instance) => instance.cycle)),
    deadline: (unvalidated.length > 0 ? deadlines[0] : deadlines.at(-1)) ?? null,
    overdue: missed.length > 0,
    missedCycles: [...new Set(missed.map((instance) => instance.cycle))].sort((a, b) => a - b),
    workingCycle,
    workingState:
      workingCycle === null
        ? null
        : foldStates(
            working
              .filter((instance) => instance.cycle === workingCycle)
              .map((instance) => instance.state),
          ),
    parts: counted.length,
    validatedParts,
  };
}

/**
 * A tool is a gap while it is not validated (pending, in progress, in review or returned), or
 * while a yearly cycle it missed is still not validated, even if a later cycle was.
 */
export function isGap(status: Pick<ToolStatus, "state" | "missedCycles">): boolean {
  return status.state !== "validated" || status.missedCycles.length > 0;
}

/** How missed cycles read on every screen and file: «Vencida (ciclo 2)», «Vencida (ciclos 1 y 2)». */
export function missedCyclesLabel(missedCycles: readonly number[]): string | null {
  if (missedCycles.length === 0) {
    return null;
  }
  const list =
    missedCycles.length === 1
      ? `ciclo ${missedCycles[0]}`
      : `ciclos ${missedCycles.slice(0, -1).join(", ")} y ${missedCycles.at(-1)}`;
  return `Vencida (${list})`;
}

/**
 * How an overdue tool reads: «Vencida», naming the missed cycles once a tool has several
 * («Vencida (ciclo 2)»); null when nothing is overdue.
 */
export function overdueLabel(
  status: Pick<ToolStatus, "overdue" | "cycle" | "missedCycles" | "workingCycle">,
): string | null {
  if (!status.overdue) {
    return null;
  }
  const several = status.cycle > 1 || status.workingCycle !== null;
  return (several ? missedCyclesLabel(status.missedCycles) : null) ?? "Vencida";
}

/**
 * What a yearly tool's cycles add to its state on every screen and file, once more than one cycle
 * has opened: the missed cycles («Vencida (ciclo 2)») and the cycle under way («Ciclo 5 en
 * curso»). Nothing for a tool with a single cycle: its state says it all.
 */
export function cycleNotes(
  status: Pick<ToolStatus, "cycle" | "missedCycles" | "workingCycle">,
): { kind: "missed" | "working"; text: string }[] {
  if (status.cycle === 1 && status.workingCycle === null) {
    return [];
  }
  const notes: { kind: "missed" | "working"; text: string }[] = [];
  const missed = missedCyclesLabel(status.missedCycles);
  if (missed) {
    notes.push({ kind: "missed", text: missed });
  }
  if (status.workingCycle !== null) {
    notes.push({ kind: "working", text: `Ciclo ${status.workingCycle} en curso` });
  }
  return notes;
}
