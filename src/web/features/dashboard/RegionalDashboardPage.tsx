import { useCallback, useMemo } from "react";
import { useNavigate } from "react-router";
import type { RegionalDashboard } from "../../../contracts/dashboard.js";
import { api } from "../../api/client";
import { ErrorAlert } from "../../ui/Alert";
import { formatLocalDate, formatNumber, plural } from "../../ui/format";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { useMunicipalities } from "../municipalities/queries";
import { ReportCardBatchSection } from "../report-cards/ReportCardBatchSection";
import { type MapEntry, MunicipalityMap } from "./charts/MunicipalityMap";
import { TrendChart } from "./charts/TrendChart";
import { useRegionalDashboard, useRegionalRanking } from "./queries";
import { RankingTable } from "./RankingTable";
import {
  Card,
  CohortsCard,
  DimensionsCard,
  DistributionCard,
  RegionalKpis,
  ToolsCard,
} from "./RegionalCards";
import "./dashboard.css";

/** Staff: the state of the whole region on one screen. */
export function RegionalDashboardPage() {
  const dashboard = useRegionalDashboard();
  const data = dashboard.data;
  return (
    <div className="stack stack--large dashboard-page">
      <PageHeader
        title="Tablero regional"
        description={
          data ? (
            <p>
              Cifras al {formatLocalDate(data.asOf)}:{" "}
              {plural(data.participants, "municipio con convenio", "municipios con convenio")} de{" "}
              {formatNumber(data.municipalitiesInCatalog)} del catálogo.
            </p>
          ) : (
            <p>El avance de los municipios con convenio.</p>
          )
        }
        actions={
          <div className="button-row">
            <a className="button button--secondary" href={api.reports.regionalXlsxUrl()} download>
              Descargar reporte (XLSX)
            </a>
            <a className="button button--secondary" href={api.reports.regionalCsvUrl()} download>
              Descargar datos (CSV)
            </a>
          </div>
        }
      />
      {dashboard.isPending ? <Loading label="Calculando el tablero…" /> : null}
      <ErrorAlert error={dashboard.error} />
      {data ? <ReportCardBatchSection cohorts={data.cohorts.map((c) => c.cohort)} /> : null}
      {data ? <DashboardBody data={data} /> : null}
    </div>
  );
}

function DashboardBody({ data }: { data: RegionalDashboard }) {
  const navigate = useNavigate();
  const catalog = useMunicipalities().data;
  const ranking = useRegionalRanking();
  const rows = ranking.data;
  const dimensions = data.model.dimensions;
  const entries = useMemo<MapEntry[] | null>(() => {
    if (!rows) {
      return null;
    }
    const scored = new Map(rows.map((row) => [row.cvegeo, row]));
    const names = catalog ?? rows.map((row) => ({ cvegeo: row.cvegeo, name: row.name }));
    return names.map((m) => ({
      cvegeo: m.cvegeo,
      name: m.name,
      value: scored.get(m.cvegeo)?.index ?? null,
    }));
  }, [catalog, rows]);
  const openMunicipality = useCallback(
    (cvegeo: string) => void navigate(`/municipios/${cvegeo}`),
    [navigate],
  );

  if (data.participants === 0) {
    return (
      <p className="empty">
        Aún no hay municipios con convenio: el tablero se llena cuando se registra el primero.
      </p>
    );
  }

  return (
    <>
      <RegionalKpis data={data} />

      <div className="split-grid dashboard-grid">
        <Card id="mapa-titulo" title="Mapa del índice">
          <p className="muted small">
            Haga clic en un municipio para abrir su página. Los municipios sin convenio aparecen en
            gris.
          </p>
          {ranking.isPending ? <Loading label="Cargando el mapa…" /> : null}
          <ErrorAlert error={ranking.error} />
          {entries ? (
            <MunicipalityMap
              entries={entries}
              onSelect={openMunicipality}
              title="Mapa del Estado de México coloreado por índice de implementación"
              hrefFor={(cvegeo) => `/municipios/${cvegeo}`}
            />
          ) : null}
        </Card>

        <DistributionCard data={data} />
      </div>

      <DimensionsCard data={data} />

      <ToolsCard data={data} />

      <CohortsCard data={data} />

      <Card id="tendencia-titulo" title="Tendencia">
        <p className="muted small">
          Medias regionales de cada día, de las instantáneas diarias de los puntajes; el último
          punto son las cifras de hoy.
          {data.trend.length <= 1
            ? " La tendencia empieza con la primera instantánea diaria: aún no hay días anteriores."
            : ""}
        </p>
        <TrendChart
          points={data.trend}
          dimensions={dimensions}
          title="Tendencia de la media regional del índice y de cada dimensión"
        />
      </Card>

      <Card id="clasificacion-titulo" title="Clasificación">
        {ranking.isPending ? <Loading label="Cargando la clasificación…" /> : null}
        <ErrorAlert error={ranking.error} />
        {rows ? <RankingTable rows={rows} dimensions={dimensions} /> : null}
      </Card>
    </>
  );
}
