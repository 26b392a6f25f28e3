import { describe, expect, it } from "vitest";
import { MODEL_2022 } from "./model-2022.js";
import {
  asPercent,
  instanceScore,
  median,
  onTimeFigures,
  type ScoreModel,
  scoreMunicipality,
  toolScore,
  weightedMean,
} from "./scores.js";
import { instance, SMALL_MODEL, TODAY } from "./test-fixtures.js";

describe("instanceScore", () => {
  it("is 1 when validated and 0 otherwise", () => {
    expect(instanceScore({ state: "validated", maturity: null })).toBe(1);
    for (const state of ["pending", "in_progress", "submitted", "changes_requested"] as const) {
      expect(instanceScore({ state, maturity: null })).toBe(0);
    }
  });

  it("scores the measured maturity of P1 and P2, validated or not", () => {
    expect(instanceScore({ state: "changes_requested", maturity: 0.75 })).toBe(0.75);
    expect(instanceScore({ state: "validated", maturity: 2 / 3 })).toBeCloseTo(0.6667, 4);
    expect(instanceScore({ state: "validated", maturity: 1.4 })).toBe(1);
    expect(instanceScore({ state: "pending", maturity: -1 })).toBe(0);
  });
});

describe("toolScore", () => {
  it("is the mean of the parts", () => {
    expect(
      toolScore([
        { state: "validated", maturity: null },
        { state: "pending", maturity: null },
        { state: "validated", maturity: null },
        { state: "submitted", maturity: null },
      ]),
    ).toBe(0.5);
  });

  it("mixes P1's two processes at their maturity", () => {
    expect(
      toolScore([
        { state: "validated", maturity: 1 },
        { state: "changes_requested", maturity: 0.5 },
      ]),
    ).toBe(0.75);
  });

  it("is 0 with no instance", () => {
    expect(toolScore([])).toBe(0);
  });
});

describe("weightedMean", () => {
  it("weighs each value", () => {
    expect(
      weightedMean([
        { value: 1, weight: 3 },
        { value: 0, weight: 1 },
      ]),
    ).toBe(0.75);
  });

  it("is 0 when nothing has weight", () => {
    expect(weightedMean([])).toBe(0);
    expect(weightedMean([{ value: 1, weight: 0 }])).toBe(0);
  });
});

describe("scoreMunicipality", () => {
  it("averages tools into dimensions and dimensions into the index", () => {
    const scores = scoreMunicipality(
      SMALL_MODEL,
      [
        instance({ toolCode: "E1", state: "validated", deadline: null }),
        instance({ toolCode: "E2" }),
        instance({ toolCode: "R2", state: "validated", deadline: "2023-11-16" }),
      ],
      TODAY,
    );
    expect(scores.dimensions).toEqual([
      { code: "E", score: 0.5 },
      { code: "R", score: 1 },
    ]);
    expect(scores.index).toBe(0.75);
    expect(scores.tools).toEqual([
      { code: "E1", dimensionCode: "E", score: 1 },
      { code: "E2", dimensionCode: "E", score: 0 },
      { code: "R2", dimensionCode: "R", score: 1 },
    ]);
  });

  it("takes the weights of the model version", () => {
    const weighted: ScoreModel = {
      dimensions: [
        { ...(SMALL_MODEL.dimensions[0] as ScoreModel["dimensions"][number]), weight: 3 },
        { ...(SMALL_MODEL.dimensions[1] as ScoreModel["dimensions"][number]), weight: 1 },
      ],
    };
    const scores = scoreMunicipality(
      weighted,
      [instance({ toolCode: "R2", state: "validated" })],
      TODAY,
    );
    expect(scores.index).toBe(0.25);
  });

  it("scores an annual tool by its counted cycle: a cycle only opened does not lower it", () => {
    const instances = [
      instance({ toolCode: "R2", cycle: 1, state: "validated", deadline: "2023-11-16" }),
      instance({ toolCode: "R2", cycle: 2, opensOn: "2023-11-16", deadline: "2024-11-16" }),
    ];
    expect(scoreMunicipality(SMALL_MODEL, instances, "2023-11-15").dimensions[1]?.score).toBe(1);
    expect(scoreMunicipality(SMALL_MODEL, instances, "2023-11-16").dimensions[1]?.score).toBe(1);
    expect(scoreMunicipality(SMALL_MODEL, instances, "2024-11-16").dimensions[1]?.score).toBe(1);
    // Cycle 2 missed: from the day after its deadline it counts, and scores 0.
    expect(scoreMunicipality(SMALL_MODEL, instances, "2024-11-17").dimensions[1]?.score).toBe(0);
  });

  it("gives a municipality with no instances 0 everywhere", () => {
    const scores = scoreMunicipality(SMALL_MODEL, [], TODAY);
    expect(scores.index).toBe(0);
    expect(scores.onTime).toEqual({ due: 0, onTime: 0, rate: null });
  });

  it("scores the full 2022 model: everything validated is 100 %", () => {
    const model: ScoreModel = {
      dimensions: MODEL_2022.dimensions.map((d) => ({
        code: d.code,
        weight: d.weight,
        tools: d.tools.map((t) => ({ code: t.code, weight: t.weight })),
      })),
    };
    const instances = MODEL_2022.dimensions.flatMap((d) =>
      d.tools.flatMap((t) =>
        (t.parts.length > 0 ? t.parts.map((p) => p.code) : [null]).map((partCode) =>
          instance({ toolCode: t.code, partCode, state: "validated" }),
        ),
      ),
    );
    const scores = scoreMunicipality(model, instances, TODAY);
    expect(scores.index).toBe(1);
    expect(scores.tools).toHaveLength(18);
    expect(scores.dimensions.map((d) => d.code)).toEqual(["E", "R", "P", "C", "M"]);
  });
});

describe("onTimeFigures", () => {
  it("counts validated instances first submitted by the deadline", () => {
    const figures = onTimeFigures(
      [
        instance({ state: "validated", firstSubmittedOn: "2023-02-16" }),
        instance({ state: "validated", firstSubmittedOn: "2023-02-17" }),
        instance({ state: "pending" }),
        instance({ state: "submitted", deadline: "2024-06-01" }),
        instance({ state: "validated", deadline: "2024-06-01", firstSubmittedOn: "2023-12-01" }),
        instance({ state: "validated", deadline: null }),
      ],
      TODAY,
    );
    expect(figures).toEqual({ due: 4, onTime: 2, rate: 0.5 });
  });

  it("leaves out cycles not yet opened", () => {
    const figures = onTimeFigures(
      [instance({ opensOn: "2024-11-16", deadline: "2023-01-01" })],
      TODAY,
    );
    expect(figures.due).toBe(0);
  });
});

describe("median and asPercent", () => {
  it("finds the middle", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("rounds to one decimal", () => {
    expect(asPercent(2 / 3)).toBe(66.7);
    expect(asPercent(1)).toBe(100);
  });
});
