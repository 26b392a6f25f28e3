/**
 * Regional figures from every participating municipality's progress: the distribution of the
 * index, score by dimension, by tool and by cohort, overdue work and the review backlog. Each
 * municipality's progress comes from `municipalityProgress`, which reads its scores through
 * `scoreMunicipality` (the one scoring function) and its tools through `toolStatuses`.
 */
import type { LocalDate } from "./dates.js";
import { type InstanceFacts, type ToolStatus, toolStatuses } from "./progress.js";
import {
  asPercent,
  type MunicipalityScores,
  median,
  type ScoreModel,
  scoreMunicipality,
} from "./scores.js";
import type { ToolState } from "./tool-state.js";

/** Where one participating municipality stands today. */
export interface MunicipalityProgress {
  cvegeo: string;
  name: string;
  cohort: string;
  signedOn: LocalDate;
  scores: MunicipalityScores;
  /** One status per tool with an opened instance, in model order (see `toolStatuses`). */
  tools: ToolStatus[];
  /** Tools with a cycle (counted or earlier, of any part) past its deadline and not validated. */
  overdueTools: number;
  /** Observations of the review that returned each instance now "con observaciones". */
  openObservations: number;
  /** For each instance now in review: whole days since its latest submission. */
  reviewWaits: number[];
}

/** What the database adds to the instances: per municipality, counted by SQL. */
export interface ProgressExtras {
  openObservations: number;
  reviewWaits: number[];
}

/** The progress of one municipality from its instances (all cycles) and the extras, as of today. */
export function municipalityProgress(
  municipality: { cvegeo: string; name: string; cohort: string; signedOn: LocalDate },
  model: ScoreModel,
  instances: readonly InstanceFacts[],
  extras: ProgressExtras,
  today: LocalDate,
): MunicipalityProgress {
  const scores = scoreMunicipality(model, instances, today);
  const statuses = toolStatuses(instances, today);
  const tools = model.dimensions
    .flatMap((dimension) => dimension.tools.map((tool) => statuses.get(tool.code)))
    .filter((status): status is ToolStatus => status !== undefined);
  return {
    ...municipality,
    scores,
    tools,
    overdueTools: tools.filter((tool) => tool.overdue).length,
    openObservations: extras.openObservations,
    reviewWaits: [...extras.reviewWaits],
  };
}

/** The mean of a list; null for an empty list. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export interface HistogramBin {
  /** Lower bound, in percent (inclusive). */
  from: number;
  /** Upper bound, in percent (exclusive, except the last bin, which includes 100). */
  to: number;
  count: number;
}

/**
 * Counts 0..1 scores in `bins` equal bins over 0–100 %. A score falls in the bin of the percentage
 * the screens show (one decimal), so 29.96 % (shown 30.0 %) counts in 30–40 %.
 */
export function histogram(values: readonly number[], bins = 10): HistogramBin[] {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`Bins must be a positive whole number: ${bins}`);
  }
  const width = 100 / bins;
  const result = Array.from({ length: bins }, (_, i) => ({
    from: round1(i * width),
    to: round1((i + 1) * width),
    count: 0,
  }));
  for (const value of values) {
    const shown = asPercent(Math.min(1, Math.max(0, value)));
    const bin = Math.min(bins - 1, Math.floor((shown + 1e-9) / width));
    (result[bin] as HistogramBin).count += 1;
  }
  return result;
}

/** Regional figures of one dimension: mean and median of the municipalities' scores (0..1). */
export interface DimensionSummary {
  code: string;
  mean: number | null;
  median: number | null;
}

/** Per dimension of the reference model, the mean and median score over the municipalities. */
export function byDimension(
  rows: readonly MunicipalityProgress[],
  reference: ScoreModel,
): DimensionSummary[] {
  // One pass over the rows (each row's first score of a dimension, as `find` gives it), in the
  // rows' order, rather than a search of every row per dimension.
  const scores = new Map<string, number[]>(reference.dimensions.map((d) => [d.code, []]));
  const seen = new Set<string>();
  for (const row of rows) {
    seen.clear();
    for (const dimension of row.scores.dimensions) {
      if (!seen.has(dimension.code)) {
        seen.add(dimension.code);
        scores.get(dimension.code)?.push(dimension.score);
      }
    }
  }
  return reference.dimensions.map((dimension) => {
    const list = scores.get(dimension.code) as number[];
    return { code: dimension.code, mean: mean(list), median: median(list) };
  });
}

