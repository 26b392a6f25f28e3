/**
 * The scores of `domain.md`: tool, dimension, implementation index and % on time. One function,
 * `scoreMunicipality`, is what every screen, export and API reports; nothing else computes scores.
 */
import { compareDates, type LocalDate } from "./dates.js";
import { isOnTime } from "./deadlines.js";
import { countedInstances, type InstanceFacts } from "./progress.js";

/** The weights of a model version: what the scores are a weighted mean of. */
export interface ScoreModel {
  dimensions: {
    code: string;
    weight: number;
    tools: { code: string; weight: number }[];
  }[];
}

/**
 * One instance's score, 0..1. Validated counts 1; a tool that measures maturity (P1's criteria,
 * P2's levels) scores the maturity its latest review measured, validated or not, so partial
 * progress shows.
 */
export function instanceScore(instance: Pick<InstanceFacts, "state" | "maturity">): number {
  if (instance.maturity !== null) {
    return clamp01(instance.maturity);
  }
  return instance.state === "validated" ? 1 : 0;
}

/** A tool's score: the mean of its parts' counted instances (a tool without parts has one). */
export function toolScore(current: readonly Pick<InstanceFacts, "state" | "maturity">[]): number {
  if (current.length === 0) {
    return 0;
  }
  return current.reduce((sum, instance) => sum + instanceScore(instance), 0) / current.length;
}

/** The weighted mean; 0 when nothing has weight. */
export function weightedMean(items: readonly { value: number; weight: number }[]): number {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  if (total <= 0) {
    return 0;
  }
  return items.reduce((sum, item) => sum + item.value * item.weight, 0) / total;
}

export interface OnTimeFigures {
  /** Instances whose deadline has passed, or that were validated: those that could be on time. */
  due: number;
  onTime: number;
  /** onTime / due, or null when nothing is due yet. */
  rate: number | null;
}

/**
 * On time = first submitted no later than the deadline and later validated (`isOnTime`). Counted
 * over every cycle, since a late annual plan stays late after the next cycle opens.
 */
export function onTimeFigures(
  instances: readonly InstanceFacts[],
  today: LocalDate,
): OnTimeFigures {
  let due = 0;
  let onTime = 0;
  for (const instance of instances) {
    if (instance.deadline === null || compareDates(instance.opensOn, today) > 0) {
      continue;
    }
    const validated = instance.state === "validated";
    if (!validated && compareDates(instance.deadline, today) >= 0) {
      continue;
    }
    due += 1;
    if (isOnTime(instance.firstSubmittedOn, instance.deadline, validated)) {
      onTime += 1;
    }
  }
  return { due, onTime, rate: due === 0 ? null : onTime / due };
}

export interface MunicipalityScores {
  /** Weighted mean of the dimensions, 0..1. */
  index: number;
  dimensions: { code: string; score: number }[];
  tools: { code: string; dimensionCode: string; score: number }[];
  onTime: OnTimeFigures;
}

/** Every score of one municipality from its instances (all cycles) as of `today`. */
export function scoreMunicipality(
  model: ScoreModel,
  instances: readonly InstanceFacts[],
  today: LocalDate,
): MunicipalityScores {
  const current = new Map<string, InstanceFacts[]>();
  for (const instance of countedInstances(instances, today)) {
    const list = current.get(instance.toolCode) ?? [];
    list.push(instance);
    current.set(instance.toolCode, list);
  }
  const tools: MunicipalityScores["tools"] = [];
  const dimensions = model.dimensions.map((dimension) => {
    const scored = dimension.tools.map((tool) => {
      const score = toolScore(current.get(tool.code) ?? []);
      tools.push({ code: tool.code, dimensionCode: dimension.code, score });
      return { value: score, weight: tool.weight };
    });
    return { code: dimension.code, score: weightedMean(scored), weight: dimension.weight };
  });
  return {
    index: weightedMean(dimensions.map((d) => ({ value: d.score, weight: d.weight }))),
    dimensions: dimensions.map(({ code, score }) => ({ code, score })),
    tools,
    onTime: onTimeFigures(instances, today),
  };
}

/** The median of a list (mean of the middle two for even lengths); null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  // A typed array sorts numbers without a comparator call per comparison (a regional median is
  // taken over thousands of scores after every change). It puts -0 before 0 where the comparator
  // keeps their order: around a zero the comparator's order decides, so the result is the same.
  const typed = Float64Array.from(values).sort();
  const middle = Math.floor(typed.length / 2);
  const upper = typed[middle] as number;
  const lower = typed.length % 2 === 1 ? upper : (typed[middle - 1] as number);
  if (upper === 0 || lower === 0 || Number.isNaN(upper) || Number.isNaN(lower)) {
    return medianOfSorted([...values].sort((a, b) => a - b));
  }
  return typed.length % 2 === 1 ? upper : (lower + upper) / 2;
}

function medianOfSorted(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** A 0..1 score as a percentage with one decimal, the way every screen shows it. */
export function asPercent(score: number): number {
  return Math.round(score * 1000) / 10;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
