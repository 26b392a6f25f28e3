import { describe, expect, it } from "vitest";
import {
  improvementStatusProblem,
  improvementTargetProblem,
  isImprovementActionOverdue,
  needsImprovementReminder,
  planProgress,
  proposeFromGaps,
} from "./improvement-plans.js";

const TODAY = "2026-11-25";

describe("isImprovementActionOverdue", () => {
  it("is an open action past its due date, never a done or cancelled one", () => {
    expect(isImprovementActionOverdue({ status: "planned", dueOn: "2026-11-24" }, TODAY)).toBe(
      true,
    );
    expect(isImprovementActionOverdue({ status: "in_progress", dueOn: TODAY }, TODAY)).toBe(false);
    expect(isImprovementActionOverdue({ status: "done", dueOn: "2026-01-01" }, TODAY)).toBe(false);
    expect(isImprovementActionOverdue({ status: "cancelled", dueOn: "2026-01-01" }, TODAY)).toBe(
      false,
    );
  });
});

describe("planProgress", () => {
  it("counts done over every action not cancelled, with open and overdue", () => {
    expect(
      planProgress(
        [
          { status: "done", dueOn: "2026-10-01" },
          { status: "planned", dueOn: "2026-11-01" },
          { status: "in_progress", dueOn: "2027-01-01" },
          { status: "cancelled", dueOn: "2026-01-01" },
        ],
        TODAY,
      ),
    ).toEqual({ total: 3, done: 1, open: 2, overdue: 1, percent: 33 });
  });

  it("has no percent without actions", () => {
    expect(planProgress([], TODAY).percent).toBeNull();
  });
});

describe("proposeFromGaps", () => {
  const gaps = [
    {
      toolCode: "C1",
      toolName: "Plan de difusión",
      changesRequested: false,
      deadline: "2027-02-16",
    },
    {
      toolCode: "R2",
      toolName: "Capacitación interna",
      changesRequested: true,
      deadline: "2026-11-16",
    },
    { toolCode: "M4", toolName: "Planes de mejora", changesRequested: false, deadline: null },
    { toolCode: "P2", toolName: "Automatización", changesRequested: false, deadline: null },
  ];

  it("proposes one action per gap not yet addressed, never the plan's own tool", () => {
    const proposed = proposeFromGaps(gaps, new Set(["P2"]), TODAY);
    expect(proposed.map((p) => p.toolCode)).toEqual(["C1", "R2"]);
  });

  it("is due on the tool's deadline when ahead, else 60 days from today", () => {
    const [c1, r2] = proposeFromGaps(gaps, new Set(), TODAY);
    expect(c1?.dueOn).toBe("2027-02-16");
    expect(r2?.dueOn).toBe("2027-01-24");
  });

  it("asks to answer the observations of a returned tool", () => {
    const [, r2] = proposeFromGaps(gaps, new Set(), TODAY);
    expect(r2?.description).toBe(
      "Atender las observaciones de «Capacitación interna» (R2) y reenviarla a revisión.",
    );
  });
});

describe("improvementTargetProblem", () => {
  it("asks each kind of target for what identifies it", () => {
    const base = { toolCode: null, observationId: null, finding: null };
    expect(improvementTargetProblem({ ...base, kind: "tool_gap" })?.field).toBe("toolCode");
    expect(improvementTargetProblem({ ...base, kind: "observation" })?.field).toBe("observationId");
    expect(improvementTargetProblem({ ...base, kind: "survey_finding" })?.field).toBe("finding");
    expect(
      improvementTargetProblem({ ...base, kind: "indicator_finding", finding: "Baja respuesta" }),
    ).toBeNull();
  });
});

describe("improvementStatusProblem", () => {
  it("needs the evidence of completion to mark an action done", () => {
    expect(improvementStatusProblem("done", "  ")?.field).toBe("completionNote");
    expect(improvementStatusProblem("done", "Acta de cabildo 12/2026")).toBeNull();
    expect(improvementStatusProblem("in_progress", null)).toBeNull();
  });
});

describe("needsImprovementReminder", () => {
  it("reminds open actions due within seven days or overdue", () => {
    expect(needsImprovementReminder({ status: "planned", dueOn: "2026-12-02" }, TODAY)).toBe(true);
    expect(needsImprovementReminder({ status: "planned", dueOn: "2026-12-03" }, TODAY)).toBe(false);
    expect(needsImprovementReminder({ status: "in_progress", dueOn: "2026-10-01" }, TODAY)).toBe(
      true,
    );
    expect(needsImprovementReminder({ status: "done", dueOn: "2026-10-01" }, TODAY)).toBe(false);
  });
});
