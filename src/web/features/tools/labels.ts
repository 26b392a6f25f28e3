import type { ToolInstance } from "../../../contracts/participation.js";
import { CRITERION_RESULT_LABELS, isCriterionResult } from "../../../domain/review.js";
import { describeDeadlineByDaysLeft } from "../../../domain/spans.js";
import { TOOL_STATE_LABELS, type ToolState } from "../../../domain/tool-state.js";
import type { BadgeTone } from "../../ui/Badge";
import { formatNumber } from "../../ui/format";

export const STATE_TONES: Record<ToolState, BadgeTone> = {
  pending: "neutral",
  in_progress: "info",
  submitted: "warning",
  changes_requested: "danger",
  validated: "success",
};

export function stateLabel(state: ToolState): string {
  return TOOL_STATE_LABELS[state];
}

/** «Cumple (1)» for a criterion result; a number that is none of them, as the number. */
export function criterionResultLabel(result: number): string {
  return isCriterionResult(result) ? CRITERION_RESULT_LABELS[result] : formatNumber(result);
}

/**
 * «Faltan 12 días», «Vence hoy», «Vencida hace 3 años y 9 meses» (src/domain/spans.ts); null
 * without a deadline or once done.
 */
export function deadlineText(
  tool: Pick<ToolInstance, "deadline" | "daysLeft" | "state">,
): string | null {
  if (tool.deadline === null || tool.daysLeft === null || tool.state === "validated") {
    return null;
  }
  return describeDeadlineByDaysLeft(tool.deadline, tool.daysLeft);
}

/** "Sistema de Integridad y Código de Ética: Código de Ética" for a part, or just the tool name. */
export function toolTitle(tool: {
  tool: string;
  toolName: string;
  partName: string | null;
}): string {
  return tool.partName ? `${tool.toolName}: ${tool.partName}` : tool.toolName;
}
