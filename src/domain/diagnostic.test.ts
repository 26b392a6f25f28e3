import { describe, expect, it } from "vitest";
import {
  acknowledgedAs,
  compareRounds,
  type DiagnosticRow,
  diagnosticItemLabel,
  isAskedInDiagnostic,
  newRoundProblem,
  notAskedMessage,
  shownLabel,
  shownReason,
  submissionProblems,
  tallyDiagnostic,
} from "./diagnostic.js";
import { PERIOD_KINDS } from "./model.js";
import { TOOL_STATES, type ToolState } from "./tool-state.js";

const UNIT = "Dirección General de Transparencia";

describe("which tools the diagnostic asks about", () => {
  it("asks about open deliverables: pending, in progress, with observations", () => {
    for (const state of ["pending", "in_progress", "changes_requested"] as const) {
      for (const periodKind of ["months", "annual", "project"] as const) {
        expect(isAskedInDiagnostic({ periodKind, state })).toBe(true);
        expect(shownReason({ periodKind, state })).toBeNull();
        expect(shownLabel({ periodKind, state }, UNIT)).toBeNull();
      }
    }
  });

  it("shows a validated or in-review deliverable with its state instead of asking", () => {
    expect(shownReason({ periodKind: "months", state: "validated" })).toBe("validated");
    expect(shownReason({ periodKind: "annual", state: "submitted" })).toBe("submitted");
    expect(isAskedInDiagnostic({ periodKind: "months", state: "validated" })).toBe(false);
    expect(isAskedInDiagnostic({ periodKind: "project", state: "submitted" })).toBe(false);
    expect(shownLabel({ periodKind: "months", state: "validated" }, UNIT)).toBe("Validada");
    expect(shownLabel({ periodKind: "months", state: "submitted" }, UNIT)).toBe("En revisión");
  });

  it("never asks about the agreement tool, in any state: it reads as in the seed form", () => {
    for (const state of TOOL_STATES) {
      expect(isAskedInDiagnostic({ periodKind: "on_agreement", state })).toBe(false);
      expect(shownLabel({ periodKind: "on_agreement", state }, UNIT)).toBe(
        "Realizado (convenio en archivo de Dirección General de Transparencia)",
      );
    }
  });

  it("decides every combination of period and state one way or the other", () => {
    for (const periodKind of PERIOD_KINDS) {
      for (const state of TOOL_STATES) {
        const asked = isAskedInDiagnostic({ periodKind, state });
        expect(asked).toBe(shownLabel({ periodKind, state }, UNIT) === null);
      }
    }
  });
});

describe("labels and refusals", () => {
  it("names a tool, or a part with its letter", () => {
    expect(
      diagnosticItemLabel({ tool: "E2", toolName: "Política", part: null, partName: null }),
    ).toBe("E2 Política");
    expect(
      diagnosticItemLabel({
        tool: "R1",
        toolName: "Perfiles de Cargo",
        part: "a",
        partName: "Oficial u Encargado",
      }),
    ).toBe("R1 a) Oficial u Encargado");
  });

  it("says why a row is not asked", () => {
    expect(notAskedMessage("E2 Política", "validated")).toBe(
      "E2 Política ya está validada: el diagnóstico no la pregunta.",
    );
    expect(notAskedMessage("E2 Política", "submitted")).toBe(
      "E2 Política está en revisión: el diagnóstico no la pregunta.",
    );
    expect(notAskedMessage("E1 Convenio", "agreement")).toContain("firma del convenio");
  });
});

const row = (
  key: string,
  state: ToolState,
  answer: DiagnosticRow["answer"],
  evidenceCount = 0,
  periodKind: DiagnosticRow["periodKind"] = "months",
): DiagnosticRow => ({ key, label: key, state, answer, evidenceCount, periodKind });

describe("submissionProblems", () => {
  it("asks an answer for every asked row, and a document for every claim", () => {
    expect(
      submissionProblems([
        row("E2", "pending", null),
        row("E3a", "in_progress", "has", 0),
        row("E3b", "in_progress", "has", 2),
        row("E4", "pending", "pending"),
      ]),
    ).toEqual([
      { key: "E2", message: "Sin respuesta: E2." },
      { key: "E3a", message: "Falta el documento comprobatorio: E3a." },
    ]);
  });

  it("needs nothing from shown rows: the agreement tool, validated, in review", () => {
    expect(
      submissionProblems([
        row("E1", "validated", null, 0, "on_agreement"),
        row("E2", "validated", null),
        row("C1", "submitted", "has", 0),
      ]),
    ).toEqual([]);
  });
});

