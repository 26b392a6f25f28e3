import { describe, expect, it } from "vitest";
import { ROLES } from "./roles.js";
import { TOOL_STATES, type ToolAction, type ToolState, transition } from "./tool-state.js";

const withEvidence = { hasEvidence: true };

describe("transition", () => {
  it("runs the whole cycle: draft, submit, observations, resubmit, validate", () => {
    let state: ToolState = "pending";
    const step = (action: ToolAction, role: (typeof ROLES)[number]) => {
      const result = transition(state, action, role, withEvidence);
      if (!result.ok) {
        throw new Error(result.message);
      }
      state = result.state;
      return state;
    };
    expect(step("add_evidence", "collaborator")).toBe("in_progress");
    expect(step("submit", "liaison")).toBe("submitted");
    expect(step("request_changes", "reviewer")).toBe("changes_requested");
    expect(step("add_evidence", "liaison")).toBe("changes_requested");
    expect(step("submit", "liaison")).toBe("submitted");
    expect(step("validate", "admin")).toBe("validated");
  });

  it("lets only the liaison submit", () => {
    for (const role of ROLES.filter((r) => r !== "liaison")) {
      expect(transition("in_progress", "submit", role, withEvidence)).toMatchObject({
        ok: false,
        reason: "forbidden",
      });
    }
  });

  it("lets only reviewers and admins decide", () => {
    for (const role of ["liaison", "collaborator"] as const) {
      expect(transition("submitted", "validate", role, withEvidence)).toMatchObject({
        ok: false,
        reason: "forbidden",
      });
      expect(transition("submitted", "request_changes", role, withEvidence)).toMatchObject({
        ok: false,
        reason: "forbidden",
      });
    }
    expect(transition("submitted", "request_changes", "reviewer", withEvidence)).toEqual({
      ok: true,
      state: "changes_requested",
    });
  });

  it("lets only the municipality add evidence, and never while in review or once validated", () => {
    expect(transition("pending", "add_evidence", "reviewer", withEvidence)).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    expect(transition("submitted", "add_evidence", "liaison", withEvidence)).toMatchObject({
      ok: false,
      reason: "invalid_state",
    });
    expect(transition("validated", "add_evidence", "liaison", withEvidence)).toMatchObject({
      ok: false,
      reason: "invalid_state",
    });
  });

  it("refuses submitting without evidence, twice, or after validation", () => {
    expect(transition("in_progress", "submit", "liaison", { hasEvidence: false })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Suba al menos"),
    });
    expect(transition("pending", "submit", "liaison", withEvidence)).toMatchObject({
      ok: false,
      reason: "invalid_state",
    });
    expect(transition("submitted", "submit", "liaison", withEvidence)).toMatchObject({
      ok: false,
      message: "La herramienta ya está en revisión.",
    });
    expect(transition("validated", "submit", "liaison", withEvidence)).toMatchObject({
      ok: false,
      message: "La herramienta ya está validada.",
    });
  });

  it("decides only on submitted instances", () => {
    for (const state of TOOL_STATES.filter((s) => s !== "submitted")) {
      expect(transition(state, "validate", "reviewer", withEvidence)).toMatchObject({
        ok: false,
        reason: "invalid_state",
      });
    }
  });
});