/** Regional figures of one tool: how far the municipalities got with it. */
export interface ToolSummary {
  code: string;
  dimensionCode: string;
  /** Municipalities that have the tool today. */
  municipalities: number;
  /** Mean tool score (0..1); null when no municipality has the tool. */
  mean: number | null;
  states: Record<ToolState, number>;
  overdue: number;
}

/**
 * One municipality's part in `byTool` for one reference model: for each tool of the reference it
 * counts in (its first status with a score, in the order of its statuses), the tool's place among
 * the reference's tools, its state, score and whether it is overdue. Kept per figures object (they
 * are reused while the municipality does not change), so after a change only the municipalities
 * it touched are gone through again.
 */
interface ToolContribution {
  reference: string;
  places: number[];
  states: ToolState[];
  scores: number[];
  overdue: boolean[];
}

const toolContributions = new WeakMap<MunicipalityProgress, ToolContribution>();

function toolContribution(
  row: MunicipalityProgress,
  reference: string,
  places: ReadonlyMap<string, number>,
): ToolContribution {
  const kept = toolContributions.get(row);
  if (kept?.reference === reference) {
    return kept;
  }
  const scoresOf = new Map<string, number>();
  for (const score of row.scores.tools) {
    if (!scoresOf.has(score.code)) {
      scoresOf.set(score.code, score.score);
    }
  }
  const contribution: ToolContribution = {
    reference,
    places: [],
    states: [],
    scores: [],
    overdue: [],
  };
  const counted = new Set<string>();
  for (const status of row.tools) {
    const place = places.get(status.toolCode);
    const score = scoresOf.get(status.toolCode);
    if (place === undefined || score === undefined || counted.has(status.toolCode)) {
      continue;
    }
    counted.add(status.toolCode);
    contribution.places.push(place);
    contribution.states.push(status.state);
    contribution.scores.push(score);
    contribution.overdue.push(status.overdue);
  }
  toolContributions.set(row, contribution);
  return contribution;
}

/** Per tool of the reference model: mean score, municipalities in each state, overdue. */
export function byTool(
  rows: readonly MunicipalityProgress[],
  reference: ScoreModel,
): ToolSummary[] {
  // Each tool's place (its first, should a code repeat), and the reference named by its tools.
  const places = new Map<string, number>();
  for (const dimension of reference.dimensions) {
    for (const tool of dimension.tools) {
      if (!places.has(tool.code)) {
        places.set(tool.code, places.size);
      }
    }
  }
  const key = [...places.keys()].join(",");
  const tallies = [...places.keys()].map(() => ({
    states: { pending: 0, in_progress: 0, submitted: 0, changes_requested: 0, validated: 0 },
    sum: 0,
    municipalities: 0,
    overdue: 0,
  }));
  // Scores are added in the municipalities' order, one at a time from 0, as `mean` adds a list:
  // the means are the same numbers.
  for (const row of rows) {
    const { places: at, states, scores, overdue } = toolContribution(row, key, places);
    for (let i = 0; i < at.length; i++) {
      const tally = tallies[at[i] as number] as (typeof tallies)[number];
      tally.states[states[i] as ToolState] += 1;
      tally.sum += scores[i] as number;
      tally.municipalities += 1;
      if (overdue[i]) {
        tally.overdue += 1;
      }
    }
  }
  return reference.dimensions.flatMap((dimension) =>
    dimension.tools.map((tool) => {
      const tally = tallies[places.get(tool.code) as number] as (typeof tallies)[number];
      return {
        code: tool.code,
        dimensionCode: dimension.code,
        municipalities: tally.municipalities,
        mean: tally.municipalities === 0 ? null : tally.sum / tally.municipalities,
        states: { ...tally.states },
        overdue: tally.overdue,
      };
    }),
  );
}

/** The tools that lag most: lowest mean score first, then most overdue, then model order. */
export function laggingTools(tools: readonly ToolSummary[], count = 5): ToolSummary[] {
  return tools
    .map((tool, order) => ({ tool, order }))
    .filter(({ tool }) => tool.mean !== null)
    .sort(
      (a, b) =>
        (a.tool.mean ?? 0) - (b.tool.mean ?? 0) ||
        b.tool.overdue - a.tool.overdue ||
        a.order - b.order,
    )
    .slice(0, count)
    .map(({ tool }) => tool);
}

export interface CohortSummary {
  cohort: string;
  municipalities: number;
  /** The earliest agreement of the cohort. */
  firstSignedOn: LocalDate;
  meanIndex: number;
  medianIndex: number;
  overdueTools: number;
}

