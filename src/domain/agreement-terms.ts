/**
 * Agreement terms: what happens to a municipality's agreement after it is registered. It can be
 * renewed (a new signed agreement, possibly with a term), ratified by a new administration (a new
 * signed document), suspended, resumed or terminated (both with a reason for leaving). Whether the
 * municipality takes part is derived from these changes (`participationOf`), never entered by
 * hand. Plain rules: the service enforces them and the forms check them first.
 */
import { labelledCodes, type RuleProblem } from "./codes.js";
import { compareDates, type LocalDate, localDateOf, shownDate } from "./dates.js";

export const [AGREEMENT_CHANGE_KINDS, AGREEMENT_CHANGE_LABELS] = labelledCodes({
  renewal: "Renovación del convenio",
  ratification: "Ratificación por la nueva administración",
  suspension: "Suspensión",
  resumption: "Reanudación",
  termination: "Terminación",
});
export type AgreementChangeKind = (typeof AGREEMENT_CHANGE_KINDS)[number];

/** Whether a municipality takes part: derived from its agreement and the changes to it. */
export const [PARTICIPATION_STATUSES, PARTICIPATION_LABELS] = labelledCodes({
  active: "Participa",
  suspended: "Convenio suspendido",
  ended: "Convenio terminado",
});
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];

/** The stable error codes of the agreement-term rules (the API answers them as `error.code`). */
export const AGREEMENT_TERM_PROBLEM_CODES = [
  "termination_reason_required",
  "suspension_reason_required",
  "agreement_dates_out_of_order",
  "agreement_change_in_future",
  "agreement_change_not_allowed",
] as const;
export type AgreementTermProblem = RuleProblem<typeof AGREEMENT_TERM_PROBLEM_CODES>;

/** Where a municipality stands: taking part, suspended or out, and since when. */
export interface Participation {
  status: ParticipationStatus;
  since: LocalDate;
}

/** A recorded change, as the rules need it (in the order it was recorded). */
export interface AgreementChangeFacts {
  kind: AgreementChangeKind;
  effectiveOn: LocalDate;
}

/** Which changes each standing allows: a terminated agreement is only followed by a new one. */
const ALLOWED: Record<ParticipationStatus, readonly AgreementChangeKind[]> = {
  active: ["renewal", "ratification", "suspension", "termination"],
  suspended: ["resumption", "termination"],
  ended: ["renewal"],
};

/** The changes a municipality's agreement admits now (the form offers only these). */
export function allowedChanges(status: ParticipationStatus): readonly AgreementChangeKind[] {
  return ALLOWED[status];
}

/** Which standing each change leads to. */
const LEADS_TO: Record<AgreementChangeKind, ParticipationStatus> = {
  renewal: "active",
  ratification: "active",
  suspension: "suspended",
  resumption: "active",
  termination: "ended",
};

/**
 * A municipality's participation after its changes (given in the order they were recorded, which
 * the rules keep chronological): it takes part from the signing date; a suspension or termination
 * takes it out as of its date, a resumption or a new agreement brings it back. A renewal or a
 * ratification of an agreement in force keeps the date it has taken part since.
 */
export function participationOf(
  signedOn: LocalDate,
  changes: readonly AgreementChangeFacts[],
): Participation {
  let participation: Participation = { status: "active", since: signedOn };
  for (const change of changes) {
    const status = LEADS_TO[change.kind];
    if (status !== participation.status) {
      participation = { status, since: change.effectiveOn };
    }
  }
  return participation;
}

/** Whether a participation counts in the ranking and the regional figures. */
export function takesPart(participation: Participation): boolean {
  return participation.status === "active";
}

/** A change as the form and the API send it. */
export interface AgreementChangeInput {
  kind: AgreementChangeKind;
  effectiveOn: LocalDate;
  reason: string;
  /** The end of a new agreement's term, if it has one. */
  validUntil?: LocalDate | null | undefined;
}

/** What the rules need to know of the agreement. */
export interface AgreementStanding {
  signedOn: LocalDate;
  participation: Participation;
  /** The date of the latest change recorded, if any. */
  lastChangeOn: LocalDate | null;
}

/**
 * Whether a change may be recorded: the standing allows it; it happened already (today at the
 * latest) and not before the signing date or the latest change; suspending and terminating say
 * why; a term ends after it starts.
 */
export function agreementChangeProblem(
  agreement: AgreementStanding,
  change: AgreementChangeInput,
  now: Date,
): AgreementTermProblem | null {
  if (!ALLOWED[agreement.participation.status].includes(change.kind)) {
    return {
      code: "agreement_change_not_allowed",
      message: `No se puede registrar «${AGREEMENT_CHANGE_LABELS[change.kind]}» con el convenio en estado «${PARTICIPATION_LABELS[agreement.participation.status]}».`,
    };
  }
  if (compareDates(change.effectiveOn, localDateOf(now)) > 0) {
    return {
      code: "agreement_change_in_future",
      message: "La fecha no puede ser futura: registre el cambio cuando ocurra.",
    };
  }
  const floor =
    agreement.lastChangeOn !== null && compareDates(agreement.lastChangeOn, agreement.signedOn) > 0
      ? agreement.lastChangeOn
      : agreement.signedOn;
  if (compareDates(change.effectiveOn, floor) < 0) {
    return {
      code: "agreement_dates_out_of_order",
      message: `La fecha no puede ser anterior al ${shownDate(floor)} (firma del convenio o último cambio registrado).`,
    };
  }
  if (
    change.validUntil !== null &&
    change.validUntil !== undefined &&
    compareDates(change.validUntil, change.effectiveOn) <= 0
  ) {
    return {
      code: "agreement_dates_out_of_order",
      message: "La vigencia debe terminar después de la fecha de firma.",
    };
  }
  if (change.reason.trim() === "") {
    if (change.kind === "termination") {
      return {
        code: "termination_reason_required",
        message: "Escriba el motivo de la terminación del convenio.",
      };
    }
    if (change.kind === "suspension") {
      return {
        code: "suspension_reason_required",
        message: "Escriba el motivo de la suspensión del convenio.",
      };
    }
  }
  return null;
}

/** Whether a change brings a new signed document (a renewal or a ratification). */
export function changeHasDocument(kind: AgreementChangeKind): boolean {
  return kind === "renewal" || kind === "ratification";
}
