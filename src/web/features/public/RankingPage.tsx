import { Link, useSearchParams } from "react-router";
import { ErrorAlert } from "../../ui/Alert";
import { formatLocalDate } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { METHODOLOGY_PATH } from "../methodology/queries";
import { usePublicRanking, usePublicSummary } from "./queries";
import { RankingTable } from "./RankingTable";
import "./public.css";

const PAGE_SIZE = 50;

/** Every municipality with an agreement by implementation index, fifty to a page. */
export function RankingPage() {
  const [search, setSearch] = useSearchParams();
  const page = Math.max(1, Number(search.get("pagina")) || 1);
  const ranking = usePublicRanking(page, PAGE_SIZE);
  const asOf = usePublicSummary().data?.asOf;

  return (
    <div className="stack stack--large">
      <PageHeader
        title="Clasificación de los municipios"
        description={
          <p>
            Los municipios con convenio ordenados por índice de implementación; los empates
            comparten lugar.{asOf ? ` Cifras al ${formatLocalDate(asOf)}.` : ""}{" "}
            <Link to={METHODOLOGY_PATH}>Cómo se calcula el índice</Link>.
          </p>
        }
      />
      {ranking.isPending ? <Loading label="Cargando la clasificación…" /> : null}
      <ErrorAlert error={ranking.error} />
      {ranking.data ? (
        ranking.data.total === 0 ? (
          <p className="empty">Aún no hay municipios con convenio firmado.</p>
        ) : (
          <div className={ranking.isPlaceholderData ? "stack is-refreshing" : "stack"}>
            <RankingTable
              entries={ranking.data.items}
              caption={`Clasificación, página ${page}`}
              showCohort
            />
            <Pagination
              results={{ page, pageSize: PAGE_SIZE, total: ranking.data.total }}
              noun="municipios"
              onPage={(next) => setSearch(next > 1 ? { pagina: String(next) } : {})}
            />
          </div>
        )
      ) : null}
      <p>
        <Link to="/publico">Volver al mapa del avance</Link>
      </p>
    </div>
  );
}
