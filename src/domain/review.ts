/** The finding types of a review in Mexican transparency verification. */
export const OBSERVATION_TYPES = ["observacion", "recomendacion", "requerimiento"] as const;
export type ObservationType = (typeof OBSERVATION_TYPES)[number];

export const OBSERVATION_TYPE_LABELS: Record<ObservationType, string> = {
  observacion: "Observación",
  recomendacion: "Recomendación",
  requerimiento: "Requerimiento",
};

/** A criterion's result: met, partly met, not met. */
export const CRITERION_RESULTS = [1, 0.5, 0] as const;
export type CriterionResult = (typeof CRITERION_RESULTS)[number];

export type ReviewDecision = "validate" | "request_changes";

/**
 * What a decision must carry: returning an instance needs at least one observation saying what
 * to fix; validating may carry recommendations but no requirement (a requirement means "not yet").
 */
export function reviewProblem(
  decision: ReviewDecision,
  observations: { type: ObservationType }[],
): string | null {
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
