import { useMemo } from "react";
import type { IndicatorSeries } from "../../../contracts/indicators.js";
import { formatIndicatorValue } from "../../../domain/indicators.js";
import { type HeadColumns, numeric, TableHead } from "../../ui/TableHead";
import {
  LineChartFigure,
  type LineChartSpec,
  trendColors,
} from "../dashboard/charts/LineChartFigure";
import { ReadingCells } from "./ReadingCells";

/** The reading of each period and where the region stood, as the chart's table lists them. */
const SERIES_COLUMNS: HeadColumns = [
  "Periodo",
  numeric("Valor"),
  numeric("Meta"),
  "Semáforo",
  numeric("Mediana regional"),
  numeric("Cuartiles (1.º – 3.º)"),
];

/**
 * One indicator's series: its value period by period, its target (dashed) and, where shown, the
 * regional median; the same figures, with the traffic light, in a table below.
 */
export function IndicatorChart({ series }: { series: IndicatorSeries }) {
  const title = `${series.code} · ${series.name}`;
  const format = (value: number | null | undefined) => formatIndicatorValue(series, value ?? null);
  const spec = useMemo((): LineChartSpec => {
    const { points } = series;
    const hasRegion = points.some((point) => point.region !== null);
    return {
      categories: points.map((point) => point.label),
      // The value, the target and the regional median.
      colors: trendColors(1, 5, 3),
      formatValue: (value) => formatIndicatorValue(series, value),
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
    };
  }, [series]);

  return (
    <LineChartFigure
      title={title}
      spec={spec}
      summary="Ver la serie en una tabla"
      caption={<strong>{title}</strong>}
    >
      <TableHead columns={SERIES_COLUMNS} />
      <tbody>
        {series.points.map((point) => (
          <tr key={point.period}>
            <th scope="row">{point.label}</th>
            <ReadingCells indicator={series} reading={point} />
            <td className="numeric">{format(point.region?.median)}</td>
            <td className="numeric">
              {point.region ? `${format(point.region.q1)} – ${format(point.region.q3)}` : "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </LineChartFigure>
  );
}
