import { describe, expect, it } from "vitest";
import {
  consultationCommentProblems,
  hasConsultation,
  moderationProblem,
  openConsultationProblem,
} from "./consultations.js";
import { TEMPLATES_2022 } from "./templates-2022.js";
import {
  keepsTrainingRegister,
  trainingProblems,
  trainingRegisterProblem,
  trainingTotals,
} from "./trainings.js";

const SESSION = {
  heldOn: "2026-11-20",
  topic: "Acceso a la información",
  hours: 1.5,
  audience: "Tesorería",
  peopleTrained: 12,
  evidence: "",
};

describe("the training register", () => {
  it("is kept by R2 and R3 only, and frozen once validated", () => {
    expect(["R2", "R3", "R1", "M3"].map(keepsTrainingRegister)).toEqual([true, true, false, false]);
    expect(trainingRegisterProblem("R2", "in_progress")).toBeNull();
    expect(trainingRegisterProblem("R3", "changes_requested")).toBeNull();
    expect(trainingRegisterProblem("R2", "validated")).toContain("validada");
    expect(trainingRegisterProblem("C2", "pending")).toContain("R2 y R3");
  });

  it("accepts a session delivered today or before, in half hours", () => {
    expect(trainingProblems(SESSION, "2026-11-20")).toEqual([]);
  });

  it("names each field it refuses", () => {
    const fields = (input: Partial<typeof SESSION>) =>
      trainingProblems({ ...SESSION, ...input }, "2026-11-20").map((problem) => problem.field);
    expect(fields({ heldOn: "2026-11-21" })).toEqual(["heldOn"]);
    expect(fields({ heldOn: "20/11/2026" })).toEqual(["heldOn"]);
    expect(fields({ topic: "  " })).toEqual(["topic"]);
    expect(fields({ hours: 0 })).toEqual(["hours"]);
    expect(fields({ hours: 1.25 })).toEqual(["hours"]);
    expect(fields({ hours: 201 })).toEqual(["hours"]);
    expect(fields({ audience: "" })).toEqual(["audience"]);
    expect(fields({ peopleTrained: 0 })).toEqual(["peopleTrained"]);
    expect(fields({ peopleTrained: 2.5 })).toEqual(["peopleTrained"]);
  });

  it("adds up sessions, hours and people", () => {
    expect(trainingTotals([])).toEqual({ sessions: 0, hours: 0, peopleTrained: 0 });
    expect(trainingTotals([SESSION, { hours: 3, peopleTrained: 8 }])).toEqual({
      sessions: 2,
      hours: 4.5,
      peopleTrained: 20,
    });
  });
});

describe("M3's public consultation", () => {
  const template = TEMPLATES_2022.M3;
  if (!template) {
    throw new Error("M3 has a template in 2022");
  }
  const open = {
    toolCode: "M3",
    state: "in_progress" as const,
    hasConsultation: false,
    hasDraft: true,
  };

  it("opens once per M3 cycle, on a saved draft, before the report is sent", () => {
    expect(hasConsultation("M3")).toBe(true);
    expect(hasConsultation("M1")).toBe(false);
    expect(openConsultationProblem(open)).toBeNull();
    expect(openConsultationProblem({ ...open, toolCode: "C2" })).toContain("M3");
    expect(openConsultationProblem({ ...open, hasConsultation: true })).toContain("ya tiene");
    expect(openConsultationProblem({ ...open, state: "submitted" })).toContain("antes de enviarlo");
    expect(openConsultationProblem({ ...open, state: "validated" })).toContain("antes de enviarlo");
    expect(openConsultationProblem({ ...open, hasDraft: false })).toContain("Guarde el borrador");
  });

  it("takes a comment on the whole report or one of its sections, with an optional name", () => {
    const fields = (comment: { sectionKey: string | null; body: string; name: string }) =>
      consultationCommentProblems(template, comment).map((problem) => problem.field);
    expect(fields({ sectionKey: null, body: "¿Cuándo?", name: "" })).toEqual([]);
    expect(fields({ sectionKey: "resultados", body: "¿Cuándo?", name: "Ana" })).toEqual([]);
    expect(fields({ sectionKey: "otra", body: " ", name: "x".repeat(101) })).toEqual([
      "sectionKey",
      "body",
      "name",
    ]);
    expect(fields({ sectionKey: null, body: "x".repeat(2001), name: "" })).toEqual(["body"]);
  });

  it("answers only what it publishes", () => {
    expect(moderationProblem("publish", "Gracias, lo atendemos.")).toBeNull();
    expect(moderationProblem("publish", "")).toBeNull();
    expect(moderationProblem("reject", "")).toBeNull();
    expect(moderationProblem("reject", "No")).toContain("no lleva respuesta");
    expect(moderationProblem("publish", "x".repeat(4001))).toContain("4000");
  });
});
