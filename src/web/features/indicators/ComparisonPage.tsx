import { useMemo } from "react";
import type { IndicatorComparison } from "../../../contracts/indicators.js";
import {
  formatIndicatorValue,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_PERIODICITY_LABELS,
  QUARTILE_STANDING_LABELS,
} from "../../../domain/indicators.js";
import { ErrorAlert } from "../../ui/Alert";
import { Loading } from "../../ui/Loading";
import { PageHeader } from "../../ui/PageHeader";
import { QueryPending } from "../../ui/QueryResults";
import { codedOptions, SelectField } from "../../ui/SelectField";
import { Table } from "../../ui/Table";
import { type HeadColumns, numeric, TableHead } from "../../ui/TableHead";
import { useSearchFilters } from "../../ui/useUrlFilters";
import {
  LineChartFigure,
  type LineChartSpec,
  trendColors,
} from "../dashboard/charts/LineChartFigure";
import { useIndicatorCatalogue, useIndicatorComparison } from "./queries";
import { ReadingCells } from "./ReadingCells";

/** The indicator and period chosen, kept in the address (`?indicador=…&periodo=…`). */
function readChoice(search: URLSearchParams) {
  return {
    indicator: search.get("indicador") ?? undefined,
    period: search.get("periodo") ?? undefined,
  };
}

/** Staff: one indicator across the region, period by period, and each municipality's value. */
export function ComparisonPage() {
  const { filters, update: choose } = useSearchFilters(readChoice);
  const catalogue = useIndicatorCatalogue();
  const code = filters.indicator ?? catalogue.data?.battery[0]?.code ?? "";
  const period = filters.period;
  const comparison = useIndicatorComparison(code, period);

  if (!catalogue.isSuccess) {
    return <QueryPending query={catalogue} loadingLabel="Cargando los indicadores…" />;
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
          options={codedOptions(catalogue.data.battery)}
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
                  <ReadingCells indicator={indicator} reading={row} />
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

/** The region's figures in each period, as its chart's table lists them. */
const REGION_COLUMNS: HeadColumns = [
  "Periodo",
  numeric("Municipios"),
  numeric("Mínimo"),
  numeric("Primer cuartil"),
  numeric("Mediana"),
  numeric("Tercer cuartil"),
  numeric("Máximo"),
];

/** The regional median and quartiles of an indicator, period by period. */
function RegionChart({ data }: { data: IndicatorComparison }) {
  const { indicator, series } = data;
  const title = `${indicator.code} · ${indicator.name}: mediana y cuartiles regionales`;
  const format = (value: number | null | undefined) =>
    formatIndicatorValue(indicator, value ?? null);
  const spec = useMemo((): LineChartSpec => {
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
    return {
      categories: series.map((entry) => entry.label),
      // The first quartile, the median and the third quartile.
      colors: trendColors(2, 1, 3),
      series: [
        line("Primer cuartil", (r) => r.q1, true),
        line("Mediana", (r) => r.median, false),
        line("Tercer cuartil", (r) => r.q3, true),
      ],
    };
  }, [series]);
  return (
    <LineChartFigure title={title} spec={spec} summary="Ver la comparación en una tabla">
      <TableHead columns={REGION_COLUMNS} />
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
    </LineChartFigure>
  );
}
