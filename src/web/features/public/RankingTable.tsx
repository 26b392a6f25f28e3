import { Link } from "react-router";
import type { PublicRankingPage } from "../../../contracts/public.js";
import { formatPercent, publicMunicipalityPath } from "./queries";
import { ScoreBar } from "./ScoreBar";

type Entry = Pick<PublicRankingPage["items"][number], "rank" | "cvegeo" | "name" | "index"> & {
  cohort?: string;
};

/** Participating municipalities by implementation index, in the order given (by place). */
export function RankingTable({
  entries,
  caption,
  showCohort = false,
}: {
  entries: readonly Entry[];
  caption: string;
  showCohort?: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="table ranking">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              Lugar
            </th>
            <th scope="col">Municipio</th>
            {showCohort ? (
              <th scope="col" className="ranking__cohort">
                Cohorte
              </th>
            ) : null}
            <th scope="col" className="numeric">
              Índice
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.cvegeo} data-cvegeo={entry.cvegeo}>
              <td className="numeric">{entry.rank}</td>
              <th scope="row">
                <Link to={publicMunicipalityPath(entry.cvegeo)}>{entry.name}</Link>
              </th>
              {showCohort ? <td className="ranking__cohort">{entry.cohort}</td> : null}
              <td className="numeric">
                <ScoreBar score={entry.index} />
                {formatPercent(entry.index)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
