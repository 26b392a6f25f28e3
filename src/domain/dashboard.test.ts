import { describe, expect, it } from "vitest";
import {
  byCohort,
  byDimension,
  byTool,
  histogram,
  laggingTools,
  type MunicipalityProgress,
  mean,
  municipalityProgress,
  overdueSummary,
  regionalIndex,
  regionalOnTime,
  regionalSummary,
  reviewBacklog,
  type ToolSummary,
} from "./dashboard.js";
import type { InstanceFacts } from "./progress.js";
import { instance, SMALL_MODEL, TODAY } from "./test-fixtures.js";

const NO_EXTRAS = { openObservations: 0, reviewWaits: [] };

function progress(
  cvegeo: string,
  instances: InstanceFacts[],
  options: {
    cohort?: string;
    signedOn?: string;
    openObservations?: number;
    reviewWaits?: number[];
  } = {},
): MunicipalityProgress {
  return municipalityProgress(
    {
      cvegeo,
      name: `Municipio ${cvegeo}`,
      cohort: options.cohort ?? "Cohorte 2022",
      signedOn: options.signedOn ?? "2022-11-16",
    },
    SMALL_MODEL,
    instances,
    {
      openObservations: options.openObservations ?? 0,
      reviewWaits: options.reviewWaits ?? [],
    },
    TODAY,
  );
}

/** E1 validated on signing, E2 and R2 as given. */
function standard(e2: Partial<InstanceFacts>, r2: Partial<InstanceFacts> = {}): InstanceFacts[] {
  return [
    instance({ toolCode: "E1", deadline: "2022-11-16", state: "validated" }),
    instance({ toolCode: "E2", ...e2 }),
    instance({ toolCode: "R2", deadline: "2023-11-16", ...r2 }),
  ];
}

describe("municipalityProgress", () => {
  it("scores with scoreMunicipality and lists the tools in model order", () => {
    const row = progress("15106", [
      instance({ toolCode: "R2", deadline: "2023-11-16" }),
      instance({ toolCode: "E2", state: "validated" }),
      instance({ toolCode: "E1", deadline: "2022-11-16", state: "validated" }),
    ]);
    expect(row.tools.map((tool) => tool.toolCode)).toEqual(["E1", "E2", "R2"]);
    expect(row.scores.index).toBe(0.5);
    expect(row.scores.dimensions).toEqual([
      { code: "E", score: 1 },
      { code: "R", score: 0 },
    ]);
  });

  it("counts overdue tools once each and keeps the database's extras", () => {
    const row = progress(
      "15106",
      [
        instance({ toolCode: "E2", partCode: "a", deadline: "2023-01-01" }),
        instance({ toolCode: "E2", partCode: "b", deadline: "2023-02-01" }),
        instance({ toolCode: "R2", deadline: "2024-11-16" }),
      ],
      { openObservations: 3, reviewWaits: [4, 9] },
    );
    expect(row.overdueTools).toBe(1);
    expect(row.openObservations).toBe(3);
    expect(row.reviewWaits).toEqual([4, 9]);
  });

  it("leaves out tools the municipality has no instance of", () => {
    const row = progress("15106", [instance({ toolCode: "E2" })]);
    expect(row.tools.map((tool) => tool.toolCode)).toEqual(["E2"]);
    expect(row.scores.tools.map((tool) => tool.code)).toEqual(["E1", "E2", "R2"]);
  });

  it("reads annual tools from the counted cycle, with the next one under way", () => {
    const row = progress("15106", [
      instance({ toolCode: "R2", cycle: 1, deadline: "2023-11-16", state: "validated" }),
      instance({ toolCode: "R2", cycle: 2, opensOn: "2023-11-16", deadline: "2024-11-16" }),
    ]);
    expect(row.tools).toEqual([
      expect.objectContaining({ toolCode: "R2", cycle: 1, workingCycle: 2, state: "validated" }),
    ]);
    expect(row.scores.dimensions.find((d) => d.code === "R")?.score).toBe(1);
    expect(row.overdueTools).toBe(0);
  });

  it("counts a missed yearly cycle as an overdue tool even when a later one is validated", () => {
    const row = progress("15106", [
      instance({ toolCode: "R2", cycle: 1, deadline: "2023-11-16", state: "pending" }),
      instance({
        toolCode: "R2",
        cycle: 2,
        opensOn: "2023-11-16",
        deadline: "2024-11-16",
        state: "validated",
      }),
    ]);
    expect(row.tools).toEqual([
      expect.objectContaining({ toolCode: "R2", cycle: 2, missedCycles: [1], overdue: true }),
    ]);
    expect(row.scores.dimensions.find((d) => d.code === "R")?.score).toBe(1);
    expect(row.overdueTools).toBe(1);
  });
});

describe("mean", () => {
  it("is null for nothing and the arithmetic mean otherwise", () => {
    expect(mean([])).toBeNull();
    expect(mean([0.2, 0.4])).toBeCloseTo(0.3, 10);
  });
});

