import type { CommitmentQuery, SupportActionQuery } from "../../../contracts/support.js";
import {
  COMMITMENT_STATUSES,
  SUPPORT_ACTION_STATUSES,
  SUPPORT_ACTION_TYPES,
} from "../../../domain/support.js";
import { MAX_EFFECTIVENESS_DAYS } from "../../../domain/support-effectiveness.js";
import { oneOf, readPage } from "../../ui/searchParams";

/** Support actions listed per page. */
export const ACTIONS_PAGE_SIZE = 25;
/** Commitments listed per page. */
export const COMMITMENTS_PAGE_SIZE = 50;

/** The support actions' filters: ?estado=…&tipo=…&cuando=upcoming|past&municipio=…&pagina=…. */
export function readActionFilters(search: URLSearchParams): SupportActionQuery {
  return {
    status: oneOf(SUPPORT_ACTION_STATUSES, search.get("estado")),
    type: oneOf(SUPPORT_ACTION_TYPES, search.get("tipo")),
    when: oneOf(["upcoming", "past"] as const, search.get("cuando")),
    municipality: search.get("municipio") || undefined,
    page: readPage(search),
    pageSize: ACTIONS_PAGE_SIZE,
  };
}

/** The commitment statuses a person can filter by, "all" included. */
export const COMMITMENT_FILTERS = [...COMMITMENT_STATUSES, "all"] as const;

/**
 * The commitments' filters: ?estado=…&vencidos=1&municipio=…&pagina=…; open ones unless another
 * status (or all) is asked for.
 */
export function readCommitmentFilters(search: URLSearchParams): CommitmentQuery {
  return {
    status: oneOf(COMMITMENT_FILTERS, search.get("estado")) ?? "open",
    overdue: search.get("vencidos") === "1" ? "true" : undefined,
    municipality: search.get("municipio") || undefined,
    page: readPage(search),
    pageSize: COMMITMENTS_PAGE_SIZE,
  };
}

/** The window of «¿Funcionó?» from ?dias=…: whole days from 1 to the maximum, else the default. */
export function readEffectivenessDays(search: URLSearchParams): number | undefined {
  const days = Number(search.get("dias"));
  return Number.isInteger(days) && days >= 1 && days <= MAX_EFFECTIVENESS_DAYS ? days : undefined;
}
