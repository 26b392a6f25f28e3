/**
 * Suggestions from the gaps: which municipalities need support on which tools, and how to bring
 * them together. Two groupings, both deterministic:
 *
 * 1. Per tool, by cohort: the municipalities that need support on the tool, one group per cohort
 *    (municipalities that signed together advance at a similar pace). One group → one training on
 *    that tool.
 * 2. Shared gaps, across cohorts: municipalities whose sets of gaps overlap, found greedily.
 *    A group starts from the municipality with the most gaps (ties: name, then key) and grows with
 *    the candidate that keeps the most gaps addressed, where "gaps addressed" = members × tools
 *    every member shares. A candidate joins only if the group would keep sharing at least
 *    `minShared` tools and the gaps addressed would not drop; ties go to the larger overlap, then
 *    to the earlier municipality in that order. A group needs at least `minMembers` municipalities;
 *    a seed that finds no partner stays in the pool (a later, smaller seed may take it in) and the
 *    next one starts. Members leave the pool, so a municipality is in at most one shared-gap
 *    group. One group → one training on its tools.
 *
 * Every municipality also gets its own gap list: one working meeting on all of its gaps.
 */
import type { LocalDate } from "./dates.js";
import { isGap, type ToolStatus } from "./progress.js";
import type { ToolState } from "./tool-state.js";

/**
 * A tool needs support while it is a gap and either pending (nothing done yet) or overdue (a
 * deadline passed without validation, including a missed yearly cycle followed by a validated
 * one). Work under way within its deadline is left to follow its course.
 */
export function needsSupport(
  status: Pick<ToolStatus, "state" | "overdue" | "missedCycles">,
): boolean {
  return isGap(status) && (status.state === "pending" || status.overdue);
}

export interface ToolGap {
  tool: string;
  state: ToolState;
  deadline: LocalDate | null;
  overdue: boolean;
  /** Yearly cycles missed and not yet validated (see `ToolStatus.missedCycles`). */
  missedCycles: number[];
}

export interface MunicipalityGaps {
  cvegeo: string;
  name: string;
  cohort: string;
  /** In model order. */
  gaps: ToolGap[];
}

/** A municipality's gaps from its tool statuses, in the model's tool order. */
export function gapsOf(
  statuses: ReadonlyMap<string, ToolStatus>,
  toolOrder: readonly string[],
): ToolGap[] {
  return toolOrder.flatMap((tool) => {
    const status = statuses.get(tool);
    return status && needsSupport(status)
      ? [
          {
            tool,
            state: status.state,
            deadline: status.deadline,
            overdue: status.overdue,
            missedCycles: [...status.missedCycles],
          },
        ]
      : [];
  });
}

export interface GroupMember {
  cvegeo: string;
  name: string;
  cohort: string;
  /** How many gaps the municipality has in all. */
  gapCount: number;
}

export interface CohortGroup {
  cohort: string;
  /** Most gaps first, then by name. */
  municipalities: GroupMember[];
}

export interface ToolSuggestion {
  tool: string;
  /** Municipalities that need support on the tool. */
  total: number;
  overdue: number;
  /** By cohort name. */
  cohorts: CohortGroup[];
}

const byGapsThenName = (a: GroupMember, b: GroupMember) =>
  b.gapCount - a.gapCount || a.name.localeCompare(b.name, "es") || a.cvegeo.localeCompare(b.cvegeo);

const member = (m: MunicipalityGaps): GroupMember => ({
  cvegeo: m.cvegeo,
  name: m.name,
  cohort: m.cohort,
  gapCount: m.gaps.length,
});

/** Grouping 1: for each tool with gaps (model order), its municipalities by cohort. */
export function suggestionsByTool(
  municipalities: readonly MunicipalityGaps[],
  toolOrder: readonly string[],
): ToolSuggestion[] {
  return toolOrder.flatMap((tool) => {
    const cohorts = new Map<string, GroupMember[]>();
    let overdue = 0;
    let total = 0;
    for (const municipality of municipalities) {
      const gap = municipality.gaps.find((g) => g.tool === tool);
      if (!gap) {
        continue;
      }
      total += 1;
      overdue += gap.overdue ? 1 : 0;
      const list = cohorts.get(municipality.cohort) ?? [];
      list.push(member(municipality));
      cohorts.set(municipality.cohort, list);
    }
    if (total === 0) {
      return [];
    }
    return [
      {
        tool,
        total,
        overdue,
        cohorts: [...cohorts.entries()]
          .sort(([a], [b]) => a.localeCompare(b, "es"))
          .map(([cohort, list]) => ({ cohort, municipalities: list.sort(byGapsThenName) })),
      },
    ];
  });
}

