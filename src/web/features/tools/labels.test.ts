import { describe, expect, it } from "vitest";
import { TOOL_STATE_LABELS, TOOL_STATES } from "../../../domain/tool-state.js";
import { criterionResultLabel, deadlineText, STATE_TONES, stateLabel, toolTitle } from "./labels";

describe("stateLabel and STATE_TONES", () => {
  it("name every state in Spanish and give it a colour", () => {
    for (const state of TOOL_STATES) {
      expect(stateLabel(state)).toBe(TOOL_STATE_LABELS[state]);
      expect(STATE_TONES[state]).toBeTruthy();
    }
  });

  it("colour a returned tool as danger and a validated one as success", () => {
    expect(STATE_TONES.changes_requested).toBe("danger");
    expect(STATE_TONES.validated).toBe("success");
  });
});

describe("criterionResultLabel", () => {
  it("names the three results a reviewer gives", () => {
    expect(criterionResultLabel(1)).toBe("Cumple (1)");
    expect(criterionResultLabel(0.5)).toBe("Cumple parcialmente (0.5)");
    expect(criterionResultLabel(0)).toBe("No cumple (0)");
  });

  it("shows any other number as a number", () => {
    expect(criterionResultLabel(0.25)).toBe("0.25");
  });
});

describe("deadlineText", () => {
  it("says how far the deadline is, counted from the server's today", () => {
    expect(deadlineText({ deadline: "2026-12-15", daysLeft: 12, state: "pending" })).toBe(
      "Faltan 12 días",
    );
    expect(deadlineText({ deadline: "2026-12-03", daysLeft: 0, state: "in_progress" })).toBe(
      "Vence hoy",
    );
    expect(deadlineText({ deadline: "2026-11-30", daysLeft: -3, state: "changes_requested" })).toBe(
      "Vencida hace 3 días",
    );
  });

  it("says nothing for a validated tool or one without a deadline", () => {
    expect(deadlineText({ deadline: "2026-11-30", daysLeft: -3, state: "validated" })).toBeNull();
    expect(deadlineText({ deadline: null, daysLeft: null, state: "pending" })).toBeNull();
  });
});

describe("toolTitle", () => {
  it("adds the part's name to a tool in parts", () => {
    expect(
      toolTitle({ tool: "E3", toolName: "Sistema de Integridad", partName: "Código de Ética" }),
    ).toBe("Sistema de Integridad: Código de Ética");
  });

  it("is the tool's name for a whole tool", () => {
    expect(toolTitle({ tool: "E2", toolName: "Política de Transparencia", partName: null })).toBe(
      "Política de Transparencia",
    );
  });
});
