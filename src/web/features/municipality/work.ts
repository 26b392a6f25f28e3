import type { DeadlineItem } from "../../../contracts/dashboard.js";
import type { ToolInstance } from "../../../contracts/participation.js";
import { TOOL_STATE_LABELS, TOOL_STATES, type ToolState } from "../../../domain/tool-state.js";

/** The state filters of a municipality's tools: every state, and the overdue ones. */
export const TOOL_FILTERS = ["todas", "vencidas", ...TOOL_STATES] as const;
export type ToolFilter = (typeof TOOL_FILTERS)[number];

export const TOOL_FILTER_LABELS: Record<ToolFilter, string> = {
  todas: "Todas",
  vencidas: "Vencidas",
  ...TOOL_STATE_LABELS,
};

/** The filter in the address (`?estado=`); anything else is every tool. */
export function readToolFilter(search: URLSearchParams): ToolFilter {
  const value = search.get("estado");
  return (TOOL_FILTERS as readonly string[]).includes(value ?? "")
    ? (value as ToolFilter)
    : "todas";
}

/** The tools a filter keeps, in their order. */
export function filterTools(tools: readonly ToolInstance[], filter: ToolFilter): ToolInstance[] {
  if (filter === "todas") {
    return [...tools];
  }
  if (filter === "vencidas") {
    return tools.filter((tool) => tool.overdue);
  }
  return tools.filter((tool) => tool.state === filter);
}

/** How many tools each filter keeps, for the filter buttons. */
export function toolFilterCounts(tools: readonly ToolInstance[]): Record<ToolFilter, number> {
  const counts = Object.fromEntries(TOOL_FILTERS.map((filter) => [filter, 0])) as Record<
    ToolFilter,
    number
  >;
  counts.todas = tools.length;
  for (const tool of tools) {
    counts[tool.state as ToolState] += 1;
    if (tool.overdue) {
      counts.vencidas += 1;
    }
  }
  return counts;
}

/**
 * The deadlines worth seeing first: the latest overdue ones still owed and the next ones to
 * come; the rest (older overdue, later ones, validated) wait behind «Ver todos».
 */
export function nearDeadlines(
  items: readonly DeadlineItem[],
  limits: { overdue: number; upcoming: number } = { overdue: 3, upcoming: 5 },
): { shown: DeadlineItem[]; hidden: number } {
  const open = items.filter((item) => item.state !== "validated");
  const overdue = open.filter((item) => item.overdue).slice(-limits.overdue);
  const upcoming = open.filter((item) => !item.overdue).slice(0, limits.upcoming);
  const keep = new Set([...overdue, ...upcoming].map((item) => item.instanceId));
  const shown = items.filter((item) => keep.has(item.instanceId));
  return { shown, hidden: items.length - shown.length };
}
