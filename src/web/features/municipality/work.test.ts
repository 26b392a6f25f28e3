import { describe, expect, it } from "vitest";
import type { DeadlineItem } from "../../../contracts/dashboard.js";
import type { ToolInstance } from "../../../contracts/participation.js";
import { filterTools, nearDeadlines, readToolFilter, toolFilterCounts } from "./work";

function tool(id: string, state: ToolInstance["state"], overdue = false): ToolInstance {
  return { id, state, overdue } as ToolInstance;
}

function deadline(
  id: string,
  day: string,
  state: DeadlineItem["state"],
  overdue: boolean,
): DeadlineItem {
  return {
    instanceId: id,
    tool: id,
    toolName: id,
    part: null,
    partName: null,
    cycle: 1,
    deadline: day,
    state,
    overdue,
    daysLeft: 0,
  };
}

describe("the tools' state filter", () => {
  const tools = [
    tool("a", "pending", true),
    tool("b", "validated"),
    tool("c", "changes_requested", true),
    tool("d", "pending"),
  ];

  it("reads a known filter from the address and falls back to every tool", () => {
    expect(readToolFilter(new URLSearchParams("estado=vencidas"))).toBe("vencidas");
    expect(readToolFilter(new URLSearchParams("estado=pending"))).toBe("pending");
    expect(readToolFilter(new URLSearchParams("estado=otra"))).toBe("todas");
    expect(readToolFilter(new URLSearchParams())).toBe("todas");
  });

  it("keeps the tools of a state, or the overdue ones, in their order", () => {
    expect(filterTools(tools, "pending").map((t) => t.id)).toEqual(["a", "d"]);
    expect(filterTools(tools, "vencidas").map((t) => t.id)).toEqual(["a", "c"]);
    expect(filterTools(tools, "todas")).toHaveLength(4);
  });

  it("counts what each filter keeps", () => {
    expect(toolFilterCounts(tools)).toEqual({
      todas: 4,
      vencidas: 2,
      pending: 2,
      in_progress: 0,
      submitted: 0,
      changes_requested: 1,
      validated: 1,
    });
  });
});

describe("nearDeadlines", () => {
  const items = [
    deadline("o1", "2026-01-01", "pending", true),
    deadline("v1", "2026-02-01", "validated", false),
    deadline("o2", "2026-03-01", "pending", true),
    deadline("o3", "2026-04-01", "in_progress", true),
    deadline("o4", "2026-05-01", "changes_requested", true),
    deadline("u1", "2027-01-01", "pending", false),
    deadline("u2", "2027-02-01", "submitted", false),
    deadline("u3", "2027-03-01", "pending", false),
  ];

  it("shows the latest overdue and the next upcoming, in date order, and counts the rest", () => {
    const { shown, hidden } = nearDeadlines(items, { overdue: 2, upcoming: 2 });
    expect(shown.map((item) => item.instanceId)).toEqual(["o3", "o4", "u1", "u2"]);
    expect(hidden).toBe(4);
  });

  it("hides nothing when everything fits", () => {
    const { shown, hidden } = nearDeadlines(items.slice(5));
    expect(shown).toHaveLength(3);
    expect(hidden).toBe(0);
  });
});
