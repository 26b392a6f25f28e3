/**
 * Extensions (prórrogas): a municipality asks for more time on one tool instance; staff approve
 * (possibly with another date) or refuse. The deadline in force is the extended one; the original
 * is kept beside it. Plain rules: the service enforces them and the forms check them first.
 */
import { labelledCodes, type RuleProblem } from "./codes.js";
import { compareDates, type LocalDate, shownDate } from "./dates.js";
import type { ToolState } from "./tool-state.js";

export const [EXTENSION_STATUSES, EXTENSION_STATUS_LABELS] = labelledCodes({
  pending: "Solicitada, por decidir",
  approved: "Aprobada",
  refused: "Rechazada",
});
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export const EXTENSION_DECISIONS = ["approve", "refuse"] as const;
export type ExtensionDecision = (typeof EXTENSION_DECISIONS)[number];

/** The stable error codes of the extension rules (the API answers them as `error.code`). */
export const EXTENSION_PROBLEM_CODES = [
  "extension_date_not_after_deadline",
  "extension_already_pending",
  "extension_already_decided",
  "extension_tool_validated",
  "extension_without_deadline",
  "extension_reason_required",
] as const;
export type ExtensionProblem = RuleProblem<typeof EXTENSION_PROBLEM_CODES>;

/**
 * The deadline in force: an approved extension replaces the planned deadline when it is later
 * (a correction of the agreement may since have moved the planned one beyond it). Without an
 * extension, the planned deadline. Every "deadline" the platform shows and judges is this one.
 */
export function effectiveDeadline(
  planned: LocalDate | null,
  extendedTo: LocalDate | null,
): LocalDate | null {
  if (extendedTo === null) {
    return planned;
  }
  if (planned === null) {
    return extendedTo;
  }
  return compareDates(extendedTo, planned) > 0 ? extendedTo : planned;
}

/**
 * How an instance's stored deadlines change when its planned deadline is recomputed (a corrected
 * signing date, a project's new end date): the planned one moves, an approved extension stays, and
 * the deadline in force follows `effectiveDeadline`.
 */
export function replanDeadline(
  planned: LocalDate | null,
  extendedTo: LocalDate | null,
): { deadline: LocalDate | null; originalDeadline: LocalDate | null } {
  return extendedTo === null
    ? { deadline: planned, originalDeadline: null }
    : { deadline: effectiveDeadline(planned, extendedTo), originalDeadline: planned };
}

/** What the request rules need to know of the instance. */
export interface ExtendableInstance {
  state: ToolState;
  /** The deadline in force (already extended, if it was). */
  deadline: LocalDate | null;
  /** Whether a request is already waiting for a decision. */
  hasPendingRequest: boolean;
}

const REASON_REQUIRED: ExtensionProblem = {
  code: "extension_reason_required",
  message: "Escriba el motivo.",
};

/** Refused both when asking and when deciding: a validated tool needs no more time. */
const TOOL_VALIDATED: ExtensionProblem = {
  code: "extension_tool_validated",
  message: "La herramienta ya está validada: no necesita prórroga.",
};

function dateAfterDeadlineProblem(
  date: LocalDate,
  deadline: LocalDate,
  what: string,
): ExtensionProblem | null {
  return compareDates(date, deadline) > 0
    ? null
    : {
        code: "extension_date_not_after_deadline",
        message: `${what} debe ser posterior al plazo vigente (${shownDate(deadline)}).`,
      };
}

/**
 * Whether a municipality may ask for an extension to `requestedOn`: the tool is not validated, it
 * has a deadline, no other request is pending, the reason is written and the date is after the
 * deadline in force.
 */
export function extensionRequestProblem(
  instance: ExtendableInstance,
  request: { reason: string; requestedOn: LocalDate },
): ExtensionProblem | null {
  if (instance.state === "validated") {
    return TOOL_VALIDATED;
  }
  if (instance.deadline === null) {
    return {
      code: "extension_without_deadline",
      message: "La herramienta aún no tiene plazo: no se puede prorrogar.",
    };
  }
  if (instance.hasPendingRequest) {
    return {
      code: "extension_already_pending",
      message: "Ya hay una solicitud de prórroga pendiente para esta herramienta.",
    };
  }
  if (request.reason.trim() === "") {
    return REASON_REQUIRED;
  }
  return dateAfterDeadlineProblem(request.requestedOn, instance.deadline, "La fecha solicitada");
}

/** A decision on a request: approve (with the requested date or another) or refuse. */
export type ExtensionDecisionInput =
  | { decision: "approve"; grantedOn: LocalDate; reason: string }
  | { decision: "refuse"; reason: string };

/**
 * Whether staff may decide a request: it is still pending (a decided request never changes), the
 * tool is not validated meanwhile, a refusal gives its reason, and an approval's date is after
 * the deadline in force.
 */
export function extensionDecisionProblem(
  request: { status: ExtensionStatus },
  instance: { state: ToolState; deadline: LocalDate | null },
  decision: ExtensionDecisionInput,
): ExtensionProblem | null {
  if (request.status !== "pending") {
    return {
      code: "extension_already_decided",
      message: `La solicitud ya fue decidida (${EXTENSION_STATUS_LABELS[request.status].toLowerCase()}): no se puede cambiar.`,
    };
  }
  if (instance.state === "validated") {
    return TOOL_VALIDATED;
  }
  if (decision.decision === "refuse") {
    return decision.reason.trim() === "" ? REASON_REQUIRED : null;
  }
  return instance.deadline === null
    ? null
    : dateAfterDeadlineProblem(decision.grantedOn, instance.deadline, "La nueva fecha");
}
