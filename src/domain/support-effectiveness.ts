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
import { countedInstances, foldStates, type InstanceFacts, toolStatuses } from "./progress.js";
import type { SupportActionType } from "./support.js";
import { addDays } from "./support-actions.js";
import { inModelOrder } from "./tool-order.js";
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

/** What became of an addressed gap (the «Outcome» rule above). */
export const GAP_OUTCOMES = [
  "closed",
  "submitted",
  "not_closed",
  "window_open",
  "already_validated",
  "not_attended",
  "not_applicable",
] as const;
export type Outcome = (typeof GAP_OUTCOMES)[number];

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

/** One row of an action's baseline: a municipality's state of a tool on the day it was held. */
export interface BaselineEntry {
  municipalityCvegeo: string;
  toolCode: string;
  state: ToolState;
}

/**
 * The baseline of an action held on `heldOn`: for every invited municipality × addressed tool,
 * the tool's state as progress reports it for the cycle that counts that day (`toolStatuses`).
 * A tool a municipality does not have gets no row.
 */
export function takeBaseline(
  invited: readonly string[],
  tools: readonly string[],
  factsOf: ReadonlyMap<string, readonly InstanceFacts[]>,
  heldOn: LocalDate,
): BaselineEntry[] {
  return invited.flatMap((municipalityCvegeo) => {
    const statuses = toolStatuses(factsOf.get(municipalityCvegeo) ?? [], heldOn);
    return tools.flatMap((toolCode) => {
      const status = statuses.get(toolCode);
      return status ? [{ municipalityCvegeo, toolCode, state: status.state }] : [];
    });
  });
}

/** What the effectiveness report is assembled from: held actions and what they refer to. */
export interface EffectivenessFacts {
  /** The held actions, in the order the report lists them. */
  actions: readonly {
    id: string;
    title: string;
    type: SupportActionType;
    heldOn: LocalDate | null;
  }[];
  tools: readonly { actionId: string; toolCode: string }[];
  /** Invited municipalities, in the order rows list them. */
  invitations: readonly { actionId: string; cvegeo: string; name: string }[];
  facilitators: readonly { actionId: string; id: string; name: string }[];
  baselines: readonly (BaselineEntry & { actionId: string })[];
  /** Each action's municipalities someone attended for (the others were invited, not attended). */
  attendances: readonly { actionId: string; cvegeo: string }[];
  /** Every instance of the municipality × tool pairs the actions addressed. */
  instances: readonly (Omit<GapInstance, "submittedOn"> & {
    id: string;
    cvegeo: string;
    toolCode: string;
  })[];
  /** The local date of every submission of those instances. */
  submissions: readonly { instanceId: string; on: LocalDate }[];
  /** Tool code → name in the model in force, in the model's order. */
  toolNames: ReadonlyMap<string, string>;
}

export interface EffectivenessRow {
  municipality: { cvegeo: string; name: string };
  tool: string;
  baseline: ToolState | null;
  stateNow: ToolState | null;
  submittedWithin: boolean;
  validatedWithin: boolean;
  outcome: Outcome;
}

export interface EffectivenessReport {
  windowDays: number;
  today: LocalDate;
  overall: Tally;
  actions: {
    id: string;
    title: string;
    type: SupportActionType;
    heldOn: LocalDate;
    windowEndsOn: LocalDate;
    facilitators: string[];
    tally: Tally;
    rows: EffectivenessRow[];
  }[];
  byTool: { tool: string; toolName: string; actions: number; tally: Tally }[];
  byFacilitator: { facilitator: { id: string; name: string }; actions: number; tally: Tally }[];
}

interface AssessedRow {
  actionId: string;
  municipality: { cvegeo: string; name: string };
  tool: string;
  baseline: ToolState | null;
  facilitators: string[];
  assessment: GapAssessment;
}

/** Groups values by a key, keeping their order. */
function groupBy<T, V>(items: readonly T[], key: (item: T) => string, value: (item: T) => V) {
  const groups = new Map<string, V[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(value(item));
    groups.set(key(item), list);
  }
  return groups;
}

