/**
 * What the public may see of a municipality's progress. The portal and the open data show a
 * tool's state in four words: validated, in progress, pending or overdue. Whether work is in
 * review or was returned with observations stays inside the institution: it would expose drafts
 * and observations, which are never public.
 */
import { labelledCodes } from "./codes.js";
import type { ToolState } from "./tool-state.js";

export const [PUBLIC_TOOL_STATES, PUBLIC_TOOL_STATE_LABELS] = labelledCodes({
  validated: "Validada",
  in_progress: "En proceso",
  pending: "Pendiente",
  overdue: "Vencida",
});
export type PublicToolState = (typeof PUBLIC_TOOL_STATES)[number];

/**
 * The public state of a tool (or one instance): validated wins over everything; a deadline that
 * passed without validation is "overdue"; untouched work is "pending"; anything else (drafts,
 * in review, returned with observations) is simply "in progress".
 */
export function publicToolState(status: { state: ToolState; overdue: boolean }): PublicToolState {
  if (status.state === "validated") {
    return "validated";
  }
  if (status.overdue) {
    return "overdue";
  }
  return status.state === "pending" ? "pending" : "in_progress";
}

/** Counts of tools by public state, for summaries and the open data. */
export function countPublicStates(
  states: readonly PublicToolState[],
): Record<PublicToolState, number> {
  const counts: Record<PublicToolState, number> = {
    validated: 0,
    in_progress: 0,
    pending: 0,
    overdue: 0,
  };
  for (const state of states) {
    counts[state] += 1;
  }
  return counts;
}

/**
 * Ranks by index, highest first, with competition ranking: equal indexes share a place and the
 * next place skips ("1, 2, 2, 4"). Ties keep the input order, so pass the items sorted by name.
 * Indexes are compared as the percentage the screens show (one decimal), so two municipalities
 * shown with the same figure never get different places.
 */
export function rankByIndex<T extends { index: number }>(
  items: readonly T[],
): (T & { rank: number })[] {
  // Each index as shown, once per item rather than twice per comparison.
  const sorted = items
    .map((item, order) => ({ item, order, shown: Math.round(item.index * 1000) }))
    .sort((a, b) => b.shown - a.shown || a.order - b.order);
  const ranked: (T & { rank: number })[] = [];
  let previousShown = Number.NaN;
  let previousRank = 0;
  sorted.forEach(({ item, shown }, position) => {
    const rank = shown === previousShown ? previousRank : position + 1;
    previousShown = shown;
    previousRank = rank;
    ranked.push({ ...item, rank });
  });
  return ranked;
}

/** The bands of the map's colour scale: 0–20 %, 20–40 %, 40–60 %, 60–80 %, 80–100 %. */
export const INDEX_BANDS = [
  { band: 0, label: "0 a 20 %" },
  { band: 1, label: "20 a 40 %" },
  { band: 2, label: "40 a 60 %" },
  { band: 3, label: "60 a 80 %" },
  { band: 4, label: "80 a 100 %" },
] as const;

/** The band (0–4) of an index between 0 and 1; the upper bound belongs to the band above. */
export function indexBand(index: number): number {
  const clamped = Math.min(1, Math.max(0, index));
  return Math.min(INDEX_BANDS.length - 1, Math.floor(clamped * INDEX_BANDS.length));
}
