import type { ReviewQueueFilters } from "../../api/client";

/** The review queue's filters from its address: ?municipio=…&herramienta=…&dimension=…&cohorte=…. */
export function readReviewQueueFilters(search: URLSearchParams): ReviewQueueFilters {
  return {
    municipality: search.get("municipio") || undefined,
    tool: search.get("herramienta") || undefined,
    dimension: search.get("dimension") || undefined,
    cohort: search.get("cohorte") || undefined,
  };
}
