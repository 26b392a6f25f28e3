/**
 * Shared fixtures of the domain's unit tests (progress, scores, dashboard): a fixed today, one
 * instance's facts with defaults, and a small model of two dimensions and three tools. Imported
 * by tests only; the build leaves this file out (tsconfig.build.json).
 */
import type { LocalDate } from "./dates.js";
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
