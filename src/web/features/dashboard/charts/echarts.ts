/**
 * ECharts with only what the dashboards draw (a map and line charts, on canvas), so the bundle
 * carries no other chart types. Canvas rather than SVG: the Content-Security-Policy forbids the
 * inline style attributes the SVG renderer writes.
 */
import { LineChart, MapChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  MapChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };

/** A colour defined in the style sheets (`--name`), so charts and their legends agree. */
export function cssColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** The option that describes a chart to screen readers: its title, and where its figures are. */
export function chartAria(title: string) {
  return {
    enabled: true,
    label: { description: `${title}. La tabla siguiente tiene las mismas cifras.` },
  };
}
