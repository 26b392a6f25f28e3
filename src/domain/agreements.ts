/**
 * The rules of registering and correcting an agreement (convenio). Plain functions; the server
 * enforces them, the web app's forms check them before sending.
 */
import { compareDates, type LocalDate, localDateOf } from "./dates.js";

/** An agreement is registered once signed: its signing date is today at the latest. */
export function signedOnProblem(signedOn: LocalDate, now: Date): string | null {
  return compareDates(signedOn, localDateOf(now)) > 0
    ? "La fecha de firma no puede ser futura."
    : null;
}
