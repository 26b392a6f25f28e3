/** The set-up the M2 test files share: the clock, the people and an adoption of the whole battery. */
import { INDICATOR_BATTERY_2022 } from "../../domain/indicators.js";
import { setUpTestApp } from "./app.js";

/** Mid-August 2026: 2026-T1, 2026-T2 and 2026-S1 have ended. */
export const INDICATORS_NOW = new Date("2026-08-15T18:00:00Z");

/** Every indicator of the 2022 battery adopted, with a target that fits its type. */
export const ADOPT_WHOLE_BATTERY = INDICATOR_BATTERY_2022.map((item) => ({
  code: item.code,
  target: item.valueType === "percent" ? 90 : 10,
}));

/**
 * An app at `INDICATORS_NOW` where Toluca (15106) and Metepec (15054) take part, with Toluca's
 * liaison and collaborator, a reviewer, and Metepec's liaison (the outsider to Toluca's M2).
 */
export function setUpIndicatorsApp() {
  const t = setUpTestApp({ now: () => INDICATORS_NOW, agreements: ["15106", "15054"] });
  return {
    t,
    liaison: t.session("liaison", { municipality: "15106" }),
    collaborator: t.session("collaborator", { municipality: "15106" }),
    reviewer: t.session("reviewer"),
    outsider: t.session("liaison", { municipality: "15054" }),
  };
}
