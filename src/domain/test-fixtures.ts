/**
 * Shared fixtures of the domain's unit tests (progress, scores, dashboard): a fixed today, one
 * instance's facts with defaults, and a small model of two dimensions and three tools. Imported
 * by tests only; the build leaves this file out (tsconfig.build.json).
 */
import type { LocalDate } from "./dates.js";
import type { ModelContent } from "./model.js";
import { MODEL_2022 } from "./model-2022.js";
import type { InstanceFacts } from "./progress.js";
import type { ScoreModel } from "./scores.js";

/** The tests' today: E2's first deadline (2023-02-16) has passed, R2's (2023-11-16) too. */
export const TODAY: LocalDate = "2024-01-10";

/** An instance of E2, cycle 1, opened on 2022-11-16 with its deadline on 2023-02-16, pending. */
export function instance(overrides: Partial<InstanceFacts>): InstanceFacts {
  return {
    toolCode: "E2",
    partCode: null,
    cycle: 1,
    opensOn: "2022-11-16",
    deadline: "2023-02-16",
    state: "pending",
    firstSubmittedOn: null,
    maturity: null,
    ...overrides,
  };
}

/** Dimension E (E1, E2) and dimension R (R2), every weight 1. */
export const SMALL_MODEL: ScoreModel = {
  dimensions: [
    {
      code: "E",
      weight: 1,
      tools: [
        { code: "E1", weight: 1 },
        { code: "E2", weight: 1 },
      ],
    },
    { code: "R", weight: 1, tools: [{ code: "R2", weight: 1 }] },
  ],
};

/** A model (the 2022 one unless told) with other weights: Estrategia weighs 3, E2 weighs 2. */
export function reweighted(model: ModelContent = MODEL_2022): ModelContent {
  return {
    ...model,
    dimensions: model.dimensions.map((dimension) => ({
      ...dimension,
      weight: dimension.code === "E" ? 3 : dimension.weight,
      tools: dimension.tools.map((tool) => ({
        ...tool,
        weight: tool.code === "E2" ? 2 : tool.weight,
      })),
    })),
  };
}
