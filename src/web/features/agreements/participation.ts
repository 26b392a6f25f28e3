import type { Agreement } from "../../../contracts/participation.js";
import { PARTICIPATION_LABELS } from "../../../domain/agreement-terms.js";
import { formatLocalDate } from "../../ui/format";

/** «Participa desde el 16/11/2022», «Convenio terminado desde el 28/02/2026». */
export function participationText({ participation }: Pick<Agreement, "participation">): string {
  return `${PARTICIPATION_LABELS[participation.status]} desde el ${formatLocalDate(participation.since)}`;
}
