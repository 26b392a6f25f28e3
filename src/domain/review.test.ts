import { describe, expect, it } from "vitest";
import { criteriaScore, reviewProblem } from "./review.js";

describe("reviewProblem", () => {
  it("requires an observation to return an instance", () => {
    expect(reviewProblem("request_changes", [])).toMatch(/al menos una observación/);
    expect(reviewProblem("request_changes", [{ type: "observacion" }])).toBeNull();
  });

  it("allows validating with recommendations but not with a requirement", () => {
    expect(reviewProblem("validate", [])).toBeNull();
    expect(reviewProblem("validate", [{ type: "recomendacion" }])).toBeNull();
    expect(reviewProblem("validate", [{ type: "requerimiento" }])).toMatch(
      /devuelva con observaciones/,
    );
  });
});

describe("criteriaScore", () => {
  it("averages 1 / 0.5 / 0 results and is null without criteria", () => {
    expect(criteriaScore([1, 1, 0.5, 0])).toBe(0.625);
    expect(criteriaScore([1, 1, 1, 1])).toBe(1);
    expect(criteriaScore([])).toBeNull();
  });
});