/**
 * The report of «¿Funcionó?»: each held action's invited municipality × addressed tool (tools in
 * the model's order) assessed by `assessGap`, with the tallies per action, per tool (in the
 * model's order) and per facilitator (by name; each credited with the whole action).
 */
export function effectivenessReport(
  facts: EffectivenessFacts,
  options: { windowDays: number; today: LocalDate },
): EffectivenessReport {
  const names = facts.toolNames;
  const { today } = options;
  const submittedOn = groupBy(
    facts.submissions,
    (row) => row.instanceId,
    (row) => row.on,
  );
  const instances = groupBy(
    facts.instances,
    (row) => `${row.cvegeo}/${row.toolCode}`,
    ({ id, cvegeo, toolCode, ...instance }): GapInstance => ({
      ...instance,
      submittedOn: submittedOn.get(id) ?? [],
    }),
  );
  const baselineOf = new Map(
    facts.baselines.map((b) => [`${b.actionId}/${b.municipalityCvegeo}/${b.toolCode}`, b.state]),
  );

  const attended = new Set(facts.attendances.map((a) => `${a.actionId}/${a.cvegeo}`));

  const rows: AssessedRow[] = [];
  const actions = facts.actions.map((action) => {
    const heldOn = action.heldOn ?? today;
    const actionTools = inModelOrder(
      facts.tools.filter((t) => t.actionId === action.id).map((t) => t.toolCode),
      names,
    );
    const people = facts.facilitators.filter((f) => f.actionId === action.id);
    const actionRows: AssessedRow[] = facts.invitations
      .filter((i) => i.actionId === action.id)
      .flatMap((invitation) =>
        actionTools.map((tool) => {
          const baseline = baselineOf.get(`${action.id}/${invitation.cvegeo}/${tool}`) ?? null;
          return {
            actionId: action.id,
            municipality: { cvegeo: invitation.cvegeo, name: invitation.name },
            tool,
            baseline,
            facilitators: people.map((p) => p.id),
            assessment: assessGap(
              {
                baseline,
                heldOn,
                attended: attended.has(`${action.id}/${invitation.cvegeo}`),
                instances: instances.get(`${invitation.cvegeo}/${tool}`) ?? [],
              },
              options,
            ),
          };
        }),
      );
    rows.push(...actionRows);
    return {
      id: action.id,
      title: action.title,
      type: action.type,
      heldOn,
      windowEndsOn: actionRows[0]?.assessment.windowEndsOn ?? heldOn,
      facilitators: people.map((p) => p.name),
      tally: tally(actionRows.map((row) => row.assessment)),
      rows: actionRows.map((row) => ({
        municipality: row.municipality,
        tool: row.tool,
        baseline: row.baseline,
        stateNow: row.assessment.stateNow,
        submittedWithin: row.assessment.submittedWithin,
        validatedWithin: row.assessment.validatedWithin,
        outcome: row.assessment.outcome,
      })),
    };
  });

  const byTool = tallyBy(rows, (row) => [row.tool]);
  const byFacilitator = tallyBy(rows, (row) => row.facilitators);
  const actionsPer = (match: (row: AssessedRow) => boolean) =>
    new Set(rows.filter(match).map((row) => row.actionId)).size;
  const people = new Map(facts.facilitators.map((f) => [f.id, f.name]));
  return {
    windowDays: options.windowDays,
    today,
    overall: tally(rows.map((row) => row.assessment)),
    actions,
    byTool: inModelOrder([...byTool.keys()], names).map((tool) => ({
      tool,
      toolName: names.get(tool) ?? tool,
      actions: actionsPer((row) => row.tool === tool),
      tally: byTool.get(tool) ?? tally([]),
    })),
    byFacilitator: [...byFacilitator.entries()]
      .map(([id, figures]) => ({
        facilitator: { id, name: people.get(id) ?? "" },
        actions: actionsPer((row) => row.facilitators.includes(id)),
        tally: figures,
      }))
      .sort((a, b) => a.facilitator.name.localeCompare(b.facilitator.name, "es")),
  };
}
