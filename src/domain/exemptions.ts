/**
 * Exemptions: staff declare that a tool does not apply to a municipality (with a reason), and may
 * lift the exemption. An exempt tool leaves the municipality's index: it is taken out of the
 * weighted mean (the denominator), its deliveries out of «a tiempo», and the gap matrix shows it
 * as «Exenta». Plain rules; the service enforces them.
 */
import type { RuleProblem } from "./codes.js";
import type { InstanceFacts } from "./progress.js";
import type { ScoreModel } from "./scores.js";

/** The stable error codes of the exemption rules. */
export const EXEMPTION_PROBLEM_CODES = [
  "exemption_reason_required",
  "exemption_already_active",
  "exemption_not_active",
] as const;
export type ExemptionProblem = RuleProblem<typeof EXEMPTION_PROBLEM_CODES>;

/** The word the gap matrix and the tool lists show for an exempt tool. */
export const EXEMPT_LABEL = "Exenta";

/** Whether staff may exempt a tool now: a reason is written and it is not exempt already. */
export function exemptionProblem(active: boolean, reason: string): ExemptionProblem | null {
  if (active) {
    return {
      code: "exemption_already_active",
      message: "La herramienta ya está exenta para este municipio.",
    };
  }
  return reason.trim() === ""
    ? { code: "exemption_reason_required", message: "Escriba por qué la herramienta no aplica." }
    : null;
}

/** Whether staff may lift an exemption: there is one in force. */
export function liftProblem(active: boolean): ExemptionProblem | null {
  return active
    ? null
    : {
        code: "exemption_not_active",
        message: "La herramienta no está exenta para este municipio.",
      };
}

/**
 * A municipality's model and instances without its exempt tools: what its scores are computed
 * from. A dimension left without tools leaves the index too (its weight no longer counts).
 */
export function withoutExemptTools<M extends ScoreModel, I extends Pick<InstanceFacts, "toolCode">>(
  model: M,
  instances: readonly I[],
  exempt: ReadonlySet<string>,
): { model: M; instances: I[] } {
  if (exempt.size === 0) {
    return { model, instances: [...instances] };
  }
  const dimensions = model.dimensions
    .map((dimension) => ({
      ...dimension,
      tools: dimension.tools.filter((tool) => !exempt.has(tool.code)),
    }))
    .filter((dimension) => dimension.tools.length > 0);
  return {
    model: { ...model, dimensions },
    instances: instances.filter((instance) => !exempt.has(instance.toolCode)),
  };
}
