import type { ReactNode } from "react";
import { Link } from "react-router";
import type {
  GapMatrix,
  GapMatrixCell,
  GapMatrixColumnTotals,
} from "../../../contracts/gap-matrix.js";
import { EXEMPT_LABEL } from "../../../domain/exemptions.js";
import { overdueLabel } from "../../../domain/progress.js";
import type { ToolState } from "../../../domain/tool-state.js";
import { formatLocalDate, formatNumber } from "../../ui/format";

/** Short state names for the matrix's narrow cells (the legend gives the full ones). */
export const SHORT_STATE_LABELS: Record<ToolState, string> = {
  pending: "Pendiente",
  in_progress: "En elaboración",
  submitted: "En revisión",
  changes_requested: "Con observaciones",
  validated: "Validada",
};

const percent = (index: number) =>
  `${(Math.round(index * 1000) / 10).toLocaleString("es-MX", { minimumFractionDigits: 1 })} %`;

interface SortState {
  sort: string;
  order: "asc" | "desc";
}

interface GapMatrixTableProps {
  data: GapMatrix;
  sorting: SortState;
  /** Sorts by a column: the same key again flips the direction. */
  onSort: (sort: string) => void;
}

/** The matrix: municipalities down, tools across, sticky names; state always in words. */
export function GapMatrixTable({ data, sorting, onSort }: GapMatrixTableProps) {
  // A column header that sorts by its column; `key` also keys the tools' headers.
  const sortHeader = (key: string, className: string, label: ReactNode, description: string) => {
    const sorted = sorting.sort === key ? sorting.order : undefined;
    return (
      <th
        key={key}
        scope="col"
        className={className}
        aria-sort={sorted && (sorted === "asc" ? "ascending" : "descending")}
      >
        <button
          type="button"
          className="gap-matrix__sort"
          onClick={() => onSort(key)}
          title={`Ordenar por ${description}`}
        >
          {label}
          <span className="gap-matrix__sort-mark" aria-hidden="true">
            {sorted ? (sorted === "asc" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      </th>
    );
  };
  return (
    <section
      className="panel gap-matrix-wrap"
      // A scrolling region must be reachable by keyboard to be scrolled without a mouse.
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the region scrolls; focus lets keys scroll it.
      tabIndex={0}
      aria-labelledby="matriz-caption"
    >
      <table className="gap-matrix">
        <caption id="matriz-caption" className="visually-hidden">
          Matriz de brechas: estado y plazo de cada herramienta por municipio
        </caption>
        <thead>
          <tr>
            {sortHeader("name", "gap-matrix__municipality", "Municipio", "municipio")}
            {sortHeader("index", "gap-matrix__figure", "Índice", "índice de implementación")}
            {data.columns.map((column) =>
              sortHeader(
                `tool:${column.tool}`,
                "gap-matrix__tool",
                <>
                  <abbr title={column.toolName}>{column.tool}</abbr>
                  <span className="visually-hidden"> {column.toolName}</span>
                </>,
                `${column.tool} (lo más urgente primero)`,
              ),
            )}
            {sortHeader("gaps", "gap-matrix__figure", "Brechas", "número de brechas")}
            {sortHeader("overdue", "gap-matrix__figure", "Vencidas", "número de vencidas")}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.municipality.cvegeo} data-municipality={row.municipality.cvegeo}>
              <th scope="row" className="gap-matrix__municipality">
                <Link to={`/municipios/${row.municipality.cvegeo}`}>{row.municipality.name}</Link>
                <span className="cell-subtitle">{row.cohort}</span>
              </th>
              <td className="gap-matrix__figure">{percent(row.index)}</td>
              {row.cells.map((cell, position) => (
                <MatrixCell
                  key={data.columns[position]?.tool ?? position}
                  cell={cell}
                  exempt={row.exempt.includes(data.columns[position]?.tool ?? "")}
                />
              ))}
              <td className="gap-matrix__figure">{formatNumber(row.gaps)}</td>
              <td className="gap-matrix__figure">{formatNumber(row.overdue)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <TotalsRow
            label="Sin validar"
            totals={data.columnTotals}
            pick={(t) => t.gaps}
            gaps={data.totals.gaps}
          />
          <TotalsRow
            label="Vencidas"
            totals={data.columnTotals}
            pick={(t) => t.overdue}
            overdue={data.totals.overdue}
          />
          <TotalsRow label="Validadas" totals={data.columnTotals} pick={(t) => t.validated} />
        </tfoot>
      </table>
    </section>
  );
}

function MatrixCell({ cell, exempt }: { cell: GapMatrixCell | null; exempt: boolean }) {
  if (!cell && exempt) {
    return (
      <td className="gap-cell gap-cell--none" data-exempt="true">
        <span className="gap-cell__state">{EXEMPT_LABEL}</span>
      </td>
    );
  }
  if (!cell) {
    return (
      <td className="gap-cell gap-cell--none">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">No aplica</span>
      </td>
    );
  }
  const classes = ["gap-cell", `gap-cell--${cell.state}`, cell.overdue ? "gap-cell--overdue" : ""];
  return (
    <td
      className={classes.filter(Boolean).join(" ")}
      data-state={cell.state}
      data-overdue={cell.overdue ? "true" : undefined}
    >
      <span className="gap-cell__state">{SHORT_STATE_LABELS[cell.state]}</span>
      {cell.deadline ? (
        <span className="gap-cell__line">
          <span className="visually-hidden">Plazo: </span>
          {formatLocalDate(cell.deadline)}
        </span>
      ) : null}
      {cell.overdue ? <strong className="gap-cell__overdue">{overdueLabel(cell)}</strong> : null}
      {cell.parts > 1 && cell.state !== "validated" ? (
        <span className="gap-cell__line">
          {cell.validatedParts}/{cell.parts} componentes
        </span>
      ) : null}
      {cell.cycle > 1 ? <span className="gap-cell__line">Ciclo {cell.cycle}</span> : null}
      {cell.workingCycle !== null ? (
        <span className="gap-cell__line">Ciclo {cell.workingCycle} en curso</span>
      ) : null}
    </td>
  );
}

function TotalsRow({
  label,
  totals,
  pick,
  gaps,
  overdue,
}: {
  label: string;
  totals: GapMatrixColumnTotals[];
  pick: (t: GapMatrixColumnTotals) => number;
  gaps?: number;
  overdue?: number;
}) {
  return (
    <tr>
      <th scope="row" className="gap-matrix__municipality">
        {label}
      </th>
      <td className="gap-matrix__figure" />
      {totals.map((column) => (
        <td key={column.tool} className="gap-matrix__figure">
          {formatNumber(pick(column))}
        </td>
      ))}
      <td className="gap-matrix__figure">{gaps === undefined ? "" : formatNumber(gaps)}</td>
      <td className="gap-matrix__figure">{overdue === undefined ? "" : formatNumber(overdue)}</td>
    </tr>
  );
}
