/** The finding types of a review in Mexican transparency verification. */
import { labelledCodes } from "./codes.js";

export const [OBSERVATION_TYPES, OBSERVATION_TYPE_LABELS] = labelledCodes({
  observacion: "Observación",
  recomendacion: "Recomendación",
  requerimiento: "Requerimiento",
});
export type ObservationType = (typeof OBSERVATION_TYPES)[number];

/** A criterion's result: met, partly met, not met. */
export const CRITERION_RESULTS = [1, 0.5, 0] as const;
export type CriterionResult = (typeof CRITERION_RESULTS)[number];

export const CRITERION_RESULT_LABELS: Record<CriterionResult, string> = {
  1: "Cumple (1)",
  0.5: "Cumple parcialmente (0.5)",
  0: "No cumple (0)",
};

/** Whether a number is one of the criterion results (1, 0.5, 0). */
export function isCriterionResult(value: number): value is CriterionResult {
  return (CRITERION_RESULTS as readonly number[]).includes(value);
}

/** What a reviewer decides on a submission: validate it, or return it with observations. */
export const [REVIEW_DECISIONS, REVIEW_DECISION_LABELS] = labelledCodes({
  validate: "Validar",
  request_changes: "Devolver con observaciones",
});
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** What a review records (and the history shows): the submission was validated or returned. */
export const [REVIEW_OUTCOMES, REVIEW_OUTCOME_LABELS] = labelledCodes({
  validated: "Validada",
  changes_requested: "Devuelta con observaciones",
});
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** The outcome a decision records. */
export function reviewOutcome(decision: ReviewDecision): ReviewOutcome {
  return decision === "validate" ? "validated" : "changes_requested";
}

/**
 * What a decision must carry: a decision at all; returning an instance needs at least one
 * observation saying what to fix; validating may carry recommendations but no requirement (a
 * requirement means "not yet"). The form asks before a decision is chosen (`null`); the request
 * always carries one.
 */
export function reviewProblem(
  decision: ReviewDecision | null,
  observations: readonly { type: ObservationType }[],
): string | null {
  if (decision === null) {
    return "Elija la decisión: validar o devolver con observaciones.";
  }
  if (decision === "request_changes" && observations.length === 0) {
    return "Para devolver con observaciones escriba al menos una observación.";
  }
  if (decision === "validate" && observations.some((o) => o.type === "requerimiento")) {
    return "Un requerimiento significa que falta algo: devuelva con observaciones en lugar de validar.";
  }
  return null;
}

/** The mean of a review's criterion results, or null when the tool has no criteria. */
export function criteriaScore(results: CriterionResult[]): number | null {
  if (results.length === 0) {
    return null;
  }
  return results.reduce<number>((sum, result) => sum + result, 0) / results.length;
}

/**
 * The maturity a review measured, 0..1: for a tool with maturity levels, the level reached over
 * the top level; for a tool with criteria, the mean of their results; otherwise null.
 */
export function measuredMaturity(
  tool: { criteria: unknown[]; maturityLevels: { level: number }[] },
  review: { criteria: CriterionResult[]; maturityLevel: number | null },
): number | null {
  if (tool.maturityLevels.length > 0 && review.maturityLevel !== null) {
    const top = Math.max(...tool.maturityLevels.map((l) => l.level));
    return top > 0 ? Math.min(Math.max(review.maturityLevel, 0), top) / top : null;
  }
  if (tool.criteria.length > 0) {
    return criteriaScore(review.criteria);
  }
  return null;
}

/** A finding of the review that returned a tool, as the municipality left it. */
export interface ReturnedObservation {
  type: ObservationType;
  text: string;
  answer: string | null;
}

/** Something a returned tool lacks before it can go back to review. */
export type ResubmissionProblem =
  | {
      kind: "unanswered";
      /** Position in the review, from 0; the interface numbers observations from 1. */
      index: number;
      type: ObservationType;
      excerpt: string;
      message: string;
    }
  | { kind: "document_required"; message: string };

