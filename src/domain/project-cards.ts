/**
 * E4 «Planes y proyectos de transparencia»: the project cards (fichas de proyecto) a municipality
 * writes, and the rule that gives the E4 tool its deadline from them. Plain data and rules: the
 * contracts, the service and the web form all call these.
 */
import { labelledCodes } from "./codes.js";
import { compareDates, type LocalDate } from "./dates.js";

export const [PROJECT_CARD_STATUSES, PROJECT_CARD_STATUS_LABELS] = labelledCodes({
  planned: "Planeado",
  in_progress: "En ejecución",
  completed: "Concluido",
  cancelled: "Cancelado",
});
export type ProjectCardStatus = (typeof PROJECT_CARD_STATUSES)[number];

/** One main activity of a project, with its dates and the person responsible. */
export interface ProjectActivity {
  description: string;
  responsible: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
}

/** What the rules read of a card. */
export interface ProjectCardFacts {
  startsOn: LocalDate;
  endsOn: LocalDate;
  status: ProjectCardStatus;
  /** Percent done, 0..100. */
  progress: number;
  activities: readonly ProjectActivity[];
}

export const MAX_PROJECT_ACTIVITIES = 30;

/** A problem with one field of a card: its path (as the form names it) and a Spanish message. */
export interface CardProblem {
  field: string;
  message: string;
}

/**
 * Everything wrong with a card, field by field (empty when it is sound): the project ends on or
 * after it starts; each activity ends on or after it starts and falls within the project's
 * dates; a completed project is at 100 %, and only a completed one is.
 */
export function projectCardProblems(card: ProjectCardFacts): CardProblem[] {
  const problems: CardProblem[] = [];
  if (compareDates(card.endsOn, card.startsOn) < 0) {
    problems.push({
      field: "endsOn",
      message: "La fecha de término no puede ser anterior a la de inicio.",
    });
  }
  card.activities.forEach((activity, index) => {
    const field = `activities.${index}`;
    if (compareDates(activity.endsOn, activity.startsOn) < 0) {
      problems.push({
        field: `${field}.endsOn`,
        message: `Actividad ${index + 1}: termina antes de empezar.`,
      });
    } else if (
      compareDates(activity.startsOn, card.startsOn) < 0 ||
      compareDates(activity.endsOn, card.endsOn) > 0
    ) {
      problems.push({
        field: `${field}.startsOn`,
        message: `Actividad ${index + 1}: sus fechas deben quedar dentro de las del proyecto.`,
      });
    }
  });
  if (card.status === "completed" && card.progress !== 100) {
    problems.push({ field: "progress", message: "Un proyecto concluido tiene 100 % de avance." });
  }
  if (card.status !== "completed" && card.progress === 100) {
    problems.push({
      field: "status",
      message: "Con 100 % de avance, marque el proyecto como concluido.",
    });
  }
  return problems;
}

/**
 * The deadline of the project-dependent tool (E4): «depende de la duración de cada proyecto».
 * The tool is done when its projects are, so its deadline is the latest end date among the
 * municipality's cards that are not cancelled; with no such card it has no deadline yet (null:
 * never overdue). Once the tool is validated its deadline no longer moves (on time was judged
 * against it): `projectDeadlineChange` says whether a recomputation applies.
 */
export function projectToolDeadline(
  cards: readonly Pick<ProjectCardFacts, "status" | "endsOn">[],
): LocalDate | null {
  let latest: LocalDate | null = null;
  for (const card of cards) {
    if (card.status === "cancelled") {
      continue;
    }
    if (latest === null || compareDates(card.endsOn, latest) > 0) {
      latest = card.endsOn;
    }
  }
  return latest;
}

/**
 * The E4 instance's new deadline after its cards changed, or `undefined` when it stays as it is:
 * unchanged, or the tool already validated (its deadline is then part of the record).
 */
export function projectDeadlineChange(
  current: LocalDate | null,
  validated: boolean,
  cards: readonly Pick<ProjectCardFacts, "status" | "endsOn">[],
): LocalDate | null | undefined {
  if (validated) {
    return undefined;
  }
  const next = projectToolDeadline(cards);
  return next === current ? undefined : next;
}
