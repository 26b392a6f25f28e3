import { type MouseEvent, useId, useMemo } from "react";
import { useNavigate } from "react-router";
import type { PublicSummary } from "../../../contracts/public.js";
import { INDEX_BANDS, indexBand } from "../../../domain/public-progress.js";
import { ErrorAlert } from "../../ui/Alert";
import { Loading } from "../../ui/Loading";
import { formatPercent, publicMunicipalityPath, usePublicMap } from "./queries";

type Entry = PublicSummary["map"][number];

/**
 * The State of Mexico coloured by implementation index, drawn as plain SVG from outlines the
 * server projected (no charting library: see docs/decisions/0007-public-map.md). Municipalities
 * without an agreement are grey. Clicking one opens its page; keyboard and screen-reader users
 * reach the same pages through the search and the ranking, which list every municipality.
 */
export function PublicMap({ colours }: { colours: readonly Entry[] }) {
  const map = usePublicMap();
  const navigate = useNavigate();
  const titleId = useId();
  const indexOf = useMemo(
    () => new Map(colours.map((entry) => [entry.cvegeo, entry.index])),
    [colours],
  );

  function open(event: MouseEvent<SVGSVGElement>) {
    const target = (event.target as Element).closest("[data-cvegeo]");
    const cvegeo = target?.getAttribute("data-cvegeo");
    if (cvegeo) {
      void navigate(publicMunicipalityPath(cvegeo));
    }
  }

  return (
    <figure className="public-map">
      {map.isPending ? <Loading label="Cargando el mapa…" /> : null}
      <ErrorAlert error={map.error} />
      {map.data ? (
        // biome-ignore lint/a11y/useKeyWithClickEvents: a pointer shortcut; the search and the ranking give keyboard access to every municipality.
        <svg
          className="public-map__svg"
          viewBox={`0 0 ${map.data.width} ${map.data.height}`}
          role="img"
          aria-labelledby={titleId}
          onClick={open}
        >
          <title id={titleId}>
            Mapa de los municipios del Estado de México coloreados según su índice de
            implementación; los municipios sin convenio aparecen en gris.
          </title>
          {map.data.features.map((feature) => {
            const index = indexOf.get(feature.cvegeo) ?? null;
            const band = index === null ? "none" : indexBand(index);
            return (
              <path
                key={feature.cvegeo}
                d={feature.d}
                data-cvegeo={feature.cvegeo}
                className={`public-map__area public-map__area--${band}`}
              >
                <title>
                  {feature.name}:{" "}
                  {index === null || index === undefined ? "sin convenio" : formatPercent(index)}
                </title>
              </path>
            );
          })}
        </svg>
      ) : null}
      <figcaption className="public-map__legend">
        <span className="public-map__legend-title">Índice de implementación</span>
        <ul className="public-map__legend-list">
          {INDEX_BANDS.map(({ band, label }) => (
            <li key={band}>
              <span className={`public-map__swatch public-map__area--${band}`} aria-hidden="true" />
              {label}
            </li>
          ))}
          <li>
            <span className="public-map__swatch public-map__area--none" aria-hidden="true" />
            Sin convenio
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
