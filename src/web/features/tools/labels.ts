import type { ToolInstance } from "../../../contracts/participation.js";
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

export const OBSERVATION_TYPE_LABELS = {
  observacion: "Observación",
  recomendacion: "Recomendación",
  requerimiento: "Requerimiento",
} as const;
export type ObservationType = keyof typeof OBSERVATION_TYPE_LABELS;

export const CRITERION_RESULT_LABELS: Record<string, string> = {
  "1": "Cumple (1)",
  "0.5": "Cumple parcialmente (0.5)",
  "0": "No cumple (0)",
};

export function criterionResultLabel(result: number): string {
  return CRITERION_RESULT_LABELS[String(result)] ?? formatNumber(result);
}

/** "Faltan 12 días", "Vence hoy", "Vencida hace 3 días"; null without a deadline or once done. */
export function deadlineText(tool: Pick<ToolInstance, "daysLeft" | "state">): string | null {
  if (tool.daysLeft === null || tool.state === "validated") {
    return null;
  }
  const days = tool.daysLeft;
  if (days === 0) {
    return "Vence hoy";
  }
  if (days > 0) {
    return days === 1 ? "Falta 1 día" : `Faltan ${formatNumber(days)} días`;
  }
  const late = -days;
  return late === 1 ? "Vencida hace 1 día" : `Vencida hace ${formatNumber(late)} días`;
}

/** "E3 · Código de Ética" or just the tool name. */
export function toolTitle(tool: {
  tool: string;
  toolName: string;
  partName: string | null;
}): string {
  return tool.partName ? `${tool.toolName}: ${tool.partName}` : tool.toolName;
}
