import { describe, expect, it } from "vitest";
import { addMonths, type LocalDate } from "./dates.js";
import { cycleOpensOn, deadlineFor } from "./deadlines.js";
import {
  countedInstances,
  cycleNotes,
  cycleOutcome,
  cycleStandings,
  foldStates,
  type InstanceFacts,
  isGap,
  missedCyclesLabel,
  overdueLabel,
  toolStatuses,
} from "./progress.js";
import { scoreMunicipality } from "./scores.js";
import { instance, SMALL_MODEL, TODAY } from "./test-fixtures.js";
import type { ToolState } from "./tool-state.js";

const SIGNED = "2022-11-16";
const ANNUAL = { kind: "annual", label: "Anual" } as const;

/** Cycle `cycle` of an annual tool signed on `signedOn`, with the dates the model gives it. */
function yearly(
  cycle: number,
  state: ToolState = "pending",
  overrides: Partial<InstanceFacts> = {},
  signedOn: LocalDate = SIGNED,
): InstanceFacts {
  return instance({
    toolCode: "R2",
    cycle,
    opensOn: cycleOpensOn(signedOn, cycle),
    deadline: deadlineFor(ANNUAL, signedOn, cycle),
    state,
    ...overrides,
  });
}

const counted = (instances: InstanceFacts[], today: LocalDate) =>
  countedInstances(instances, today)
    .map((i) => `${i.toolCode}${i.partCode ?? ""}:${i.cycle}`)
    .sort();

