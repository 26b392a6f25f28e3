import type { TrafficLight } from "../../../domain/indicators.js";
import { TRAFFIC_LIGHT_LABELS } from "../../../domain/indicators.js";
import { Badge } from "../../ui/Badge";
import { LIGHT_TONES } from "./forms";

/** A table cell with a value's traffic light, or a dash where the value has none yet. */
export function LightCell({ light }: { light: TrafficLight | null }) {
  return (
    <td>{light ? <Badge tone={LIGHT_TONES[light]}>{TRAFFIC_LIGHT_LABELS[light]}</Badge> : "—"}</td>
  );
}
