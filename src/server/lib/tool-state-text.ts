import { overdueLabel, type ToolStatus } from "../../domain/progress.js";
import { TOOL_STATE_LABELS } from "../../domain/tool-state.js";

/**
 * A tool's state as one line of text, the same in every file the server writes (the regional
 * report's sheet and CSV, the gap matrix): the state, any `details` (the gap matrix's validated
 * parts), the cycle, «VENCIDA» and the cycle under way.
 */
export function toolStateText(
  status: Pick<ToolStatus, "state" | "overdue" | "cycle" | "missedCycles" | "workingCycle">,
  details: string[] = [],
): string {
  const parts = [TOOL_STATE_LABELS[status.state], ...details];
  if (status.cycle > 1) {
    parts.push(`ciclo ${status.cycle}`);
  }
  const overdue = overdueLabel(status);
  if (overdue) {
    parts.push(overdue.toUpperCase());
  }
  if (status.workingCycle !== null) {
    parts.push(`ciclo ${status.workingCycle} en curso`);
  }
  return parts.join(" · ");
}