describe("histogram", () => {
  it("makes ten bins of 10 % and counts every value once", () => {
    const bins = histogram([0, 0.05, 0.1, 0.55, 0.99, 1]);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ from: 0, to: 10, count: 2 });
    expect(bins[1]?.count).toBe(1);
    expect(bins[5]?.count).toBe(1);
    expect(bins[9]).toEqual({ from: 90, to: 100, count: 2 });
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(6);
  });

  it("bins by the percentage shown, so 29.96 % (shown 30.0 %) is in 30–40 %", () => {
    expect(histogram([0.2996])[3]?.count).toBe(1);
    expect(histogram([0.2994])[2]?.count).toBe(1);
  });

  it("survives floating point: 0.3 and 0.7 land in their own bins", () => {
    const bins = histogram([0.1 + 0.2, 0.7]);
    expect(bins[3]?.count).toBe(1);
    expect(bins[7]?.count).toBe(1);
  });

  it("clamps out-of-range scores and accepts other bin counts", () => {
    const bins = histogram([-0.2, 1.5], 5);
    expect(bins.map((bin) => bin.count)).toEqual([1, 0, 0, 0, 1]);
    expect(bins.map((bin) => bin.to)).toEqual([20, 40, 60, 80, 100]);
  });

  it("gives empty bins for no municipalities and refuses a bad bin count", () => {
    expect(histogram([]).map((bin) => bin.count)).toEqual(Array(10).fill(0));
    expect(() => histogram([0.5], 0)).toThrow(RangeError);
    expect(() => histogram([0.5], 2.5)).toThrow(RangeError);
  });
});

describe("byDimension", () => {
  it("gives each dimension's mean and median over the municipalities", () => {
    const rows = [
      progress("15001", standard({ state: "validated" })),
      progress("15002", standard({})),
      progress("15003", standard({}, { state: "validated" })),
    ];
    expect(byDimension(rows, SMALL_MODEL)).toEqual([
      { code: "E", mean: (1 + 0.5 + 0.5) / 3, median: 0.5 },
      { code: "R", mean: 1 / 3, median: 0 },
    ]);
  });

  it("is null with no municipalities, and skips a dimension a municipality's model lacks", () => {
    expect(byDimension([], SMALL_MODEL)).toEqual([
      { code: "E", mean: null, median: null },
      { code: "R", mean: null, median: null },
    ]);
    const other = progress("15001", standard({}));
    other.scores.dimensions = other.scores.dimensions.filter((d) => d.code !== "R");
    expect(byDimension([other], SMALL_MODEL)[1]).toEqual({ code: "R", mean: null, median: null });
  });
});

describe("byTool", () => {
  it("counts municipalities per state, the overdue ones and the mean score", () => {
    const rows = [
      progress("15001", standard({ state: "validated" })),
      progress("15002", standard({ state: "submitted" })),
      progress("15003", standard({ state: "changes_requested", deadline: "2025-01-01" })),
      progress("15004", [instance({ toolCode: "E1", state: "validated" })]),
    ];
    const e2 = byTool(rows, SMALL_MODEL).find((tool) => tool.code === "E2");
    expect(e2).toEqual({
      code: "E2",
      dimensionCode: "E",
      municipalities: 3,
      mean: 1 / 3,
      states: { pending: 0, in_progress: 0, submitted: 1, changes_requested: 1, validated: 1 },
      overdue: 1,
    });
  });

  it("gives a null mean for a tool no municipality has", () => {
    const r2 = byTool([progress("15001", [instance({ toolCode: "E2" })])], SMALL_MODEL).find(
      (tool) => tool.code === "R2",
    );
    expect(r2?.municipalities).toBe(0);
    expect(r2?.mean).toBeNull();
  });
});

describe("laggingTools", () => {
  const tool = (code: string, mean: number | null, overdue = 0): ToolSummary => ({
    code,
    dimensionCode: code.slice(0, 1),
    municipalities: mean === null ? 0 : 4,
    mean,
    states: { pending: 0, in_progress: 0, submitted: 0, changes_requested: 0, validated: 0 },
    overdue,
  });

  it("puts the lowest mean first, then the most overdue, then model order", () => {
    const lagging = laggingTools(
      [tool("E1", 1), tool("E2", 0.25, 1), tool("R1", 0.25, 3), tool("C1", 0), tool("C2", 0)],
      4,
    );
    expect(lagging.map((t) => t.code)).toEqual(["C1", "C2", "R1", "E2"]);
  });

  it("ignores tools no municipality has", () => {
    expect(laggingTools([tool("E1", null), tool("E2", 0.5)]).map((t) => t.code)).toEqual(["E2"]);
  });
});

