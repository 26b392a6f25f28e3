import { useEffect } from "react";
import { useSearchParams } from "react-router";
import type { IndicatorComparison } from "../../../contracts/indicators.js";
import {
  formatIndicatorValue,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_PERIODICITY_LABELS,
  QUARTILE_STANDING_LABELS,
  TRAFFIC_LIGHT_LABELS,
} from "../../../domain/indicators.js";
import { ErrorAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { SelectField } from "../../ui/SelectField";
import { Table } from "../../ui/Table";
import { numeric, TableHead } from "../../ui/TableHead";
import { ChartData } from "../dashboard/charts/ChartData";
import { cssColor } from "../dashboard/charts/echarts";
import { useChart } from "../dashboard/charts/useChart";
import "../dashboard/charts/charts.css";
import { LIGHT_TONES } from "./forms";
import { useIndicatorCatalogue, useIndicatorComparison } from "./queries";

/** Staff: one indicator across the region, period by period, and each municipality's value. */
export function ComparisonPage() {
  const [params, setParams] = useSearchParams();
  const catalogue = useIndicatorCatalogue();
  const code = params.get("indicador") ?? catalogue.data?.battery[0]?.code ?? "";
  const period = params.get("periodo") ?? undefined;
  const comparison = useIndicatorComparison(code, period);
  const choose = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setParams(next, { replace: true });
  };

  if (catalogue.isPending) {
    return <Loading label="Cargando los indicadores…" />;
  }
  if (catalogue.isError) {
    return <ErrorAlert error={catalogue.error} />;
  }
  return (
    <div className="stack stack--large">
      <PageHeader
        title="Indicadores de desempeño: comparación regional"
        description={
          <p>
            {catalogue.data.adoptions} municipios adoptaron la batería. Mediana y cuartiles de los
            periodos enviados.
          </p>
        }
      />
      <div className="filters">
        <SelectField
          label="Indicador"
          value={code}
          onChange={(value) => choose({ indicador: value, periodo: null })}
          options={catalogue.data.battery.map((item) => ({
            value: item.code,
            label: `${item.code} · ${item.name}`,
          }))}
        />
        {comparison.data && comparison.data.series.length > 0 ? (
          <SelectField
            label="Periodo del detalle"
            value={comparison.data.period ?? ""}
            onChange={(value) => choose({ periodo: value })}
            options={comparison.data.series.map((entry) => ({
              value: entry.period,
              label: entry.label,
            }))}
          />
        ) : null}
      </div>
      {comparison.isPending ? (
        <Loading label="Cargando la comparación…" />
      ) : comparison.isError ? (
        <ErrorAlert error={comparison.error} />
      ) : (
        <ComparisonDetail data={comparison.data} />
      )}
    </div>
  );
}

function ComparisonDetail({ data }: { data: IndicatorComparison }) {
  const { indicator } = data;
  const format = (value: number | null | undefined) =>
    formatIndicatorValue(indicator, value ?? null);
  return (
    <>
      <p className="small">
        {indicator.definition} {INDICATOR_PERIODICITY_LABELS[indicator.periodicity]} ·{" "}
        {INDICATOR_DIRECTION_LABELS[indicator.direction]} · {indicator.unit}
      </p>
      {data.series.length === 0 ? (
        <p className="empty">Ningún municipio ha enviado valores de este indicador.</p>
      ) : (
        <>
          <RegionChart data={data} />
          <section className="stack" aria-labelledby="detalle-titulo">
            <h2 id="detalle-titulo">
              Municipios en{" "}
              {data.series.find((s) => s.period === data.period)?.label ?? data.period}
            </h2>
            <Table
              caption="Valor de cada municipio"
              columns={["Municipio", numeric("Valor"), numeric("Meta"), "Semáforo", "Posición"]}
            >
              {data.municipalities.map((row) => (
                <tr key={row.cvegeo}>
                  <th scope="row">{row.name}</th>
                  <td className="numeric">{format(row.value)}</td>
                  <td className="numeric">{format(row.target)}</td>
                  <td>
                    {row.light ? (
                      <Badge tone={LIGHT_TONES[row.light]}>{TRAFFIC_LIGHT_LABELS[row.light]}</Badge>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{QUARTILE_STANDING_LABELS[row.quartile]}</td>
                </tr>
              ))}
            </Table>
          </section>
        </>
      )}
    </>
  );
}

/** The regional median and quartiles of an indicator, period by period. */
function RegionChart({ data }: { data: IndicatorComparison }) {
  const [container, chart] = useChart();
  const { indicator, series } = data;
  const title = `${indicator.code} · ${indicator.name}: mediana y cuartiles regionales`;
  const format = (value: number | null | undefined) =>
    formatIndicatorValue(indicator, value ?? null);
  useEffect(() => {
    if (!chart) {
      return;
    }
    const line = (
      name: string,
      pick: (r: NonNullable<(typeof series)[number]["region"]>) => number,
      dashed: boolean,
    ) => ({
      name,
      type: "line" as const,
      data: series.map((entry) => (entry.region ? pick(entry.region) : null)),
      lineStyle: dashed ? { type: "dashed" as const } : { width: 3 },
    });
    chart.setOption(
      {
        aria: {
          enabled: true,
          label: { description: `${title}. La tabla siguiente tiene las mismas cifras.` },
        },
        color: [
          cssColor("--trend-2", "#c26a00"),
          cssColor("--trend-1", "#1d4e89"),
          cssColor("--trend-3", "#1a7f6b"),
        ],
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 56, right: 16, top: 16, bottom: 56 },
        xAxis: { type: "category", data: series.map((entry) => entry.label) },
        yAxis: { type: "value" },
        series: [
          line("Primer cuartil", (r) => r.q1, true),
          line("Mediana", (r) => r.median, false),
          line("Tercer cuartil", (r) => r.q3, true),
        ],
      },
      true,
    );
  }, [chart, series, title]);
  return (
    <figure className="trend-chart">
      <div ref={container} className="trend-chart__canvas" role="img" aria-label={title} />
      <ChartData summary="Ver la comparación en una tabla" caption={title}>
        <TableHead
          columns={[
            "Periodo",
            numeric("Municipios"),
            numeric("Mínimo"),
            numeric("Primer cuartil"),
            numeric("Mediana"),
            numeric("Tercer cuartil"),
            numeric("Máximo"),
          ]}
        />
        <tbody>
          {series.map((entry) => (
            <tr key={entry.period}>
              <th scope="row">{entry.label}</th>
              <td className="numeric">{entry.region?.count ?? 0}</td>
              <td className="numeric">{format(entry.region?.min)}</td>
              <td className="numeric">{format(entry.region?.q1)}</td>
              <td className="numeric">{format(entry.region?.median)}</td>
              <td className="numeric">{format(entry.region?.q3)}</td>
              <td className="numeric">{format(entry.region?.max)}</td>
            </tr>
          ))}
        </tbody>
      </ChartData>
    </figure>
  );
}
