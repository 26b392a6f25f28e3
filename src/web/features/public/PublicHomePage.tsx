import { Link } from "react-router";
import { APP_NAME } from "../../app/appName";
import { ErrorAlert } from "../../ui/Alert";
import { formatLocalDate, plural } from "../../ui/format";
import { Hero, type HeroLink } from "../../ui/Hero";
import { Loading } from "../../ui/Loading";
import { usePageTitle } from "../../ui/PageHeader";
import { MunicipalitySearch } from "./MunicipalitySearch";
import { PublicMap } from "./PublicMap";
import { formatPercent, PUBLIC_RANKING_PATH, usePublicSummary } from "./queries";
import { RankingTable } from "./RankingTable";
import "./public.css";

const PORTAL_LINKS: readonly HeroLink[] = [
  { to: "/modelo", label: "Conocer el modelo" },
  { to: "/datos-abiertos", label: "Datos abiertos" },
  { to: "/verificar", label: "Verificar una cédula" },
];

/**
 * The public portal's home: how far each municipality has come, on a map and in a ranking, and a
 * search to find one's own. The search works at once (it asks the server); the first places render
 * as soon as the summary arrives; the map's outlines load beside it and never hold the page up.
 */
export function PublicHomePage() {
  usePageTitle("Avance de los municipios");
  const summary = usePublicSummary();
  const data = summary.data;

  return (
    <div className="stack stack--large">
      <Hero
        id="portal-titulo"
        title={<>Avance de los municipios en el {APP_NAME}</>}
        lead={
          <>
            Consulte cuánto ha avanzado cada ayuntamiento en las herramientas de transparencia,
            acceso a la información y gobierno abierto del modelo, y descargue sus documentos
            validados y los datos abiertos.
          </>
        }
        meta={
          data ? (
            <>
              {plural(
                data.totals.participating,
                "municipio con convenio",
                "municipios con convenio",
              )}{" "}
              de {plural(data.totals.municipalities, "municipio", "municipios")} · mediana del
              índice: {formatPercent(data.totals.medianIndex)} · cifras al{" "}
              {formatLocalDate(data.asOf)}
            </>
          ) : null
        }
        links={PORTAL_LINKS}
      />

      <MunicipalitySearch />
      {summary.isPending ? <Loading label="Cargando el avance de los municipios…" /> : null}
      <ErrorAlert error={summary.error} />
      {data ? (
        <div className="split-grid public-home__grid">
          <section aria-labelledby="portal-mapa">
            <h2 id="portal-mapa">Mapa del avance</h2>
            <p className="muted small">
              Haga clic en un municipio para ver su avance y sus documentos.
            </p>
            <PublicMap colours={data.map} />
          </section>
          <section aria-labelledby="portal-clasificacion" className="stack">
            <h2 id="portal-clasificacion">Clasificación</h2>
            <p className="muted small">
              Índice de implementación: promedio ponderado de las{" "}
              {plural(data.model.dimensions.length, "dimensión", "dimensiones")} del modelo.
            </p>
            {data.top.length === 0 ? (
              <p className="empty">Aún no hay municipios con convenio firmado.</p>
            ) : (
              <>
                <RankingTable
                  entries={data.top}
                  caption="Primeros lugares por índice de implementación"
                />
                <p>
                  <Link to={PUBLIC_RANKING_PATH}>
                    Ver la clasificación completa (
                    {plural(data.totals.participating, "municipio", "municipios")})
                  </Link>
                </p>
              </>
            )}
          </section>
        </div>
      ) : null}
    </div>
  );
}
