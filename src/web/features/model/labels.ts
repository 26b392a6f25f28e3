import type { PeriodKind } from "../../../domain/model.js";

/** How each kind of period reads in Spanish. */
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  months: "Plazo en meses",
  annual: "Anual",
  project: "Según el proyecto",
  on_agreement: "Al registrar el convenio",
};
