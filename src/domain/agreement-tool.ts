import type { LocalDate } from "./dates.js";
import type { PeriodKind } from "./model.js";

/**
 * The agreement tool (E1, period `on_agreement`): the signed agreement itself. It is done by
 * signing, so it is validated on the signing date and on time (its deadline is that same date),
 * with the signed agreement as its document; the institution keeps it on file.
 */
export function isAgreementTool(periodKind: PeriodKind): boolean {
  return periodKind === "on_agreement";
}

/**
 * The instant the agreement tool's first submission and validation are dated: midday of the
 * signing date in Mexico City. 18:00 UTC is noon at UTC−6 and 13:00 under the daylight saving
 * time Mexico kept until October 2022: the same local date either way.
 */
export function signingInstant(signedOn: LocalDate): Date {
  return new Date(`${signedOn}T18:00:00.000Z`);
}
