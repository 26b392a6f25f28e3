import type { ReactNode } from "react";

/** A chart's figures in a table, folded below it (every chart has one). */
export function ChartData({
  summary,
  caption,
  children,
}: {
  /** What opens the table: "Ver … en una tabla". */
  summary: string;
  /** The table's caption, for screen readers: the chart's title. */
  caption: string;
  /** The table's head and body. */
  children: ReactNode;
}) {
  return (
    <details className="chart-data">
      <summary>{summary}</summary>
      <div className="table-wrap">
        <table className="table table--compact">
          <caption className="visually-hidden">{caption}</caption>
          {children}
        </table>
      </div>
    </details>
  );
}
