import type { IndexEstimate } from "../../../domain/survey.js";
import { formatNumber } from "../../ui/format";

/** A satisfaction index as the screens write it: «78.4 de 100 (IC 95 %: 74.1 a 82.7)». */
export function surveyIndexText(index: IndexEstimate | null): string {
  if (index === null) {
    return "—";
  }
  if (index.low === null || index.high === null) {
    return `${formatNumber(index.value)} de 100`;
  }
  return `${formatNumber(index.value)} de 100 (IC 95 %: ${formatNumber(index.low)} a ${formatNumber(index.high)})`;
}