describe("byCohort", () => {
  it("groups by cohort, oldest first, with mean and median index and overdue tools", () => {
    const rows = [
      progress("15001", standard({ state: "validated" }), {
        cohort: "Cohorte 2023",
        signedOn: "2023-03-01",
      }),
      progress("15002", standard({}), { cohort: "Cohorte 2022", signedOn: "2022-11-16" }),
      progress("15003", standard({}, { state: "validated" }), {
        cohort: "Cohorte 2022",
        signedOn: "2022-11-20",
      }),
    ];
    expect(byCohort(rows)).toEqual([
      {
        cohort: "Cohorte 2022",
        municipalities: 2,
        firstSignedOn: "2022-11-16",
        meanIndex: (0.25 + 0.75) / 2,
        medianIndex: 0.5,
        // 15002: E2 and R2 are late; 15003: E2.
        overdueTools: 2 + 1,
      },
      {
        cohort: "Cohorte 2023",
        municipalities: 1,
        firstSignedOn: "2023-03-01",
        meanIndex: 0.5,
        medianIndex: 0.5,
        overdueTools: 1,
      },
    ]);
  });

  it("is empty without municipalities", () => {
    expect(byCohort([])).toEqual([]);
  });
});

describe("reviewBacklog", () => {
  it("counts instances in review with the median and longest wait", () => {
    const rows = [
      progress("15001", [], { reviewWaits: [1, 10] }),
      progress("15002", [], { reviewWaits: [3] }),
      progress("15003", []),
    ];
    expect(reviewBacklog(rows)).toEqual({
      submitted: 3,
      medianDaysWaiting: 3,
      longestDaysWaiting: 10,
    });
  });

  it("has no wait figures when nothing is in review", () => {
    expect(reviewBacklog([progress("15001", [], NO_EXTRAS)])).toEqual({
      submitted: 0,
      medianDaysWaiting: null,
      longestDaysWaiting: null,
    });
  });
});

describe("overdueSummary and regionalOnTime", () => {
  it("adds up overdue tools and municipalities with any", () => {
    const rows = [
      progress("15001", standard({})),
      progress("15002", standard({ state: "validated" }, { deadline: "2025-01-01" })),
      progress("15003", standard({ deadline: "2023-01-01" }, { deadline: "2023-01-01" })),
    ];
    // R2's first deadline (16/11/2023) has passed too: 15001 and 15003 are late on E2 and R2.
    expect(overdueSummary(rows)).toEqual({ tools: 2 + 0 + 2, municipalities: 2 });
  });

  it("adds due and on-time instances over the region before dividing", () => {
    const rows = [
      progress(
        "15001",
        standard(
          { state: "validated", firstSubmittedOn: "2023-01-01" },
          { deadline: "2025-01-01" },
        ),
      ),
      progress("15002", standard({})),
    ];
    // 15001: E1 (no submission: late) and E2 (on time) are due; 15002: E1, E2, R2 are due.
    expect(regionalOnTime(rows)).toEqual({ due: 5, onTime: 1, rate: 0.2 });
    expect(regionalOnTime([])).toEqual({ due: 0, onTime: 0, rate: null });
  });
});

describe("regionalIndex", () => {
  it("is the mean and median of the participants' indexes, as in the summary", () => {
    const rows = [
      progress("15001", standard({ state: "validated" })),
      progress("15002", standard({ state: "submitted" })),
      progress("15003", standard({ state: "pending" })),
    ];
    const index = regionalIndex(rows);
    const indexes = rows.map((row) => row.scores.index).sort((a, b) => a - b);
    expect(index.median).toBe(indexes[1]);
    expect(index.mean).toBeCloseTo(indexes.reduce((sum, value) => sum + value, 0) / 3, 10);
    expect(index).toEqual(regionalSummary(rows, SMALL_MODEL).index);
    expect(regionalIndex([])).toEqual({ mean: null, median: null });
  });
});

describe("regionalSummary", () => {
  it("puts every figure together", () => {
    const rows = [
      progress("15001", standard({ state: "validated" }), { openObservations: 2 }),
      progress("15002", standard({ state: "submitted" }), { reviewWaits: [6] }),
    ];
    const summary = regionalSummary(rows, SMALL_MODEL);
    expect(summary.participants).toBe(2);
    expect(summary.index).toEqual({ mean: 0.375, median: 0.375 });
    expect(summary.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(2);
    expect(summary.dimensions.map((d) => d.code)).toEqual(["E", "R"]);
    expect(summary.tools.map((t) => t.code)).toEqual(["E1", "E2", "R2"]);
    expect(summary.lagging[0]).toBe("R2");
    expect(summary.openObservations).toBe(2);
    expect(summary.reviewBacklog.submitted).toBe(1);
    expect(summary.cohorts).toHaveLength(1);
  });

  it("has empty figures for a region with no participants yet", () => {
    const summary = regionalSummary([], SMALL_MODEL);
    expect(summary.participants).toBe(0);
    expect(summary.index).toEqual({ mean: null, median: null });
    expect(summary.lagging).toEqual([]);
    expect(summary.onTime.rate).toBeNull();
  });
});