describe("countedInstances: which yearly cycle counts", () => {
  it("counts the first cycle during the first year, when none is due or validated", () => {
    expect(counted([yearly(1)], "2023-05-01")).toEqual(["R2:1"]);
    expect(counted([yearly(1, "in_progress")], "2023-11-15")).toEqual(["R2:1"]);
  });

  it("keeps counting a validated cycle the day before, of and after the anniversary", () => {
    const instances = [yearly(1, "validated"), yearly(2)];
    for (const today of ["2023-11-15", "2023-11-16", "2023-11-17"]) {
      expect(counted(instances, today)).toEqual(["R2:1"]);
    }
    const statuses = toolStatuses(instances, "2023-11-17");
    expect(statuses.get("R2")).toMatchObject({
      state: "validated",
      cycle: 1,
      overdue: false,
      missedCycles: [],
      workingCycle: 2,
      workingState: "pending",
      deadline: "2024-11-16",
    });
  });

  it("does not lower the index on an anniversary", () => {
    const instances = [
      instance({ toolCode: "E1", state: "validated", deadline: SIGNED }),
      instance({ state: "validated" }),
      yearly(1, "validated"),
      yearly(2),
    ];
    for (const today of ["2023-11-15", "2023-11-16", "2023-11-17"]) {
      expect(scoreMunicipality(SMALL_MODEL, instances, today).index).toBe(1);
    }
  });

  it("counts an unvalidated cycle from the day after its deadline, as overdue", () => {
    const instances = [yearly(1, "in_progress"), yearly(2)];
    const onTheDay = toolStatuses(instances, "2023-11-16").get("R2");
    expect(onTheDay).toMatchObject({ cycle: 1, overdue: false, missedCycles: [], workingCycle: 2 });
    const after = toolStatuses(instances, "2023-11-17").get("R2");
    expect(after).toMatchObject({
      state: "in_progress",
      cycle: 1,
      overdue: true,
      missedCycles: [1],
      workingCycle: 2,
      deadline: "2023-11-16",
    });
    expect(isGap(after as NonNullable<typeof after>)).toBe(true);
  });

  it("scores a validated later cycle and still shows the missed one as overdue and a gap", () => {
    // Signed 16/11/2022; today 10/01/2025: cycle 1 missed, cycle 2 validated, cycle 3 under way.
    const instances = [
      yearly(1, "pending"),
      yearly(2, "validated", { firstSubmittedOn: "2024-10-01" }),
      yearly(3, "in_progress"),
    ];
    const today = "2025-01-10";
    expect(counted(instances, today)).toEqual(["R2:2"]);
    const status = toolStatuses(instances, today).get("R2");
    expect(status).toMatchObject({
      state: "validated",
      cycle: 2,
      overdue: true,
      missedCycles: [1],
      workingCycle: 3,
      workingState: "in_progress",
      deadline: "2023-11-16",
    });
    expect(isGap(status as NonNullable<typeof status>)).toBe(true);
    const scores = scoreMunicipality(SMALL_MODEL, instances, today);
    expect(scores.tools.find((tool) => tool.code === "R2")?.score).toBe(1);
    expect(scores.onTime).toEqual({ due: 2, onTime: 1, rate: 0.5 });
  });

  it("counts a cycle validated early, before its deadline", () => {
    const instances = [yearly(1, "validated"), yearly(2, "validated")];
    expect(counted(instances, "2024-01-10")).toEqual(["R2:2"]);
    expect(toolStatuses(instances, "2024-01-10").get("R2")).toMatchObject({
      cycle: 2,
      workingCycle: null,
      deadline: "2024-11-16",
    });
  });

  it("counts the latest due cycle when it was missed, even after an earlier one was validated", () => {
    const instances = [yearly(1, "validated"), yearly(2, "pending"), yearly(3)];
    const status = toolStatuses(instances, "2025-01-10").get("R2");
    expect(status).toMatchObject({ state: "pending", cycle: 2, missedCycles: [2], overdue: true });
  });

  it("ignores cycles that open after today", () => {
    expect(counted([yearly(1, "validated"), yearly(2, "validated")], "2023-06-01")).toEqual([
      "R2:1",
    ]);
    expect(countedInstances([instance({ opensOn: "2024-01-11" })], TODAY)).toEqual([]);
    expect(countedInstances([instance({ opensOn: TODAY })], TODAY)).toHaveLength(1);
  });

  it("clamps the cycles of an agreement signed on 29 February to 28 February", () => {
    const signedOn = "2024-02-29";
    expect(addMonths(signedOn, 12)).toBe("2025-02-28");
    expect(addMonths(signedOn, 48)).toBe("2028-02-29");
    const instances = [yearly(1, "validated", {}, signedOn), yearly(2, "pending", {}, signedOn)];
    expect(instances[1]).toMatchObject({ opensOn: "2025-02-28", deadline: "2026-02-28" });
    expect(counted(instances, "2025-02-28")).toEqual(["R2:1"]);
    expect(toolStatuses(instances, "2026-02-28").get("R2")).toMatchObject({
      cycle: 1,
      workingCycle: 2,
      overdue: false,
    });
    expect(toolStatuses(instances, "2026-03-01").get("R2")).toMatchObject({
      cycle: 2,
      missedCycles: [2],
      overdue: true,
    });
  });

  it("decides each part of a tool on its own", () => {
    const part = (code: string, cycle: number, state: ToolState) =>
      yearly(cycle, state, { toolCode: "X1", partCode: code });
    const instances = [
      part("a", 1, "validated"),
      part("a", 2, "pending"),
      part("b", 1, "pending"),
      part("b", 2, "validated"),
      part("c", 1, "in_progress"),
    ];
    const today = "2024-06-01";
    expect(counted(instances, today)).toEqual(["X1a:1", "X1b:2", "X1c:1"]);
    expect(toolStatuses(instances, today).get("X1")).toMatchObject({
      state: "in_progress",
      cycle: 2,
      missedCycles: [1],
      workingCycle: 2,
      parts: 3,
      validatedParts: 2,
    });
  });

  it("keeps every cycle of a deliverable in the standing", () => {
    const standing = cycleStandings([yearly(1), yearly(2, "validated"), yearly(3)], "2025-01-10");
    const r2 = standing.get("R2/");
    expect(r2?.counted.cycle).toBe(2);
    expect(r2?.working?.cycle).toBe(3);
    expect(r2?.missed.map((i) => i.cycle)).toEqual([1]);
  });
});

describe("cycleOutcome", () => {
  it("tells on time, late, missed and open apart", () => {
    const today = "2025-01-10";
    expect(cycleOutcome(yearly(1, "validated", { firstSubmittedOn: "2023-11-16" }), today)).toBe(
      "on_time",
    );
    expect(cycleOutcome(yearly(1, "validated", { firstSubmittedOn: "2023-11-17" }), today)).toBe(
      "late",
    );
    expect(cycleOutcome(yearly(1, "submitted"), today)).toBe("missed");
    expect(cycleOutcome(yearly(3, "in_progress"), today)).toBe("open");
    expect(cycleOutcome(yearly(1, "pending"), "2023-11-16")).toBe("open");
    expect(cycleOutcome(instance({ deadline: null }), today)).toBe("open");
  });
});

describe("missedCyclesLabel", () => {
  it("names the missed cycles", () => {
    expect(missedCyclesLabel([])).toBeNull();
    expect(missedCyclesLabel([2])).toBe("Vencida (ciclo 2)");
    expect(missedCyclesLabel([1, 2, 4])).toBe("Vencida (ciclos 1, 2 y 4)");
  });
});

