import { isAuditAction, isAuditEntityType } from "../../../domain/audit-events.js";
import type { AuditFilters } from "../../api/client";
import { readPage } from "../../ui/searchParams";

/** Events listed per page. */
export const AUDIT_PAGE_SIZE = 50;

/**
 * The Bitácora's filters from its address (?accion=…&entidad=…&q=…&pagina=…); an action or an
 * entity the catalogue does not know (an old link) is ignored.
 */
export function readAuditFilters(search: URLSearchParams): AuditFilters {
  const action = search.get("accion") ?? "";
  const entityType = search.get("entidad") ?? "";
  return {
    action: isAuditAction(action) ? action : undefined,
    entityType: isAuditEntityType(entityType) ? entityType : undefined,
    q: search.get("q") ?? undefined,
    page: readPage(search),
    pageSize: AUDIT_PAGE_SIZE,
  };
}
