import type { XAXisComponentOption, YAXisComponentOption } from "echarts";
import type { LineSeriesOption } from "echarts/charts";
import type { LegendComponentOption } from "echarts/components";
import { type ReactNode, useEffect } from "react";
import { ChartData } from "./ChartData";
import { chartAria, cssColor } from "./echarts";
import { useChart } from "./useChart";
import "./charts.css";

/** A colour of the style sheets (`--name`) and the one drawn if the sheets lack it. */
export type ChartColor = readonly [name: string, fallback: string];

/** The fallbacks of the style sheets' trend colours (`--trend-N`, charts.css). */
const TREND_FALLBACKS = ["#1f2933", "#1d4e89", "#c26a00", "#1a7f6b", "#8a3d8f", "#b42318"];

/** The style sheets' trend colours `--trend-N`, in the order of the indexes given. */
export function trendColors(...indexes: number[]): ChartColor[] {
  return indexes.map((i) => [`--trend-${i}`, TREND_FALLBACKS[i] ?? "#000000"] as const);
}

/** What one line chart draws; pass the same object (memoized) while its figures do not change. */
export interface LineChartSpec {
  /** The x axis's categories in order: days or periods. */
  categories: readonly string[];
  series: LineSeriesOption[];
  /** One colour per series, in order. */
  colors: readonly ChartColor[];
  /** How the tooltip writes a value; without it, ECharts writes the bare number. */
  formatValue?: (value: number) => string;
  /** Room left of the plot for the y axis's labels, in pixels. */
  axisWidth?: number;
  /** Where a chart departs from the common layout (a legend that scrolls, a percent scale…). */
  legend?: LegendComponentOption;
  xAxis?: Omit<XAXisComponentOption, "type" | "data">;
  yAxis?: YAXisComponentOption;
}

/** The ECharts option of a line chart: the layout every line chart of the app shares. */
export function lineChartOption(title: string, spec: LineChartSpec) {
  const { formatValue } = spec;
  return {
    aria: chartAria(title),
    color: spec.colors.map(([name, fallback]) => cssColor(name, fallback)),
    tooltip: {
      trigger: "axis" as const,
      ...(formatValue && {
        valueFormatter: (value: unknown) => (typeof value === "number" ? formatValue(value) : "—"),
      }),
    },
    legend: { ...spec.legend, bottom: 0 },
    grid: { left: spec.axisWidth ?? 56, right: 16, top: 16, bottom: 56 },
    xAxis: { ...spec.xAxis, type: "category" as const, data: [...spec.categories] },
    yAxis: spec.yAxis ?? { type: "value" as const },
    series: spec.series,
  };
}

/**
 * A line chart with its figures in a table folded below it (`children`: the table's head and
 * body), so that no figure is only in the canvas.
 */
export function LineChartFigure({
  title,
  spec,
  summary,
  caption,
  children,
}: {
  /** The chart's name, for screen readers and the table's caption. */
  title: string;
  spec: LineChartSpec;
  /** What opens the table: "Ver … en una tabla". */
  summary: string;
  /** A visible caption above the chart, where the page has no heading for it. */
  caption?: ReactNode;
  children: ReactNode;
}) {
  const [container, chart] = useChart();
  useEffect(() => {
    chart?.setOption(lineChartOption(title, spec), true);
  }, [chart, title, spec]);

  return (
    <figure className="trend-chart">
      {caption ? <figcaption>{caption}</figcaption> : null}
      <div ref={container} className="trend-chart__canvas" role="img" aria-label={title} />
      <ChartData summary={summary} caption={title}>
        {children}
      </ChartData>
    </figure>
  );
}
