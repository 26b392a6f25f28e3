/**
 * The extension forms' own checks, through the same rules the server applies
 * (src/domain/extensions.ts), so the form and the server refuse the same things in the same words.
 */
import type { Extension } from "../../../contracts/extensions.js";
import type { ToolInstance } from "../../../contracts/participation.js";
import { isLocalDate } from "../../../domain/dates.js";
import {
  type ExtensionDecisionInput,
  type ExtensionProblem,
  extensionDecisionProblem,
  extensionRequestProblem,
} from "../../../domain/extensions.js";

export const REQUEST_FIELDS = ["requestedOn", "reason"] as const;
export const DECISION_FIELDS = ["grantedOn", "reason"] as const;

type Field = "requestedOn" | "grantedOn" | "reason";

/** The field a rule's refusal belongs beside; null for a refusal of the whole request. */
function fieldOf(problem: ExtensionProblem, dateField: Field): Field | null {
  switch (problem.code) {
    case "extension_date_not_after_deadline":
      return dateField;
    case "extension_reason_required":
      return "reason";
    default:
      return null;
  }
}

function problems(problem: ExtensionProblem | null, dateField: Field) {
  const field = problem ? fieldOf(problem, dateField) : null;
  return {
    fields: field && problem ? { [field]: problem.message } : {},
    general: problem && !field ? problem.message : null,
  };
}

const MISSING_DATE = "Indique la fecha (dd/mm/aaaa).";

/** What the request form finds wrong, per field, and what concerns the whole request. */
export function requestProblems(
  tool: Pick<ToolInstance, "state" | "deadline">,
  pending: boolean,
  values: { requestedOn: string; reason: string },
) {
  if (!isLocalDate(values.requestedOn)) {
    return { fields: { requestedOn: MISSING_DATE }, general: null };
  }
  return problems(
    extensionRequestProblem({ ...tool, hasPendingRequest: pending }, values),
    "requestedOn",
  );
}

/** What the decision form finds wrong: approving needs a date after the deadline, refusing a reason. */
export function decisionProblems(
  request: Pick<Extension, "status" | "deadlineBefore">,
  decision: ExtensionDecisionInput,
) {
  if (decision.decision === "approve" && !isLocalDate(decision.grantedOn)) {
    return { fields: { grantedOn: MISSING_DATE }, general: null };
  }
  return problems(
    extensionDecisionProblem(
      request,
      // A pending request was made on an open tool; the server checks the tool's state again.
      { state: "in_progress", deadline: request.deadlineBefore },
      decision,
    ),
    "grantedOn",
  );
}

/** The latest request waiting for a decision, if any (requests come newest first). */
export function pendingRequest(requests: readonly Extension[]): Extension | null {
  return requests.find((request) => request.status === "pending") ?? null;
}
