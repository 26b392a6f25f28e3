import { MAIL_STATUSES } from "../../../domain/notifications.js";
import type { OutboxFilters } from "../../api/client";
import { oneOf, readPage } from "../../ui/searchParams";

/** E-mails listed per page. */
export const OUTBOX_PAGE_SIZE = 50;

/** The outbox's filters from its address: ?estado=…&q=…&pagina=…. */
export function readOutboxFilters(search: URLSearchParams): OutboxFilters {
  return {
    status: oneOf(MAIL_STATUSES, search.get("estado")),
    q: search.get("q") ?? undefined,
    page: readPage(search),
    pageSize: OUTBOX_PAGE_SIZE,
  };
}
