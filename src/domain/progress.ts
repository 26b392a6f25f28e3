/**
 * Where a municipality stands on each tool today: which instances count (the current cycle of
 * annual tools), and one status per tool folded from its parts. Scores, the gap matrix, the
 * suggestions and the public pages all read progress through these functions.
 */
import { compareDates, type LocalDate } from "./dates.js";
import { isOverdue } from "./deadlines.js";
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

/**
 * The instances that count today: for each tool and part, the latest cycle already opened. An
 * annual tool's earlier cycles stay in the history but no longer decide its state or score.
 */
export function currentInstances<T extends InstanceFacts>(instances: T[], today: LocalDate): T[] {
  const latest = new Map<string, T>();
  for (const instance of instances) {
    if (compareDates(instance.opensOn, today) > 0) {
      continue;
    }
    const key = `${instance.toolCode}/${instance.partCode ?? ""}`;
    const seen = latest.get(key);
    if (!seen || instance.cycle > seen.cycle) {
      latest.set(key, instance);
    }
  }
  return [...latest.values()];
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
  state: ToolState;
  /** The cycle that counts today (1 for tools that do not repeat). */
  cycle: number;
  /** The earliest deadline among parts not yet validated; when all are, the latest one. */
  deadline: LocalDate | null;
  overdue: boolean;
  parts: number;
  validatedParts: number;
}

/** The status of every tool that has a current instance, keyed by tool code. */
export function toolStatuses(
  instances: readonly InstanceFacts[],
  today: LocalDate,
): Map<string, ToolStatus> {
  const byTool = new Map<string, InstanceFacts[]>();
  for (const instance of currentInstances([...instances], today)) {
    const list = byTool.get(instance.toolCode) ?? [];
    list.push(instance);
    byTool.set(instance.toolCode, list);
  }
  const statuses = new Map<string, ToolStatus>();
  for (const [toolCode, parts] of byTool) {
    statuses.set(toolCode, statusOf(toolCode, parts, today));
  }
  return statuses;
}

function statusOf(toolCode: string, parts: InstanceFacts[], today: LocalDate): ToolStatus {
  const open = parts.filter((part) => part.state !== "validated");
  const deadlines = (open.length > 0 ? open : parts)
    .map((part) => part.deadline)
    .filter((deadline): deadline is LocalDate => deadline !== null)
    .sort(compareDates);
  return {
    toolCode,
    state: foldStates(parts.map((part) => part.state)),
    cycle: Math.max(...parts.map((part) => part.cycle)),
    deadline: (open.length > 0 ? deadlines[0] : deadlines.at(-1)) ?? null,
    overdue: parts.some((part) => isOverdue(part.deadline, part.state === "validated", today)),
    parts: parts.length,
    validatedParts: parts.length - open.length,
  };
}

/** A tool is a gap while it is not validated: pending, in progress, in review or returned. */
export function isGap(status: Pick<ToolStatus, "state">): boolean {
  return status.state !== "validated";
}