describe("what the acknowledgement certifies", () => {
  const ack = (state: ToolState, answer: DiagnosticRow["answer"], evidenceCount = 0) =>
    acknowledgedAs({ periodKind: "months", state, answer, evidenceCount }, UNIT);

  it("never certifies a validated or in-review tool as pending", () => {
    expect(ack("validated", "pending")).toBe("Validada");
    expect(ack("validated", null)).toBe("Validada");
    expect(ack("submitted", "pending")).toBe("En revisión");
    for (const answer of ["has", "pending", null] as const) {
      expect(ack("validated", answer)).not.toContain("Pendiente de elaboración");
    }
  });

  it("keeps a claim with its documents and current state", () => {
    expect(ack("submitted", "has", 1)).toBe(
      "Cuenta con ella (1 documento); estado actual: En revisión",
    );
    expect(ack("validated", "has", 2)).toBe(
      "Cuenta con ella (2 documentos); estado actual: Validada",
    );
  });

  it("keeps a pending answer, with the state it reached since", () => {
    expect(ack("pending", "pending")).toBe("Pendiente de elaboración");
    expect(ack("in_progress", "pending")).toBe(
      "Pendiente de elaboración; estado actual: En elaboración",
    );
  });

  it("reads the agreement tool as in the seed form", () => {
    expect(
      acknowledgedAs(
        { periodKind: "on_agreement", state: "validated", answer: null, evidenceCount: 0 },
        UNIT,
      ),
    ).toBe("Realizado (convenio en archivo de Dirección General de Transparencia)");
  });

  it("tallies claims, pending answers and tools done, leaving the agreement tool apart", () => {
    expect(
      tallyDiagnostic([
        { periodKind: "on_agreement", state: "validated", answer: null },
        { periodKind: "months", state: "submitted", answer: "has" },
        { periodKind: "months", state: "validated", answer: "pending" },
        { periodKind: "months", state: "validated", answer: null },
        { periodKind: "annual", state: "pending", answer: "pending" },
        { periodKind: "annual", state: "in_progress", answer: "pending" },
      ]),
    ).toEqual({ claimed: 1, pending: 2, done: 2 });
  });
});

describe("a new round of the diagnostic", () => {
  it("starts only once the current round is submitted", () => {
    expect(newRoundProblem({ status: "draft", administrationId: "a" }, "b")?.code).toBe(
      "diagnostic_round_not_submitted",
    );
  });

  it("is once per administration: a new one must have been recorded since", () => {
    expect(newRoundProblem({ status: "submitted", administrationId: "a" }, "a")?.code).toBe(
      "diagnostic_round_same_administration",
    );
    expect(newRoundProblem({ status: "submitted", administrationId: null }, null)?.code).toBe(
      "diagnostic_round_same_administration",
    );
    expect(newRoundProblem({ status: "submitted", administrationId: "a" }, "b")).toBeNull();
    expect(newRoundProblem({ status: "submitted", administrationId: null }, "b")).toBeNull();
  });
});

describe("the comparison of two rounds", () => {
  const rows = [
    {
      key: "e1",
      label: "E1 Convenio",
      periodKind: "on_agreement" as const,
      state: "validated" as const,
    },
    { key: "e2", label: "E2 Política", periodKind: "months" as const, state: "pending" as const },
    { key: "e3", label: "E3 Código", periodKind: "months" as const, state: "validated" as const },
    { key: "r1", label: "R1 Perfiles", periodKind: "months" as const, state: "pending" as const },
  ];
  const previous = { e2: "pending", e3: "has", r1: "pending" } as const;

  it("marks a changed answer, and a claim since validated, not a row still unanswered", () => {
    const compared = compareRounds(
      rows,
      previous,
      { answers: { e2: "has" }, submitted: false },
      UNIT,
    );
    expect(compared.map((row) => [row.key, row.previous, row.current, row.changed])).toEqual([
      [
        "e1",
        "No se preguntó",
        `Realizado (convenio en archivo de ${UNIT}) (no se pregunta)`,
        false,
      ],
      ["e2", "Pendiente de elaboración", "Ya cuenta con ella", true],
      ["e3", "Ya cuenta con ella", "Validada (no se pregunta)", true],
      ["r1", "Pendiente de elaboración", "Sin respuesta", false],
    ]);
  });

  it("reads a submitted round's unasked rows as not asked, and equal answers as unchanged", () => {
    const compared = compareRounds(
      rows,
      previous,
      { answers: { e2: "pending", r1: "pending" }, submitted: true },
      UNIT,
    );
    expect(compared.filter((row) => row.changed).map((row) => row.key)).toEqual(["e3"]);
    expect(compared.find((row) => row.key === "e3")?.current).toBe("No se preguntó");
  });
});
