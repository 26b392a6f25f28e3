import { type ReactNode, useMemo, useState } from "react";
import { Link } from "react-router";
import type { RankingRow } from "../../../contracts/dashboard.js";
import { formatNumber, plural } from "../../ui/format";
import { SearchField } from "../../ui/SearchField";
import { formatPercent } from "./format";
import { nextSorting, rankingRows, type Sorting, type SortKey } from "./ranking";

/** Rows shown before "Mostrar todos": enough for a region, light for a national table. */
const FIRST_ROWS = 100;

/**
 * The participating municipalities by index (ties share a place), sortable by any column, with a
 * search box; each name opens the municipality's page.
 */
export function RankingTable({
  rows,
  dimensions,
}: {
  rows: readonly RankingRow[];
  dimensions: readonly { code: string; name: string }[];
}) {
  const [sorting, setSorting] = useState<Sorting>({ key: "rank", descending: false });
  const [query, setQuery] = useState("");
  const [showAll, setShowAll] = useState(false);
  const sorted = useMemo(() => rankingRows(rows, query, sorting), [rows, sorting, query]);
  const shown = showAll ? sorted : sorted.slice(0, FIRST_ROWS);

  function sortBy(key: SortKey, startDescending: boolean) {
    setSorting((current) => nextSorting(current, key, startDescending));
  }

  const header = (key: SortKey, label: ReactNode, startDescending: boolean, numeric = true) => {
    const active = sorting.key === key;
    return (
      <th
        scope="col"
        className={numeric ? "numeric" : undefined}
        aria-sort={active ? (sorting.descending ? "descending" : "ascending") : undefined}
      >
        <button type="button" className="sort-button" onClick={() => sortBy(key, startDescending)}>
          {label}
          <span className="sort-button__mark" aria-hidden="true">
            {active ? (sorting.descending ? "▼" : "▲") : "↕"}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="stack">
      <div className="filters">
        <SearchField
          hint="Por nombre o clave INEGI."
          value={query}
          onChange={(value) => {
            setQuery(value);
            setShowAll(false);
          }}
        />
      </div>
      <p className="result-count" role="status">
        {plural(sorted.length, "municipio", "municipios")}
      </p>
      <div className="table-wrap">
        <table className="table table--compact ranking-table">
          <caption className="visually-hidden">
            Clasificación de los municipios con convenio por índice de implementación. Los
            encabezados ordenan la tabla.
          </caption>
          <thead>
            <tr>
              {header("rank", "Lugar", false)}
              {header("name", "Municipio", false, false)}
              {header("cohort", "Cohorte", false, false)}
              {header("index", "Índice", true)}
              {dimensions.map((dimension) => (
                <th
                  key={dimension.code}
                  scope="col"
                  className="numeric"
                  aria-sort={
                    sorting.key === `dimension:${dimension.code}`
                      ? sorting.descending
                        ? "descending"
                        : "ascending"
                      : undefined
                  }
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => sortBy(`dimension:${dimension.code}`, true)}
                    title={dimension.name}
                  >
                    <abbr title={dimension.name}>{dimension.code}</abbr>
                    <span className="visually-hidden"> ({dimension.name})</span>
                    <span className="sort-button__mark" aria-hidden="true">
                      {sorting.key === `dimension:${dimension.code}`
                        ? sorting.descending
                          ? "▼"
                          : "▲"
                        : "↕"}
                    </span>
                  </button>
                </th>
              ))}
              {header("onTimeRate", "A tiempo", true)}
              {header("overdueTools", "Vencidas", true)}
              {header("inReview", "En revisión", true)}
              {header("openObservations", "Observaciones", true)}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.cvegeo} data-cvegeo={row.cvegeo}>
                <td className="numeric">{row.rank}</td>
                <th scope="row">
                  <Link to={`/municipios/${row.cvegeo}`}>{row.name}</Link>
                </th>
                <td>{row.cohort}</td>
                <td className="numeric">
                  <strong>{formatPercent(row.index)}</strong>
                </td>
                {dimensions.map((dimension) => (
                  <td key={dimension.code} className="numeric">
                    {formatPercent(row.dimensions[dimension.code])}
                  </td>
                ))}
                <td className="numeric">{formatPercent(row.onTimeRate)}</td>
                <td className="numeric">{formatNumber(row.overdueTools)}</td>
                <td className="numeric">{formatNumber(row.inReview)}</td>
                <td className="numeric">{formatNumber(row.openObservations)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!showAll && sorted.length > FIRST_ROWS ? (
        <div className="button-row">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setShowAll(true)}
          >
            Mostrar los {formatNumber(sorted.length)} municipios
          </button>
        </div>
      ) : null}
    </div>
  );
}
