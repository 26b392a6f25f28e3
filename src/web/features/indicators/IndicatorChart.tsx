import { useMemo } from "react";
import type { IndicatorSeries } from "../../../contracts/indicators.js";
import { formatIndicatorValue } from "../../../domain/indicators.js";
import { numeric, TableHead } from "../../ui/TableHead";
import { LineChartFigure, type LineChartSpec } from "../dashboard/charts/LineChartFigure";
import { LightCell } from "./LightCell";

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
      colors: [
        ["--trend-1", "#1d4e89"],
        ["--trend-5", "#b42318"],
        ["--trend-3", "#1a7f6b"],
      ],
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
            <LightCell light={point.light} />
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
