import type { IndicatorDefinition, TrafficLight } from "../../../domain/indicators.js";
import { formatIndicatorValue, TRAFFIC_LIGHT_LABELS } from "../../../domain/indicators.js";
import { Badge } from "../../ui/Badge";
import { LIGHT_TONES } from "./forms";

/** What an indicator read in one period: its value, the target and the light they give. */
interface Reading {
  value: number | null;
  target: number | null;
  light: TrafficLight | null;
}

/**
 * Three cells of a table row: a reading's value and target, written in the indicator's unit, and
 * its traffic light (a dash while there is none).
 */
export function ReadingCells({
  indicator,
  reading,
}: {
  indicator: Pick<IndicatorDefinition, "unit">;
  reading: Reading;
}) {
  const { value, target, light } = reading;
  return (
    <>
      <td className="numeric">{formatIndicatorValue(indicator, value)}</td>
      <td className="numeric">{formatIndicatorValue(indicator, target)}</td>
      <td>
        {light ? <Badge tone={LIGHT_TONES[light]}>{TRAFFIC_LIGHT_LABELS[light]}</Badge> : "—"}
      </td>
    </>
  );
}
