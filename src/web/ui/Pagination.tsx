import type { ReactNode } from "react";
import { formatNumber } from "./format";

/** Where a page stands among the results: its number, its size and how many there are in all. */
export interface PageInfo {
  page: number;
  pageSize: number;
  total: number;
}

interface PaginationProps {
  /** The page shown (a page of results as the server sends it will do). */
  results: PageInfo;
  onPage: (page: number) => void;
  /** What is being counted, in plural: "cuentas", "eventos". */
  noun: string;
}

export function Pagination({ results, onPage, noun }: PaginationProps) {
  const { page, pageSize, total } = results;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="spread-row pagination" aria-label="Paginación">
      <p className="pagination__summary">
        {total === 0
          ? `Sin ${noun}`
          : `${formatNumber(first)}–${formatNumber(last)} de ${formatNumber(total)} ${noun}`}
      </p>
      <PageButtons page={page} hasNext={page < pages} onPage={onPage}>
        <span className="pagination__page">
          Página {formatNumber(page)} de {formatNumber(pages)}
        </span>
      </PageButtons>
    </nav>
  );
}

/**
 * The buttons to the page before and the page after, with `children` between them; a list whose
 * total is unknown says itself whether a next page may exist (`hasNext`).
 */
export function PageButtons({
  page,
  hasNext,
  onPage,
  labels = { previous: "‹ Anterior", next: "Siguiente ›" },
  children,
}: {
  page: number;
  hasNext: boolean;
  onPage: (page: number) => void;
  labels?: { previous: string; next: string };
  children?: ReactNode;
}) {
  return (
    <div className="pagination__buttons">
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onPage(page - 1)}
        disabled={page <= 1}
      >
        {labels.previous}
      </button>
      {children}
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onPage(page + 1)}
        disabled={!hasNext}
      >
        {labels.next}
      </button>
    </div>
  );
}
