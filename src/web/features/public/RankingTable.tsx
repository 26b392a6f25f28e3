import { useState } from "react";
import { Link } from "react-router";
import type { PublicSummary } from "../../../contracts/public.js";
import { formatNumber } from "../../ui/format";
import { formatPercent, publicMunicipalityPath } from "./queries";
import { ScoreBar } from "./ScoreBar";

type Entry = PublicSummary["municipalities"][number];

/** How many places show before "see all": enough for a phone screen or two. */
const FIRST_PLACES = 20;

/** The participating municipalities by implementation index, highest first. */
export function RankingTable({ municipalities }: { municipalities: readonly Entry[] }) {
  const [showAll, setShowAll] = useState(false);
  const ranked = municipalities
    .filter((entry) => entry.participating && entry.rank !== null)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  if (ranked.length === 0) {
    return <p className="empty">Aún no hay municipios con convenio firmado.</p>;
  }
  const shown = showAll ? ranked : ranked.slice(0, FIRST_PLACES);
  return (
    <>
      <div className="table-wrap">
        <table className="table ranking">
          <caption className="visually-hidden">
            Municipios con convenio ordenados por índice de implementación
          </caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                Lugar
              </th>
              <th scope="col">Municipio</th>
              <th scope="col" className="numeric">
                Índice
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((entry) => (
              <tr key={entry.cvegeo} data-cvegeo={entry.cvegeo}>
                <td className="numeric">{entry.rank}</td>
                <th scope="row">
                  <Link to={publicMunicipalityPath(entry.cvegeo)}>{entry.name}</Link>
                </th>
                <td className="numeric nowrap">
                  <ScoreBar score={entry.index ?? 0} />
                  {formatPercent(entry.index)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ranked.length > FIRST_PLACES ? (
        <div className="button-row">
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={showAll}
            onClick={() => setShowAll((all) => !all)}
          >
            {showAll
              ? `Mostrar solo los primeros ${FIRST_PLACES}`
              : `Ver los ${formatNumber(ranked.length)} municipios`}
          </button>
        </div>
      ) : null}
    </>
  );
}
