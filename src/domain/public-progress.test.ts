import { describe, expect, it } from "vitest";
import {
  countPublicStates,
  INDEX_BANDS,
  indexBand,
  PUBLIC_TOOL_STATES,
  publicToolState,
  rankByIndex,
} from "./public-progress.js";
import { TOOL_STATES } from "./tool-state.js";

describe("publicToolState", () => {
  it("shows validated tools as validated, even past their deadline", () => {
    expect(publicToolState({ state: "validated", overdue: false })).toBe("validated");
    expect(publicToolState({ state: "validated", overdue: true })).toBe("validated");
  });

  it("shows every unvalidated tool past its deadline as overdue", () => {
    for (const state of TOOL_STATES.filter((s) => s !== "validated")) {
      expect(publicToolState({ state, overdue: true })).toBe("overdue");
    }
  });

  it("shows untouched tools as pending", () => {
    expect(publicToolState({ state: "pending", overdue: false })).toBe("pending");
  });

  it("hides drafts, reviews and observations behind one 'in progress'", () => {
    for (const state of ["in_progress", "submitted", "changes_requested"] as const) {
      expect(publicToolState({ state, overdue: false })).toBe("in_progress");
    }
  });

  it("maps every internal state to a public one", () => {
    for (const state of TOOL_STATES) {
      for (const overdue of [false, true]) {
        expect(PUBLIC_TOOL_STATES).toContain(publicToolState({ state, overdue }));
      }
    }
  });
});

describe("countPublicStates", () => {
  it("counts each public state, zero for the absent ones", () => {
    expect(countPublicStates(["validated", "validated", "overdue"])).toEqual({
      validated: 2,
      in_progress: 0,
      pending: 0,
      overdue: 1,
    });
    expect(countPublicStates([])).toEqual({
      validated: 0,
      in_progress: 0,
      pending: 0,
      overdue: 0,
    });
  });
});

describe("rankByIndex", () => {
  it("ranks highest first with shared places for ties (1, 2, 2, 4)", () => {
    const ranked = rankByIndex([
      { name: "A", index: 0.2 },
      { name: "B", index: 0.9 },
      { name: "C", index: 0.5 },
      { name: "D", index: 0.5 },
    ]);
    expect(ranked.map((r) => `${r.rank}:${r.name}`)).toEqual(["1:B", "2:C", "2:D", "4:A"]);
  });

  it("keeps the input order among ties", () => {
    const ranked = rankByIndex([
      { name: "Zumpango", index: 0.4 },
      { name: "Acolman", index: 0.4 },
    ]);
    expect(ranked.map((r) => r.name)).toEqual(["Zumpango", "Acolman"]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
  });

  it("ties indexes that show as the same percentage", () => {
    const ranked = rankByIndex([
      { name: "A", index: 0.33333 },
      { name: "B", index: 0.33329 },
      { name: "C", index: 0.3349 },
    ]);
    expect(ranked.map((r) => `${r.rank}:${r.name}`)).toEqual(["1:C", "2:A", "2:B"]);
  });

  it("ranks an empty list as empty and one item first", () => {
    expect(rankByIndex([])).toEqual([]);
    expect(rankByIndex([{ index: 0 }])).toEqual([{ index: 0, rank: 1 }]);
  });
});

describe("indexBand", () => {
  it("puts each fifth of the scale in its band, the upper bound in the band above", () => {
    expect(indexBand(0)).toBe(0);
    expect(indexBand(0.1999)).toBe(0);
    expect(indexBand(0.2)).toBe(1);
    expect(indexBand(0.5)).toBe(2);
    expect(indexBand(0.6)).toBe(3);
    expect(indexBand(0.8)).toBe(4);
    expect(indexBand(1)).toBe(4);
  });

  it("clamps values outside 0..1", () => {
    expect(indexBand(-0.5)).toBe(0);
    expect(indexBand(1.5)).toBe(4);
  });

  it("has a label for every band", () => {
    expect(INDEX_BANDS.map((b) => b.band)).toEqual([0, 1, 2, 3, 4]);
  });
});
