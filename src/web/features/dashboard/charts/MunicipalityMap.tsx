import { useQuery } from "@tanstack/react-query";
import { useEffect, useId } from "react";
import { Link } from "react-router";
import { INDEX_BANDS, indexBand } from "../../../../domain/public-progress.js";
import { ErrorAlert } from "../../../ui/Alert";
import { Loading } from "../../../ui/Loading";
import { numeric, TableHead } from "../../../ui/TableHead";
import { formatPercent } from "../format";
import { ChartData } from "./ChartData";
import { chartAria, cssColor, echarts } from "./echarts";
import { useChart } from "./useChart";
import "./charts.css";

/** One municipality on the map: its index in percent, or null when it has no agreement. */
export interface MapEntry {
  cvegeo: string;
  name: string;
  value: number | null;
}

const FALLBACK_COLORS = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
const MAP_NAME = "edomex";

/**
 * The State of Mexico's boundaries (INEGI, simplified). Imported as text into a chunk of its own,
 * so it is downloaded only where a map is drawn, and cached by its hashed name.
 */
async function loadBoundaries(): Promise<object> {
  const module = await import("../../../../../assets/edomex/municipios.geojson?raw");
  return JSON.parse(module.default) as object;
}

function useBoundaries() {
  return useQuery({
    queryKey: ["assets", "edomex-boundaries"],
    queryFn: async () => {
      const boundaries = await loadBoundaries();
      // Regions are named by INEGI key, so data joins on cvegeo, never on names.
      echarts.registerMap(MAP_NAME, boundaries as Parameters<typeof echarts.registerMap>[1]);
      return true;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

interface MunicipalityMapProps {
  entries: readonly MapEntry[];
  /** Called with the cvegeo of the municipality clicked. */
  onSelect?: (cvegeo: string) => void;
  /** What the map shows, for its accessible name and heading of the data table. */
  title: string;
  /** The page of a municipality, for the links of the data table. */
  hrefFor?: (cvegeo: string) => string;
}

/**
 * A choropleth of the State of Mexico coloured by index (five bands), municipalities without an
 * agreement in grey ("sin convenio"). Clicking a municipality calls `onSelect`. The same figures
 * are in a table below the map (in a <details>), with links, for keyboard and screen-reader users.
 * Reusable: the public home may pass its own entries and `onSelect`.
 */
export function MunicipalityMap({ entries, onSelect, title, hrefFor }: MunicipalityMapProps) {
  const boundaries = useBoundaries();
  const descriptionId = useId();
  const [container, chart] = useChart();
  useEffect(() => {
    if (!chart || !boundaries.data) {
      return undefined;
    }
    const colors = FALLBACK_COLORS.map((fallback, band) =>
      cssColor(`--map-band-${band}`, fallback),
    );
    const none = cssColor("--map-none", "#cccccc");
    const byCvegeo = new Map(entries.map((entry) => [entry.cvegeo, entry]));
    chart.setOption(
      {
        aria: chartAria(title),
        tooltip: {
          trigger: "item",
          formatter: (params: { name: string }) => {
            const entry = byCvegeo.get(params.name);
            const name = entry?.name ?? params.name;
            return `${escapeHtml(name)}: ${entry?.value === null || entry?.value === undefined ? "sin convenio" : formatPercent(entry.value)}`;
          },
        },
        series: [
          {
            type: "map",
            map: MAP_NAME,
            nameProperty: "cvegeo",
            roam: false,
            selectedMode: false,
            itemStyle: { areaColor: none, borderColor: "#ffffff", borderWidth: 0.6 },
            emphasis: {
              label: { show: false },
              itemStyle: { areaColor: cssColor("--map-hover", "#f6c343") },
            },
            data: entries.map((entry) => ({
              name: entry.cvegeo,
              value: entry.value ?? undefined,
              itemStyle: {
                areaColor: entry.value === null ? none : colors[indexBand(entry.value / 100)],
              },
            })),
          },
        ],
      },
      true,
    );
    if (!onSelect) {
      return undefined;
    }
    const click = (params: { name?: string }) => {
      if (params.name) {
        onSelect(params.name);
      }
    };
    chart.on("click", click);
    return () => {
      chart.off("click", click);
    };
  }, [chart, boundaries.data, entries, onSelect, title]);

  return (
    <figure className="municipality-map">
      <div
        ref={container}
        className="municipality-map__canvas"
        role="img"
        aria-label={title}
        aria-describedby={descriptionId}
      />
      {boundaries.isPending ? <Loading label="Cargando el mapa…" /> : null}
      <ErrorAlert error={boundaries.error} />
      <figcaption className="municipality-map__legend">
        <span className="municipality-map__legend-title" id={descriptionId}>
          Índice de implementación por municipio
        </span>
        <ul className="municipality-map__legend-list">
          {INDEX_BANDS.map(({ band, label }) => (
            <li key={label}>
              <span
                className={`municipality-map__swatch municipality-map__swatch--${band}`}
                aria-hidden="true"
              />
              {label}
            </li>
          ))}
          <li>
            <span
              className="municipality-map__swatch municipality-map__swatch--none"
              aria-hidden="true"
            />
            Sin convenio
          </li>
        </ul>
      </figcaption>
      <ChartData summary="Ver los datos del mapa en una tabla" caption={title}>
        <TableHead columns={["Municipio", numeric("Índice")]} />
        <tbody>
          {[...entries]
            .sort((a, b) => a.name.localeCompare(b.name, "es"))
            .map((entry) => (
              <tr key={entry.cvegeo}>
                <th scope="row">
                  {hrefFor ? <Link to={hrefFor(entry.cvegeo)}>{entry.name}</Link> : entry.name}
                </th>
                <td className="numeric">
                  {entry.value === null ? "Sin convenio" : formatPercent(entry.value)}
                </td>
              </tr>
            ))}
        </tbody>
      </ChartData>
    </figure>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
