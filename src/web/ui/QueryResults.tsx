import type { ReactNode } from "react";
import { ErrorAlert } from "./Alert";
import { Loading } from "./Loading";
import { Pagination } from "./Pagination";

interface QueryState<D> {
  isPending: boolean;
  error: unknown;
  data: D | undefined;
  isPlaceholderData: boolean;
}

/**
 * A list's query: "loading" while it has nothing, its error, then its data, dimmed while the
 * results of new filters are on their way.
 */
export function QueryResults<D>({
  query,
  loadingLabel,
  className,
  children,
}: {
  query: QueryState<D>;
  loadingLabel: string;
  /** Classes of the box around the data. */
  className?: string;
  children: (data: D) => ReactNode;
}) {
  const boxClass = query.isPlaceholderData
    ? ["is-refreshing", className].filter(Boolean).join(" ")
    : className;
  return (
    <>
      {query.isPending ? <Loading label={loadingLabel} /> : null}
      <ErrorAlert error={query.error} />
      {query.data === undefined ? null : <div className={boxClass}>{children(query.data)}</div>}
    </>
  );
}

/**
 * What a screen shows until its query has data: "loading" while pending, then its error. Screens
 * return it while `!query.isSuccess`, which also narrows the query to its data after.
 */
export function QueryPending({
  query,
  loadingLabel,
}: {
  query: { isPending: boolean; error: unknown };
  loadingLabel: string;
}) {
  return query.isPending ? <Loading label={loadingLabel} /> : <ErrorAlert error={query.error} />;
}

/** One page of results as the server sends it. */
export interface ResultPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * A page of results: how many there are, the items (or what to say when there are none) and,
 * when they fill more than one page, the page buttons.
 */
export function PagedResults<T>({
  results,
  count,
  empty,
  noun,
  onPage,
  children,
}: {
  results: ResultPage<T>;
  count: ReactNode;
  empty: ReactNode;
  /** What is counted, in plural, for the page buttons. */
  noun: string;
  onPage: (page: number) => void;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <>
      <p className="result-count" role="status">
        {count}
      </p>
      {results.items.length === 0 ? <p className="empty">{empty}</p> : children(results.items)}
      {results.total > results.pageSize ? (
        <Pagination results={results} onPage={onPage} noun={noun} />
      ) : null}
    </>
  );
}