describe("foldStates", () => {
  it("is validated only when every part is", () => {
    expect(foldStates(["validated", "validated"])).toBe("validated");
    expect(foldStates(["validated", "pending"])).toBe("in_progress");
  });

  it("puts observations first, then reviews under way", () => {
    expect(foldStates(["submitted", "changes_requested", "validated"])).toBe("changes_requested");
    expect(foldStates(["submitted", "pending"])).toBe("submitted");
  });

  it("is pending with no work and in progress with some", () => {
    expect(foldStates(["pending", "pending"])).toBe("pending");
    expect(foldStates(["pending", "in_progress"])).toBe("in_progress");
    expect(foldStates([])).toBe("pending");
  });
});

describe("toolStatuses", () => {
  /** The status, as of TODAY, of a tool in parts, each given as [part, state, deadline]. */
  const partsStatus = (toolCode: string, parts: [string, ToolState, LocalDate][]) =>
    toolStatuses(
      parts.map(([partCode, state, deadline]) => instance({ toolCode, partCode, state, deadline })),
      TODAY,
    ).get(toolCode);

  it("folds parts into one status with the earliest open deadline", () => {
    const status = partsStatus("R1", [
      ["a", "validated", "2023-01-01"],
      ["b", "submitted", "2023-03-01"],
      ["c", "pending", "2024-03-01"],
    ]);
    expect(status).toEqual({
      toolCode: "R1",
      state: "submitted",
      cycle: 1,
      deadline: "2023-03-01",
      overdue: true,
      missedCycles: [1],
      workingCycle: null,
      workingState: null,
      parts: 3,
      validatedParts: 1,
    });
  });

  it("shows the last deadline of a validated tool, never overdue", () => {
    const status = partsStatus("E3", [
      ["a", "validated", "2023-01-01"],
      ["b", "validated", "2023-05-01"],
    ]);
    expect(status).toMatchObject({
      state: "validated",
      deadline: "2023-05-01",
      overdue: false,
    });
  });

  it("judges an annual tool by its counted cycle while the next one is under way", () => {
    const statuses = toolStatuses([yearly(1, "validated"), yearly(2)], TODAY);
    expect(statuses.get("R2")).toMatchObject({
      state: "validated",
      cycle: 1,
      workingCycle: 2,
      overdue: false,
    });
  });

  it("is not overdue on the deadline itself, and is the day after", () => {
    const onTheDay = toolStatuses([instance({ deadline: TODAY })], TODAY);
    expect(onTheDay.get("E2")?.overdue).toBe(false);
    const after = toolStatuses([instance({ deadline: "2024-01-09" })], TODAY);
    expect(after.get("E2")?.overdue).toBe(true);
  });

  it("has no deadline for a project tool without project dates", () => {
    const statuses = toolStatuses([instance({ toolCode: "E4", deadline: null })], TODAY);
    expect(statuses.get("E4")).toMatchObject({ deadline: null, overdue: false });
  });
});

describe("isGap", () => {
  it("counts every state but validated as a gap", () => {
    expect(isGap({ state: "validated", missedCycles: [] })).toBe(false);
    for (const state of ["pending", "in_progress", "submitted", "changes_requested"] as const) {
      expect(isGap({ state, missedCycles: [] })).toBe(true);
    }
  });

  it("counts a validated tool with a missed cycle as a gap", () => {
    expect(isGap({ state: "validated", missedCycles: [1] })).toBe(true);
  });
});

describe("overdueLabel", () => {
  it("says «Vencida» for a single cycle and names the cycles once there are several", () => {
    const base = { overdue: true, cycle: 1, missedCycles: [1], workingCycle: null };
    expect(overdueLabel(base)).toBe("Vencida");
    expect(overdueLabel({ ...base, overdue: false, missedCycles: [] })).toBeNull();
    expect(overdueLabel({ ...base, workingCycle: 2 })).toBe("Vencida (ciclo 1)");
    expect(overdueLabel({ ...base, cycle: 3, missedCycles: [2] })).toBe("Vencida (ciclo 2)");
  });
});

describe("cycleNotes", () => {
  it("names missed cycles and the cycle under way once a tool has several cycles", () => {
    expect(cycleNotes({ cycle: 1, missedCycles: [1], workingCycle: null })).toEqual([]);
    expect(cycleNotes({ cycle: 1, missedCycles: [1], workingCycle: 2 })).toEqual([
      { kind: "missed", text: "Vencida (ciclo 1)" },
      { kind: "working", text: "Ciclo 2 en curso" },
    ]);
    expect(cycleNotes({ cycle: 4, missedCycles: [2], workingCycle: null })).toEqual([
      { kind: "missed", text: "Vencida (ciclo 2)" },
    ]);
  });
});
