/**
 * M4 «Planes de mejora»: a municipality's improvement plan is its list of actions, each saying
 * what it improves (a tool gap, a review observation, a survey or indicator finding), who owns it,
 * when it is due, its status and the evidence of its completion. Plain data and rules: the
 * contracts, the service, the reminders and the web form all call these.
 */
import { labelledCodes } from "./codes.js";
import { addDays, compareDates, type LocalDate } from "./dates.js";

export const [IMPROVEMENT_TARGET_KINDS, IMPROVEMENT_TARGET_LABELS] = labelledCodes({
  tool_gap: "Brecha de una herramienta",
  observation: "Observación de una revisión",
  survey_finding: "Hallazgo de la encuesta de satisfacción",
  indicator_finding: "Hallazgo de los indicadores de desempeño",
});
export type ImprovementTargetKind = (typeof IMPROVEMENT_TARGET_KINDS)[number];

export const [IMPROVEMENT_ACTION_STATUSES, IMPROVEMENT_ACTION_STATUS_LABELS] = labelledCodes({
  planned: "Programada",
  in_progress: "En curso",
  done: "Cumplida",
  cancelled: "Cancelada",
});
export type ImprovementActionStatus = (typeof IMPROVEMENT_ACTION_STATUSES)[number];

/** The model's improvement-plan tool: a gap of its own is not proposed as an action of the plan. */
export const IMPROVEMENT_PLAN_TOOL = "M4";

/** Days before its due date an open action is reminded (and again once, when overdue). */
export const IMPROVEMENT_REMINDER_DAYS = 7;

/** How long a proposed action for a gap already overdue (or without deadline) gets. */
export const PROPOSAL_DAYS = 60;

/** Open: still to be done (planned or in progress). */
export function isOpenAction(status: ImprovementActionStatus): boolean {
  return status === "planned" || status === "in_progress";
}

/** Overdue is derived, never stored: an open action whose due date has passed. */
export function isImprovementActionOverdue(
  action: { status: ImprovementActionStatus; dueOn: LocalDate },
  today: LocalDate,
): boolean {
  return isOpenAction(action.status) && compareDates(action.dueOn, today) < 0;
}

/** What an action must hold, by target kind, to say what it improves. */
export interface ImprovementTarget {
  kind: ImprovementTargetKind;
  toolCode: string | null;
  observationId: string | null;
  finding: string | null;
}

/**
 * What is missing from an action's target (null when it is complete): a tool gap names its tool,
 * an observation names the observation, a survey or indicator finding states the finding.
 */
export function improvementTargetProblem(target: ImprovementTarget): PlanFieldProblem | null {
  switch (target.kind) {
    case "tool_gap":
      return target.toolCode
        ? null
        : { field: "toolCode", message: "Indique la herramienta cuya brecha atiende la acción." };
    case "observation":
      return target.observationId
        ? null
        : { field: "observationId", message: "Indique la observación que atiende la acción." };
    case "survey_finding":
    case "indicator_finding":
      return target.finding
        ? null
        : { field: "finding", message: "Describa el hallazgo que atiende la acción." };
  }
}

export interface PlanFieldProblem {
  field: string;
  message: string;
}

/**
 * Whether an action may move to `next`: a completed action needs its evidence of completion (a
 * note saying what was done and where it is; a file may be attached besides).
 */
export function improvementStatusProblem(
  next: ImprovementActionStatus,
  completionNote: string | null,
): PlanFieldProblem | null {
  if (next === "done" && !completionNote?.trim()) {
    return {
      field: "completionNote",
      message: "Para darla por cumplida, describa la evidencia de su cumplimiento.",
    };
  }
  return null;
}

/** The plan's progress: actions that count (all but cancelled), done, open, overdue, percent. */
export interface PlanProgress {
  total: number;
  done: number;
  open: number;
  overdue: number;
  /** Done over total, 0..100 (rounded); null without actions. */
  percent: number | null;
}

export function planProgress(
  actions: readonly { status: ImprovementActionStatus; dueOn: LocalDate }[],
  today: LocalDate,
): PlanProgress {
  let total = 0;
  let done = 0;
  let open = 0;
  let overdue = 0;
  for (const action of actions) {
    if (action.status === "cancelled") {
      continue;
    }
    total++;
    if (action.status === "done") {
      done++;
    } else {
      open++;
      if (isImprovementActionOverdue(action, today)) {
        overdue++;
      }
    }
  }
  return {
    total,
    done,
    open,
    overdue,
    percent: total === 0 ? null : Math.round((done / total) * 100),
  };
}

/** A gap as the proposal reads it: one tool of the municipality that is not validated. */
export interface GapForProposal {
  toolCode: string;
  toolName: string;
  /** True when the tool was returned with observations (the action is to answer them). */
  changesRequested: boolean;
  deadline: LocalDate | null;
}

export interface ProposedAction {
  toolCode: string;
  description: string;
  dueOn: LocalDate;
}

/**
 * The actions proposed in one click from a municipality's gaps: one per gap tool that no open
 * action already addresses (and never the plan's own tool), due on the tool's deadline when it is
 * still ahead, or `PROPOSAL_DAYS` from today when it has passed or there is none.
 */
export function proposeFromGaps(
  gaps: readonly GapForProposal[],
  addressed: ReadonlySet<string>,
  today: LocalDate,
): ProposedAction[] {
  return gaps
    .filter((gap) => gap.toolCode !== IMPROVEMENT_PLAN_TOOL && !addressed.has(gap.toolCode))
    .map((gap) => ({
      toolCode: gap.toolCode,
      description: gap.changesRequested
        ? `Atender las observaciones de «${gap.toolName}» (${gap.toolCode}) y reenviarla a revisión.`
        : `Elaborar «${gap.toolName}» (${gap.toolCode}) y enviarla a revisión.`,
      dueOn:
        gap.deadline !== null && compareDates(gap.deadline, today) > 0
          ? gap.deadline
          : addDays(today, PROPOSAL_DAYS),
    }));
}

/** An action due within the reminder window (or overdue) and still open: its liaison is told. */
export function needsImprovementReminder(
  action: { status: ImprovementActionStatus; dueOn: LocalDate },
  today: LocalDate,
): boolean {
  return (
    isOpenAction(action.status) &&
    compareDates(action.dueOn, addDays(today, IMPROVEMENT_REMINDER_DAYS)) <= 0
  );
}

/**
 * Each open action is reminded twice at most: once when it comes within the reminder window, once
 * when it is overdue; a new due date is reminded again.
 */
export function improvementReminderKey(id: string, dueOn: LocalDate, today: LocalDate): string {
  return `improvement:${id}:${dueOn}:${compareDates(dueOn, today) < 0 ? "overdue" : "due"}`;
}
