import { describe, expect, it } from "vitest";
import {
  cycleOpensOn,
  daysLeft,
  deadlineFor,
  isOnTime,
  isOverdue,
  openCycles,
  plannedInstances,
} from "./deadlines.js";
import { MODEL_2022 } from "./model-2022.js";

const SIGNED = "2022-11-16";

describe("deadlineFor", () => {
  it("counts months from the agreement", () => {
    expect(deadlineFor({ kind: "months", months: 3, label: "" }, SIGNED, 1)).toBe("2023-02-16");
    expect(deadlineFor({ kind: "months", months: 6, label: "" }, SIGNED, 1)).toBe("2023-05-16");
  });

  it("clamps to the month's end for agreements signed late in a month", () => {
    expect(deadlineFor({ kind: "months", months: 1, label: "" }, "2024-01-31", 1)).toBe(
      "2024-02-29",
    );
    expect(deadlineFor({ kind: "months", months: 3, label: "" }, "2023-11-30", 1)).toBe(
      "2024-02-29",
    );
    expect(deadlineFor({ kind: "months", months: 3, label: "" }, "2022-11-30", 1)).toBe(
      "2023-02-28",
    );
  });

  it("puts each annual cycle's deadline on the agreement's anniversary", () => {
    const annual = { kind: "annual", label: "" } as const;
    expect(deadlineFor(annual, SIGNED, 1)).toBe("2023-11-16");
    expect(deadlineFor(annual, SIGNED, 3)).toBe("2025-11-16");
    expect(deadlineFor(annual, "2024-02-29", 1)).toBe("2025-02-28");
    expect(deadlineFor(annual, "2024-02-29", 4)).toBe("2028-02-29");
  });

  it("makes the agreement tool due on signing, and project tools due when the project ends", () => {
    expect(deadlineFor({ kind: "on_agreement", label: "" }, SIGNED, 1)).toBe(SIGNED);
    expect(deadlineFor({ kind: "project", label: "" }, SIGNED, 1)).toBeNull();
    expect(deadlineFor({ kind: "project", label: "" }, SIGNED, 1, "2023-08-31")).toBe("2023-08-31");
  });
});

describe("yearly cycles", () => {
  it("opens a new cycle on each anniversary, the day itself included", () => {
    expect(openCycles(SIGNED, "2022-11-16")).toBe(1);
    expect(openCycles(SIGNED, "2023-11-15")).toBe(1);
    expect(openCycles(SIGNED, "2023-11-16")).toBe(2);
    expect(openCycles(SIGNED, "2026-11-25")).toBe(5);
    expect(cycleOpensOn(SIGNED, 2)).toBe("2023-11-16");
  });
});

describe("plannedInstances for the 2022 model", () => {
  it("gives a new municipality 23 deliverables: 18 tools, parts counted separately, one cycle each", () => {
    const planned = plannedInstances(MODEL_2022, SIGNED, SIGNED);
    expect(planned).toHaveLength(23);
    expect(planned.filter((p) => p.tool === "R1").map((p) => p.part)).toEqual(["a", "b", "c", "d"]);
    expect(planned.find((p) => p.tool === "E1")).toEqual({
      tool: "E1",
      part: null,
      cycle: 1,
      opensOn: SIGNED,
      deadline: SIGNED,
    });
    expect(planned.find((p) => p.tool === "E4")?.deadline).toBeNull();
    expect(planned.find((p) => p.tool === "P1" && p.part === "b")?.deadline).toBe("2023-05-16");
  });

  it("adds one instance per opened cycle for each of the four annual tools", () => {
    const planned = plannedInstances(MODEL_2022, SIGNED, "2024-01-10");
    expect(planned).toHaveLength(23 + 4);
    expect(planned.filter((p) => p.tool === "M3")).toEqual([
      { tool: "M3", part: null, cycle: 1, opensOn: "2022-11-16", deadline: "2023-11-16" },
      { tool: "M3", part: null, cycle: 2, opensOn: "2023-11-16", deadline: "2024-11-16" },
    ]);
  });
});

describe("overdue, days left and on time", () => {
  it("is overdue from the day after the deadline, unless validated", () => {
    expect(isOverdue("2023-02-16", false, "2023-02-16")).toBe(false);
    expect(isOverdue("2023-02-16", false, "2023-02-17")).toBe(true);
    expect(isOverdue("2023-02-16", true, "2024-01-01")).toBe(false);
    expect(isOverdue(null, false, "2030-01-01")).toBe(false);
  });

  it("counts the days left, negative once overdue", () => {
    expect(daysLeft("2023-02-16", "2023-02-10")).toBe(6);
    expect(daysLeft("2023-02-16", "2023-02-16")).toBe(0);
    expect(daysLeft("2023-02-16", "2023-03-01")).toBe(-13);
    expect(daysLeft(null, "2023-03-01")).toBeNull();
  });

  it("is on time when first submitted by the deadline and validated since", () => {
    expect(isOnTime("2023-02-16", "2023-02-16", true)).toBe(true);
    expect(isOnTime("2023-02-17", "2023-02-16", true)).toBe(false);
    expect(isOnTime("2023-02-01", "2023-02-16", false)).toBeNull();
    expect(isOnTime(null, "2023-02-16", true)).toBe(false);
    expect(isOnTime("2023-02-01", null, true)).toBeNull();
  });
});
