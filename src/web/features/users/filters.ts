import { ROLES } from "../../../domain/roles.js";
import type { UserFilters } from "../../api/client";
import { oneOf, readPage } from "../../ui/searchParams";

/** Accounts listed per page. */
export const USERS_PAGE_SIZE = 25;

/** The accounts page's filters from its address: ?q=…&rol=…&activa=true|false&pagina=…. */
export function readUserFilters(search: URLSearchParams): UserFilters {
  return {
    q: search.get("q") ?? undefined,
    role: oneOf(ROLES, search.get("rol")),
    active: oneOf(["true", "false"] as const, search.get("activa")),
    page: readPage(search),
    pageSize: USERS_PAGE_SIZE,
  };
}
