import { useEffect } from "react";
import type { IndicatorSeries } from "../../../contracts/indicators.js";
import { formatIndicatorValue, TRAFFIC_LIGHT_LABELS } from "../../../domain/indicators.js";
import { Badge } from "../../ui/Badge";
import { numeric, TableHead } from "../../ui/TableHead";
import { ChartData } from "../dashboard/charts/ChartData";
import { cssColor } from "../dashboard/charts/echarts";
import { useChart } from "../dashboard/charts/useChart";
import "../dashboard/charts/charts.css";
import { LIGHT_TONES } from "./forms";

/**
 * One indicator's series: its value period by period, its target (dashed) and, where shown, the
 * regional median; the same figures, with the traffic light, in a table below.
 */
export function IndicatorChart({ series }: { series: IndicatorSeries }) {
  const [container, chart] = useChart();
  const title = `${series.code} · ${series.name}`;
  const format = (value: number | null | undefined) => formatIndicatorValue(series, value ?? null);
  useEffect(() => {
    if (!chart) {
      return;
    }
    const { points } = series;
    const hasRegion = points.some((point) => point.region !== null);
    chart.setOption(
      {
        aria: {
          enabled: true,
          label: { description: `${title}. La tabla siguiente tiene las mismas cifras.` },
        },
        color: [
          cssColor("--trend-1", "#1d4e89"),
          cssColor("--trend-5", "#b42318"),
          cssColor("--trend-3", "#1a7f6b"),
        ],
        tooltip: {
          trigger: "axis",
          valueFormatter: (value: unknown) =>
            typeof value === "number" ? formatIndicatorValue(series, value) : "—",
        },
        legend: { bottom: 0 },
        grid: { left: 56, right: 16, top: 16, bottom: 56 },
        xAxis: { type: "category", data: points.map((point) => point.label) },
        yAxis: { type: "value" },
        series: [
          {
            name: "Valor",
            type: "line",
            data: points.map((point) => point.value),
            lineStyle: { width: 3 },
            symbolSize: 8,
          },
          {
            name: "Meta",
            type: "line",
            data: points.map((point) => point.target),
            lineStyle: { type: "dashed" },
            symbol: "none",
          },
          ...(hasRegion
            ? [
                {
                  name: "Mediana regional",
                  type: "line" as const,
                  data: points.map((point) => point.region?.median ?? null),
                  lineStyle: { type: "dotted" as const },
                },
              ]
            : []),
        ],
      },
      true,
    );
  }, [chart, series, title]);

  return (
    <figure className="trend-chart">
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <div ref={container} className="trend-chart__canvas" role="img" aria-label={title} />
      <ChartData summary="Ver la serie en una tabla" caption={title}>
        <TableHead
          columns={[
            "Periodo",
            numeric("Valor"),
            numeric("Meta"),
            "Semáforo",
            numeric("Mediana regional"),
            numeric("Cuartiles (1.º – 3.º)"),
          ]}
        />
        <tbody>
          {series.points.map((point) => (
            <tr key={point.period}>
              <th scope="row">{point.label}</th>
              <td className="numeric">{format(point.value)}</td>
              <td className="numeric">{format(point.target)}</td>
              <td>
                {point.light ? (
                  <Badge tone={LIGHT_TONES[point.light]}>{TRAFFIC_LIGHT_LABELS[point.light]}</Badge>
                ) : (
                  "—"
                )}
              </td>
              <td className="numeric">{format(point.region?.median)}</td>
              <td className="numeric">
                {point.region ? `${format(point.region.q1)} – ${format(point.region.q3)}` : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </ChartData>
    </figure>
  );
}