export interface SharedGapGroup {
  /** The tools every member needs support on, in model order. */
  tools: string[];
  /** In the order they joined (the seed first). */
  municipalities: GroupMember[];
  cohorts: string[];
  /** members × shared tools. */
  addressedGaps: number;
}

export interface GroupingOptions {
  /** Fewest tools a group must share (default 2: one shared tool is grouping 1's business). */
  minShared?: number;
  /** Fewest municipalities in a group (default 2). */
  minMembers?: number;
}

/** A set of tools as 32-bit words, for fast intersection over thousands of municipalities. */
type Bits = Uint32Array<ArrayBufferLike>;

function popcount(bits: Bits): number {
  let count = 0;
  for (let word of bits) {
    word -= (word >>> 1) & 0x55555555;
    word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
    count += (((word + (word >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return count;
}

function intersect(a: Bits, b: Bits): Bits {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    out[i] = (a[i] ?? 0) & (b[i] ?? 0);
  }
  return out;
}

/** Grouping 2: municipalities whose gaps overlap most, by the greedy rule of this module. */
export function sharedGapGroups(
  municipalities: readonly MunicipalityGaps[],
  toolOrder: readonly string[],
  options: GroupingOptions = {},
): SharedGapGroup[] {
  const minShared = Math.max(1, options.minShared ?? 2);
  const minMembers = Math.max(2, options.minMembers ?? 2);
  const index = new Map(toolOrder.map((tool, i) => [tool, i]));
  const words = Math.max(1, Math.ceil(toolOrder.length / 32));
  const candidates = municipalities
    .map((municipality) => {
      const bits = new Uint32Array(words);
      for (const gap of municipality.gaps) {
        const i = index.get(gap.tool);
        if (i !== undefined) {
          bits[i >>> 5] = (bits[i >>> 5] ?? 0) | (1 << (i & 31));
        }
      }
      return { member: member(municipality), bits, size: popcount(bits) };
    })
    .filter((candidate) => candidate.size >= minShared)
    .sort((a, b) => b.size - a.size || byGapsThenName(a.member, b.member));

  const taken = new Uint8Array(candidates.length);
  const groups: SharedGapGroup[] = [];
  for (let seedIndex = 0; seedIndex < candidates.length; seedIndex++) {
    const seed = candidates[seedIndex];
    if (!seed || taken[seedIndex]) {
      continue;
    }
    const members = [seedIndex];
    let shared: Bits = seed.bits;
    let sharedCount = seed.size;
    for (;;) {
      let best = -1;
      let bestBits: Bits | null = null;
      let bestCount = 0;
      let bestValue = -1;
      for (let i = 0; i < candidates.length; i++) {
        const candidate = candidates[i];
        if (!candidate || taken[i] || members.includes(i)) {
          continue;
        }
        const overlap = intersect(shared, candidate.bits);
        const count = popcount(overlap);
        const value = (members.length + 1) * count;
        if (count < minShared || value < members.length * sharedCount) {
          continue;
        }
        if (value > bestValue || (value === bestValue && count > bestCount)) {
          best = i;
          bestBits = overlap;
          bestCount = count;
          bestValue = value;
        }
      }
      if (best < 0 || !bestBits) {
        break;
      }
      members.push(best);
      shared = bestBits;
      sharedCount = bestCount;
    }
    if (members.length < minMembers) {
      continue;
    }
    for (const i of members) {
      taken[i] = 1;
    }
    const groupMembers = members.flatMap((i) => {
      const candidate = candidates[i];
      return candidate ? [candidate.member] : [];
    });
    groups.push({
      tools: toolOrder.filter((_, i) => ((shared[i >>> 5] ?? 0) >>> (i & 31)) & 1),
      municipalities: groupMembers,
      cohorts: [...new Set(groupMembers.map((m) => m.cohort))].sort((a, b) =>
        a.localeCompare(b, "es"),
      ),
      addressedGaps: groupMembers.length * sharedCount,
    });
  }
  return groups.sort(
    (a, b) => b.addressedGaps - a.addressedGaps || b.tools.length - a.tools.length,
  );
}
