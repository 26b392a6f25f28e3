/**
 * Municipal administrations (constitutional terms): in the State of Mexico a municipal government
 * lasts three years, and the current term began on 1 January 2025. Each municipality's
 * administrations are data the institute records as they change; the handover record
 * (acta de entrega-recepción del MRTM) is made for the change. Plain rules.
 */
import type { RuleProblem } from "./codes.js";
import { compareDates, type LocalDate, localDateOf, shownDate } from "./dates.js";

/** The stable error codes of the administration rules. */
export const ADMINISTRATION_PROBLEM_CODES = [
  "administration_dates_out_of_order",
  "administration_overlaps",
] as const;
export type AdministrationProblem = RuleProblem<typeof ADMINISTRATION_PROBLEM_CODES>;

/** A term as the rules need it. */
export interface AdministrationTerm {
  startsOn: LocalDate;
  endsOn: LocalDate;
}

/** The first day of a known constitutional term, and the length of every term, in years. */
const KNOWN_TERM_START_YEAR = 2025;
const TERM_YEARS = 3;

/** The constitutional term a date falls in: 1 January of its first year to 31 December of its last. */
export function constitutionalTermOf(date: LocalDate): AdministrationTerm {
  const year = Number(date.slice(0, 4));
  const offset = (((year - KNOWN_TERM_START_YEAR) % TERM_YEARS) + TERM_YEARS) % TERM_YEARS;
  const first = year - offset;
  return { startsOn: `${first}-01-01`, endsOn: `${first + TERM_YEARS - 1}-12-31` };
}

/** The current constitutional term. */
export function currentConstitutionalTerm(now: Date): AdministrationTerm {
  return constitutionalTermOf(localDateOf(now));
}

/**
 * Whether a new administration may be recorded: it ends after it starts, and it does not overlap
 * any administration already recorded for the municipality (the new one follows the latest).
 */
export function administrationProblem(
  recorded: readonly AdministrationTerm[],
  term: AdministrationTerm,
): AdministrationProblem | null {
  if (compareDates(term.endsOn, term.startsOn) <= 0) {
    return {
      code: "administration_dates_out_of_order",
      message: "El periodo debe terminar después de empezar.",
    };
  }
  const overlapping = recorded.find(
    (other) =>
      compareDates(term.startsOn, other.endsOn) <= 0 &&
      compareDates(other.startsOn, term.endsOn) <= 0,
  );
  return overlapping
    ? {
        code: "administration_overlaps",
        message: `El periodo se encima con la administración ${shownDate(overlapping.startsOn)}–${shownDate(overlapping.endsOn)}.`,
      }
    : null;
}

/** The administration in office on a date (terms never overlap), or null. */
export function administrationOn<T extends AdministrationTerm>(
  administrations: readonly T[],
  date: LocalDate,
): T | null {
  return (
    administrations.find(
      (term) => compareDates(term.startsOn, date) <= 0 && compareDates(date, term.endsOn) <= 0,
    ) ?? null
  );
}

/** «2025–2027»: how a term is named. */
export function termName(term: AdministrationTerm): string {
  return `${term.startsOn.slice(0, 4)}–${term.endsOn.slice(0, 4)}`;
}
