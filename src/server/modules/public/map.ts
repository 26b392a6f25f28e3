import fs from "node:fs";
import path from "node:path";
import type { PublicMap } from "../../../contracts/public.js";
import { PACKAGE_ROOT } from "../../config.js";

/** INEGI's boundaries of the State of Mexico's municipalities (see assets/edomex/SOURCES.md). */
export const MAP_GEOJSON = path.join(PACKAGE_ROOT, "assets/edomex/municipios.geojson");

/** Width of the map's coordinate space; the height follows the state's proportions. */
const WIDTH = 800;
const PADDING = 4;

type Position = [number, number];
interface Feature {
  properties: { cvegeo: string; nombre: string };
  geometry:
    | { type: "Polygon"; coordinates: Position[][] }
    | { type: "MultiPolygon"; coordinates: Position[][][] };
}

/**
 * The municipalities' outlines as SVG path data, projected once on the server: the browser draws
 * them with no mapping library (see docs/decisions/0007-public-map.md). An equirectangular
 * projection scaled by the cosine of the middle latitude is exact enough for one state; points are
 * rounded to whole units of an 800-wide space and repeated points dropped, and paths use relative
 * moves, which keeps the geometry small.
 */
export function projectMap(geojson: { features: Feature[] }): PublicMap {
  const polygons = (feature: Feature) =>
    feature.geometry.type === "Polygon"
      ? [feature.geometry.coordinates]
      : feature.geometry.coordinates;
  let [minLon, maxLon, minLat, maxLat] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const feature of geojson.features) {
    for (const polygon of polygons(feature)) {
      for (const ring of polygon) {
        for (const [lon, lat] of ring) {
          minLon = Math.min(minLon, lon);
          maxLon = Math.max(maxLon, lon);
          minLat = Math.min(minLat, lat);
          maxLat = Math.max(maxLat, lat);
        }
      }
    }
  }
  const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (WIDTH - 2 * PADDING) / ((maxLon - minLon) * xScale);
  const height = Math.ceil((maxLat - minLat) * scale + 2 * PADDING);
  const project = ([lon, lat]: Position): Position => [
    Math.round((lon - minLon) * xScale * scale + PADDING),
    Math.round((maxLat - lat) * scale + PADDING),
  ];

  const features = geojson.features
    .map((feature) => ({
      cvegeo: feature.properties.cvegeo,
      name: feature.properties.nombre,
      d: polygons(feature)
        .flatMap((polygon) => polygon.map((ring) => ringPath(ring.map(project))))
        .join(""),
    }))
    .sort((a, b) => a.cvegeo.localeCompare(b.cvegeo));
  return { width: WIDTH, height, features };
}

/** "M x y l dx dy … z" with repeated points dropped; empty when the ring collapses to a point. */
function ringPath(points: Position[]): string {
  const first = points[0];
  if (!first) {
    return "";
  }
  let d = `M${first[0]} ${first[1]}`;
  let [x, y] = first;
  let moves = 0;
  for (const [px, py] of points.slice(1)) {
    if (px === x && py === y) {
      continue;
    }
    d += `${moves === 0 ? "l" : " "}${px - x} ${py - y}`;
    [x, y] = [px, py];
    moves += 1;
  }
  return moves < 2 ? "" : `${d}z`;
}

let cached: PublicMap | null = null;

/** The projected map, read and projected on first use and kept for the life of the process. */
export function loadPublicMap(): PublicMap {
  cached ??= projectMap(
    JSON.parse(fs.readFileSync(MAP_GEOJSON, "utf8")) as { features: Feature[] },
  );
  return cached;
}