/** Per cohort (the municipalities that signed together), oldest cohort first. */
export function byCohort(rows: readonly MunicipalityProgress[]): CohortSummary[] {
  const groups = new Map<string, MunicipalityProgress[]>();
  for (const row of rows) {
    const list = groups.get(row.cohort) ?? [];
    list.push(row);
    groups.set(row.cohort, list);
  }
  return [...groups]
    .map(([cohort, members]) => {
      const indexes = members.map((m) => m.scores.index);
      return {
        cohort,
        municipalities: members.length,
        firstSignedOn: earliest(members.map((m) => m.signedOn)),
        meanIndex: mean(indexes) as number,
        medianIndex: median(indexes) as number,
        overdueTools: members.reduce((sum, m) => sum + m.overdueTools, 0),
      };
    })
    .sort(
      (a, b) =>
        a.firstSignedOn.localeCompare(b.firstSignedOn) || a.cohort.localeCompare(b.cohort, "es"),
    );
}

/** The first of some dates in order (as `sort()[0]` gives it, without sorting them). */
function earliest(dates: readonly LocalDate[]): LocalDate {
  let first = dates[0] as LocalDate;
  for (const date of dates) {
    if (date < first) {
      first = date;
    }
  }
  return first;
}

export interface ReviewBacklog {
  /** Instances now in review. */
  submitted: number;
  /** Median whole days they have waited since their latest submission; null when none waits. */
  medianDaysWaiting: number | null;
  longestDaysWaiting: number | null;
}

/** The reviewers' backlog over the region. */
export function reviewBacklog(rows: readonly MunicipalityProgress[]): ReviewBacklog {
  const waits = rows.flatMap((row) => row.reviewWaits);
  return {
    submitted: waits.length,
    medianDaysWaiting: median(waits),
    longestDaysWaiting: waits.length === 0 ? null : Math.max(...waits),
  };
}

export interface OverdueSummary {
  /** Overdue tools over the region (a tool counts once however many parts are late). */
  tools: number;
  /** Municipalities with at least one overdue tool. */
  municipalities: number;
}

export function overdueSummary(rows: readonly MunicipalityProgress[]): OverdueSummary {
  return {
    tools: rows.reduce((sum, row) => sum + row.overdueTools, 0),
    municipalities: rows.filter((row) => row.overdueTools > 0).length,
  };
}

/** On time over the region: every municipality's due and on-time instances added up. */
export function regionalOnTime(rows: readonly MunicipalityProgress[]): {
  due: number;
  onTime: number;
  rate: number | null;
} {
  const due = rows.reduce((sum, row) => sum + row.scores.onTime.due, 0);
  const onTime = rows.reduce((sum, row) => sum + row.scores.onTime.onTime, 0);
  return { due, onTime, rate: due === 0 ? null : onTime / due };
}

/** Everything the regional dashboard shows besides the per-municipality table. */
export interface RegionalSummary {
  participants: number;
  index: { mean: number | null; median: number | null };
  histogram: HistogramBin[];
  dimensions: DimensionSummary[];
  tools: ToolSummary[];
  lagging: string[];
  cohorts: CohortSummary[];
  overdue: OverdueSummary;
  reviewBacklog: ReviewBacklog;
  openObservations: number;
  onTime: { due: number; onTime: number; rate: number | null };
}

/** The region's index: the mean and the median of the participants' indexes. */
export function regionalIndex(rows: readonly MunicipalityProgress[]): RegionalSummary["index"] {
  const indexes = rows.map((row) => row.scores.index);
  return { mean: mean(indexes), median: median(indexes) };
}

export function regionalSummary(
  rows: readonly MunicipalityProgress[],
  reference: ScoreModel,
): RegionalSummary {
  const indexes = rows.map((row) => row.scores.index);
  const tools = byTool(rows, reference);
  return {
    participants: rows.length,
    index: regionalIndex(rows),
    histogram: histogram(indexes),
    dimensions: byDimension(rows, reference),
    tools,
    lagging: laggingTools(tools).map((tool) => tool.code),
    cohorts: byCohort(rows),
    overdue: overdueSummary(rows),
    reviewBacklog: reviewBacklog(rows),
    openObservations: rows.reduce((sum, row) => sum + row.openObservations, 0),
    onTime: regionalOnTime(rows),
  };
}

/** One day of the trend: the regional mean of the index and of each dimension that day. */
export interface TrendPoint {
  takenOn: LocalDate;
  municipalities: number;
  index: number;
  dimensions: Record<string, number>;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
