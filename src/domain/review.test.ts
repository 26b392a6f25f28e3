import { describe, expect, it } from "vitest";
import { criteriaScore, measuredMaturity, reviewProblem } from "./review.js";

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

describe("measuredMaturity", () => {
  const P1 = { criteria: [{}, {}, {}, {}], maturityLevels: [] };
  const P2 = {
    criteria: [],
    maturityLevels: [{ level: 0 }, { level: 1 }, { level: 2 }, { level: 3 }],
  };

  it("is the mean of the criteria for a tool with criteria", () => {
    expect(measuredMaturity(P1, { criteria: [1, 1, 0.5, 0], maturityLevel: null })).toBe(0.625);
  });

  it("is the level over the top level for a tool with levels", () => {
    expect(measuredMaturity(P2, { criteria: [], maturityLevel: 2 })).toBeCloseTo(2 / 3, 6);
    expect(measuredMaturity(P2, { criteria: [], maturityLevel: 9 })).toBe(1);
  });

  it("is null when the tool measures nothing or the review recorded nothing", () => {
    expect(
      measuredMaturity({ criteria: [], maturityLevels: [] }, { criteria: [], maturityLevel: 1 }),
    ).toBeNull();
    expect(measuredMaturity(P1, { criteria: [], maturityLevel: null })).toBeNull();
    expect(measuredMaturity(P2, { criteria: [], maturityLevel: null })).toBeNull();
  });
});
