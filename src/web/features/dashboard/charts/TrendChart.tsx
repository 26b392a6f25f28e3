import { useMemo } from "react";
import type { TrendPoint } from "../../../../contracts/dashboard.js";
import { formatLocalDate } from "../../../ui/format";
import { numeric, TableHead } from "../../../ui/TableHead";
import { formatPercent } from "../format";
import { type ChartColor, LineChartFigure } from "./LineChartFigure";

interface TrendChartProps {
  points: readonly TrendPoint[];
  dimensions: readonly { code: string; name: string }[];
  title: string;
}

/** The index's line first, then one per dimension. */
const SERIES_COLORS: readonly ChartColor[] = [
  "#1a1a1a",
  "#1b6ca8",
  "#d9822b",
  "#2a9d8f",
  "#9c4f96",
  "#c44536",
].map((fallback, i) => [`--trend-${i}`, fallback] as const);

/**
 * The regional mean of the index and of each dimension, day by day, as lines; the same figures
 * in a table inside a <details> below.
 */
export function TrendChart({ points, dimensions, title }: TrendChartProps) {
  const spec = useMemo(
    () => ({
      categories: points.map((point) => formatLocalDate(point.takenOn)),
      colors: SERIES_COLORS,
      formatValue: formatPercent,
      axisWidth: 48,
      legend: { type: "scroll" as const },
      xAxis: { boundaryGap: false },
      yAxis: {
        type: "value" as const,
        min: 0,
        max: 100,
        axisLabel: { formatter: (value: number) => `${value} %` },
      },
      series: [
        {
          name: "Índice",
          type: "line" as const,
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
    }),
    [points, dimensions],
  );

  return (
    <LineChartFigure title={title} spec={spec} summary="Ver la tendencia en una tabla">
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
    </LineChartFigure>
  );
}
