import type { QueueScope } from "../../../domain/portfolios.js";
import type { Role } from "../../../domain/roles.js";
import type { ReviewQueueFilters } from "../../api/client";

/** `?alcance=mis` or `?alcance=todos`: the queue's scope as the address names it. */
const SCOPE_PARAM: Record<QueueScope, string> = { mine: "mis", all: "todos" };

/**
 * The review queue's filters from its address:
 * ?alcance=mis|todos&municipio=…&herramienta=…&dimension=…&cohorte=….
 */
export function readReviewQueueFilters(search: URLSearchParams): ReviewQueueFilters {
  const scope = search.get("alcance");
  return {
    scope: scope === SCOPE_PARAM.all ? "all" : scope === SCOPE_PARAM.mine ? "mine" : undefined,
    municipality: search.get("municipio") || undefined,
    tool: search.get("herramienta") || undefined,
    dimension: search.get("dimension") || undefined,
    cohort: search.get("cohorte") || undefined,
  };
}

/** A reviewer's queue opens on «Mis municipios»; an admin's (no portfolio) on every municipality. */
export function effectiveScope(scope: QueueScope | undefined, role: Role | undefined): QueueScope {
  return scope ?? (role === "reviewer" ? "mine" : "all");
}

/** The address parameter of a scope. */
export function scopeParam(scope: QueueScope): string {
  return SCOPE_PARAM[scope];
}
