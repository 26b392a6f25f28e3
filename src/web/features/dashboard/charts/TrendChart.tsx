import { useEffect } from "react";
import type { TrendPoint } from "../../../../contracts/dashboard.js";
import { formatLocalDate } from "../../../ui/format";
import { numeric, TableHead } from "../../../ui/TableHead";
import { formatPercent } from "../format";
import { ChartData } from "./ChartData";
import { cssColor } from "./echarts";
import { useChart } from "./useChart";
import "./charts.css";

interface TrendChartProps {
  points: readonly TrendPoint[];
  dimensions: readonly { code: string; name: string }[];
  title: string;
}

const SERIES_FALLBACK = ["#1a1a1a", "#1b6ca8", "#d9822b", "#2a9d8f", "#9c4f96", "#c44536"];

/**
 * The regional mean of the index and of each dimension, day by day, as lines; the same figures
 * in a table inside a <details> below.
 */
export function TrendChart({ points, dimensions, title }: TrendChartProps) {
  const [container, chart] = useChart();
  useEffect(() => {
    if (!chart) {
      return;
    }
    const colors = SERIES_FALLBACK.map((fallback, i) => cssColor(`--trend-${i}`, fallback));
    const days = points.map((point) => formatLocalDate(point.takenOn));
    chart.setOption(
      {
        aria: {
          enabled: true,
          label: { description: `${title}. La tabla siguiente tiene las mismas cifras.` },
        },
        color: colors,
        tooltip: {
          trigger: "axis",
          valueFormatter: (value: unknown) =>
            typeof value === "number" ? formatPercent(value) : "—",
        },
        legend: { type: "scroll", bottom: 0 },
        grid: { left: 48, right: 16, top: 16, bottom: 56 },
        xAxis: { type: "category", data: days, boundaryGap: false },
        yAxis: {
          type: "value",
          min: 0,
          max: 100,
          axisLabel: { formatter: (value: number) => `${value} %` },
        },
        series: [
          {
            name: "Índice",
            type: "line",
            data: points.map((point) => point.index),
            lineStyle: { width: 3 },
            symbolSize: 6,
          },
          ...dimensions.map((dimension) => ({
            name: dimension.name,
            type: "line" as const,
            data: points.map((point) => point.dimensions[dimension.code] ?? null),
            symbolSize: 4,
          })),
        ],
      },
      true,
    );
  }, [chart, points, dimensions, title]);

  return (
    <figure className="trend-chart">
      <div ref={container} className="trend-chart__canvas" role="img" aria-label={title} />
      <ChartData summary="Ver la tendencia en una tabla" caption={title}>
        <TableHead
          columns={[
            "Fecha",
            numeric("Municipios"),
            numeric("Índice"),
            ...dimensions.map((dimension) => numeric(dimension.name)),
          ]}
        />
        <tbody>
          {points.map((point) => (
            <tr key={point.takenOn}>
              <th scope="row">
                {formatLocalDate(point.takenOn)}
                {point.live ? " (hoy, cifras actuales)" : ""}
              </th>
              <td className="numeric">{point.municipalities}</td>
              <td className="numeric">{formatPercent(point.index)}</td>
              {dimensions.map((dimension) => (
                <td key={dimension.code} className="numeric">
                  {formatPercent(point.dimensions[dimension.code])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </ChartData>
    </figure>
  );
}