/** A text for naming it in a message, without its final period; cut at a word when long. */
export function excerpt(text: string, max = 60): string {
  const flat = text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\s.]+$/, "");
  if (flat.length <= max) {
    return flat;
  }
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, "")}…`;
}

/**
 * What keeps a returned tool from going back to review: every observation of the review that
 * returned it needs the municipality's answer, and when any of them is a requerimiento (something
 * is missing), a new version of a document uploaded since the return. `newDocuments` counts the
 * evidence versions not sent in the returned submission. Empty when it may be resubmitted.
 */
export function resubmissionProblems(returned: {
  observations: readonly ReturnedObservation[];
  newDocuments: number;
}): ResubmissionProblem[] {
  const problems: ResubmissionProblem[] = [];
  returned.observations.forEach((observation, index) => {
    if (observation.answer?.trim()) {
      return;
    }
    const quoted = excerpt(observation.text);
    problems.push({
      kind: "unanswered",
      index,
      type: observation.type,
      excerpt: quoted,
      message: `Responda la observación ${index + 1} (${OBSERVATION_TYPE_LABELS[observation.type].toLowerCase()}): «${quoted}».`,
    });
  });
  if (
    returned.newDocuments === 0 &&
    returned.observations.some((observation) => observation.type === "requerimiento")
  ) {
    problems.push({
      kind: "document_required",
      message:
        "Suba una versión nueva del documento: la revisión tiene un requerimiento y se devolvió con los documentos actuales.",
    });
  }
  return problems;
}

/** One message naming everything a resubmission lacks, or null when nothing does. */
export function resubmissionMessage(problems: readonly ResubmissionProblem[]): string | null {
  if (problems.length === 0) {
    return null;
  }
  return `Aún no puede enviarse de nuevo a revisión. ${problems.map((p) => p.message).join(" ")}`;
}

/** The review criteria and maturity levels of a tool, in the participant's model version. */
export interface ReviewedTool {
  criteria: readonly { code: string; name: string }[];
  maturityLevels: readonly { level: number; name: string }[];
}

/** What a reviewer records besides the decision: a result per criterion, a maturity level. */
export interface ReviewInput {
  criteria: readonly { code: string; result: number }[];
  maturityLevel: number | null;
}

/** A problem of a review's results, with the request field it concerns (`criteria.2`). */
export interface ReviewInputProblem {
  field: string;
  message: string;
}

/**
 * Whether a review's results fit the tool as the participant's model version defines it: exactly
 * one result (1, 0.5 or 0) for each criterion and none for anything else; a level among the
 * tool's levels when it has levels; nothing of either when it has none. Applies to validating
 * and to returning alike: the results are what the scores and the history show.
 */
export function reviewInputProblems(tool: ReviewedTool, input: ReviewInput): ReviewInputProblem[] {
  const problems: ReviewInputProblem[] = [];
  const names = new Map(tool.criteria.map((criterion) => [criterion.code, criterion.name]));
  const seen = new Set<string>();
  input.criteria.forEach((result, index) => {
    const field = `criteria.${index}`;
    const name = names.get(result.code);
    if (name === undefined) {
      problems.push({
        field,
        message:
          tool.criteria.length === 0
            ? `Esta herramienta no se evalúa por criterios: quite el criterio «${result.code}».`
            : `«${result.code}» no es un criterio de esta herramienta en la versión del modelo del municipio.`,
      });
      return;
    }
    if (seen.has(result.code)) {
      problems.push({ field, message: `El criterio «${name}» tiene más de un resultado.` });
      return;
    }
    seen.add(result.code);
    if (!isCriterionResult(result.result)) {
      problems.push({
        field,
        message: `El resultado del criterio «${name}» debe ser 1 (cumple), 0.5 (cumple parcialmente) o 0 (no cumple).`,
      });
    }
  });
  for (const criterion of tool.criteria) {
    if (!seen.has(criterion.code)) {
      problems.push({
        field: "criteria",
        message: `Falta el resultado del criterio «${criterion.name}».`,
      });
    }
  }
  if (tool.maturityLevels.length > 0) {
    const levels = tool.maturityLevels.map((level) => level.level);
    if (input.maturityLevel === null) {
      problems.push({ field: "maturityLevel", message: "Elija el nivel de madurez alcanzado." });
    } else if (!levels.includes(input.maturityLevel)) {
      problems.push({
        field: "maturityLevel",
        message: `El nivel ${input.maturityLevel} no existe en esta herramienta: elija uno de ${levels.join(", ")}.`,
      });
    }
  } else if (input.maturityLevel !== null) {
    problems.push({
      field: "maturityLevel",
      message: "Esta herramienta no mide niveles de madurez: no indique un nivel.",
    });
  }
  return problems;
}
