import { defaultOrder, type MatrixSort } from "../../../domain/gap-matrix.js";
import { TOOL_STATES } from "../../../domain/tool-state.js";
import type { GapMatrixParams } from "../../api/client";
import { oneOf, readPage } from "../../ui/searchParams";

/** The matrix's rows per page. */
export const PAGE_SIZE = 50;

/** The address keeps the filters in Spanish: ?cohorte=…&dimension=…&estado=…&vencidas=si. */
export function readParams(search: URLSearchParams): GapMatrixParams {
  const state = search.get("estado");
  const overdue = search.get("vencidas");
  const order = search.get("orden-dir");
  return {
    cohort: search.get("cohorte") || undefined,
    dimension: search.get("dimension") || undefined,
    state: oneOf(TOOL_STATES, state),
    overdue: overdue === "si" ? "true" : overdue === "no" ? "false" : undefined,
    sort: search.get("orden") || undefined,
    order: order === "asc" || order === "desc" ? order : undefined,
    page: readPage(search),
    pageSize: PAGE_SIZE,
  };
}

/** The sort as the domain reads it, from the `sort` parameter. */
export function sortOf(sort: string | undefined): MatrixSort {
  if (sort?.startsWith("tool:")) {
    return { tool: sort.slice("tool:".length) };
  }
  return sort === "gaps" || sort === "overdue" || sort === "index" ? sort : "name";
}

/** The direction in effect: the one chosen, or the sort's own. */
export function orderOf(params: GapMatrixParams): "asc" | "desc" {
  return params.order ?? defaultOrder(sortOf(params.sort));
}
