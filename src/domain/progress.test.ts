import { describe, expect, it } from "vitest";
import { currentInstances, foldStates, isGap, toolStatuses } from "./progress.js";
import { instance, TODAY } from "./test-fixtures.js";

describe("currentInstances", () => {
  it("keeps the latest opened cycle of each tool and part", () => {
    const instances = [
      instance({ toolCode: "R2", cycle: 1, opensOn: "2022-11-16", state: "validated" }),
      instance({ toolCode: "R2", cycle: 2, opensOn: "2023-11-16" }),
      instance({ toolCode: "R2", cycle: 3, opensOn: "2024-11-16" }),
      instance({ toolCode: "E3", partCode: "a" }),
      instance({ toolCode: "E3", partCode: "b" }),
    ];
    const current = currentInstances(instances, TODAY);
    expect(current.map((i) => `${i.toolCode}${i.partCode ?? ""}:${i.cycle}`).sort()).toEqual([
      "E3a:1",
      "E3b:1",
      "R2:2",
    ]);
  });

  it("leaves out instances that open after today", () => {
    expect(currentInstances([instance({ opensOn: "2024-01-11" })], TODAY)).toEqual([]);
    expect(currentInstances([instance({ opensOn: TODAY })], TODAY)).toHaveLength(1);
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
  it("folds parts into one status with the earliest open deadline", () => {
    const statuses = toolStatuses(
      [
        instance({ toolCode: "R1", partCode: "a", state: "validated", deadline: "2023-01-01" }),
        instance({ toolCode: "R1", partCode: "b", state: "submitted", deadline: "2023-03-01" }),
        instance({ toolCode: "R1", partCode: "c", state: "pending", deadline: "2024-03-01" }),
      ],
      TODAY,
    );
    expect(statuses.get("R1")).toEqual({
      toolCode: "R1",
      state: "submitted",
      cycle: 1,
      deadline: "2023-03-01",
      overdue: true,
      parts: 3,
      validatedParts: 1,
    });
  });

  it("shows the last deadline of a validated tool, never overdue", () => {
    const statuses = toolStatuses(
      [
        instance({ toolCode: "E3", partCode: "a", state: "validated", deadline: "2023-01-01" }),
        instance({ toolCode: "E3", partCode: "b", state: "validated", deadline: "2023-05-01" }),
      ],
      TODAY,
    );
    expect(statuses.get("E3")).toMatchObject({
      state: "validated",
      deadline: "2023-05-01",
      overdue: false,
    });
  });

  it("judges an annual tool by its current cycle", () => {
    const statuses = toolStatuses(
      [
        instance({ toolCode: "R2", cycle: 1, state: "validated", deadline: "2023-11-16" }),
        instance({
          toolCode: "R2",
          cycle: 2,
          opensOn: "2023-11-16",
          deadline: "2024-11-16",
        }),
      ],
      TODAY,
    );
    expect(statuses.get("R2")).toMatchObject({ state: "pending", cycle: 2, overdue: false });
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
    expect(isGap({ state: "validated" })).toBe(false);
    for (const state of ["pending", "in_progress", "submitted", "changes_requested"] as const) {
      expect(isGap({ state })).toBe(true);
    }
  });
});
