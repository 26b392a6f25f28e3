import { describe, expect, it } from "vitest";
import {
  CRITERION_RESULT_LABELS,
  CRITERION_RESULTS,
  criteriaScore,
  excerpt,
  isCriterionResult,
  measuredMaturity,
  type ObservationType,
  REVIEW_DECISIONS,
  resubmissionMessage,
  resubmissionProblems,
  reviewInputProblems,
  reviewOutcome,
  reviewProblem,
} from "./review.js";

describe("reviewProblem", () => {
  it("asks for a decision before anything else (the form, before one is chosen)", () => {
    expect(reviewProblem(null, [])).toBe(
      "Elija la decisión: validar o devolver con observaciones.",
    );
    expect(reviewProblem(null, [{ type: "requerimiento" }])).toMatch(/Elija la decisión/);
  });

  it("requires an observation to return an instance", () => {
    expect(reviewProblem("request_changes", [])).toMatch(/al menos una observación/);
    expect(reviewProblem("request_changes", [{ type: "observacion" }])).toBeNull();
  });

  it("allows validating with recommendations but not with a requirement", () => {
    expect(reviewProblem("validate", [])).toBeNull();
    expect(reviewProblem("validate", [{ type: "recomendacion" }])).toBeNull();
    expect(reviewProblem("validate", [{ type: "requerimiento" }])).toMatch(
      /devuelva con observaciones/,
    );
  });
});

describe("review words", () => {
  it("records validated or changes_requested for each decision", () => {
    expect(REVIEW_DECISIONS.map(reviewOutcome)).toEqual(["validated", "changes_requested"]);
  });

  it("knows the three criterion results and labels each", () => {
    expect(CRITERION_RESULTS.filter(isCriterionResult)).toEqual([1, 0.5, 0]);
    expect(isCriterionResult(0.75)).toBe(false);
    expect(CRITERION_RESULTS.map((result) => CRITERION_RESULT_LABELS[result])).toEqual([
      "Cumple (1)",
      "Cumple parcialmente (0.5)",
      "No cumple (0)",
    ]);
  });
});

describe("criteriaScore", () => {
  it("averages 1 / 0.5 / 0 results and is null without criteria", () => {
    expect(criteriaScore([1, 1, 0.5, 0])).toBe(0.625);
    expect(criteriaScore([1, 1, 1, 1])).toBe(1);
    expect(criteriaScore([])).toBeNull();
  });
});

describe("measuredMaturity", () => {
  const P1 = { criteria: [{}, {}, {}, {}], maturityLevels: [] };
  const P2 = {
    criteria: [],
    maturityLevels: [{ level: 0 }, { level: 1 }, { level: 2 }, { level: 3 }],
  };

  it("is the mean of the criteria for a tool with criteria", () => {
    expect(measuredMaturity(P1, { criteria: [1, 1, 0.5, 0], maturityLevel: null })).toBe(0.625);
  });

  it("is the level over the top level for a tool with levels", () => {
    expect(measuredMaturity(P2, { criteria: [], maturityLevel: 2 })).toBeCloseTo(2 / 3, 6);
    expect(measuredMaturity(P2, { criteria: [], maturityLevel: 9 })).toBe(1);
  });

  it("is null when the tool measures nothing or the review recorded nothing", () => {
    expect(
      measuredMaturity({ criteria: [], maturityLevels: [] }, { criteria: [], maturityLevel: 1 }),
    ).toBeNull();
    expect(measuredMaturity(P1, { criteria: [], maturityLevel: null })).toBeNull();
    expect(measuredMaturity(P2, { criteria: [], maturityLevel: null })).toBeNull();
  });
});

describe("excerpt", () => {
  it("keeps a short text whole and cuts a long one at a word", () => {
    expect(excerpt("  Falta la   firma.  ")).toBe("Falta la firma");
    const long =
      "Adjunte el acta de cabildo que aprueba el documento, con la firma de quienes votaron";
    expect(excerpt(long, 40)).toBe("Adjunte el acta de cabildo que aprueba…");
  });
});

describe("resubmissionProblems", () => {
  const observation = (type: ObservationType, text: string, answer: string | null = null) => ({
    type,
    text,
    answer,
  });

  it("names every unanswered observation by number, type and text", () => {
    const problems = resubmissionProblems({
      observations: [
        observation("observacion", "Falta la fecha de aprobación.", "Se agregó."),
        observation("recomendacion", "Publique el documento en el portal."),
        observation("observacion", "Los cargos no coinciden con el organigrama.", "   "),
      ],
      newDocuments: 0,
    });
    expect(problems).toEqual([
      {
        kind: "unanswered",
        index: 1,
        type: "recomendacion",
        excerpt: "Publique el documento en el portal",
        message: "Responda la observación 2 (recomendación): «Publique el documento en el portal».",
      },
      expect.objectContaining({ kind: "unanswered", index: 2 }),
    ]);
  });

  it("asks for a new document when there is a requerimiento, until one is uploaded", () => {
    const answered = [observation("requerimiento", "Adjunte el acta.", "Se adjunta.")];
    expect(resubmissionProblems({ observations: answered, newDocuments: 0 })).toEqual([
      expect.objectContaining({ kind: "document_required" }),
    ]);
    expect(resubmissionProblems({ observations: answered, newDocuments: 1 })).toEqual([]);
  });

  it("needs no new document without a requerimiento, and nothing when all is answered", () => {
    expect(
      resubmissionProblems({
        observations: [observation("observacion", "Corrija el título.", "Corregido.")],
        newDocuments: 0,
      }),
    ).toEqual([]);
  });

  it("reports both at once, and says it in one message", () => {
    const problems = resubmissionProblems({
      observations: [observation("requerimiento", "Falta la firma del titular.")],
      newDocuments: 0,
    });
    expect(problems.map((p) => p.kind)).toEqual(["unanswered", "document_required"]);
    expect(resubmissionMessage(problems)).toBe(
      "Aún no puede enviarse de nuevo a revisión. Responda la observación 1 (requerimiento): «Falta la firma del titular». Suba una versión nueva del documento: la revisión tiene un requerimiento y se devolvió con los documentos actuales.",
    );
    expect(resubmissionMessage([])).toBeNull();
  });
});

describe("reviewInputProblems", () => {
  const P1 = {
    criteria: [
      { code: "documentado", name: "Documentado" },
      { code: "diagramado", name: "Diagramado" },
    ],
    maturityLevels: [],
  };
  const P2 = {
    criteria: [],
    maturityLevels: [
      { level: 0, name: "Sin automatización" },
      { level: 1, name: "Registro básico" },
      { level: 3, name: "Total" },
    ],
  };
  const E2 = { criteria: [], maturityLevels: [] };
  /** The problems of P1's review with these criteria results (P1 has no levels). */
  const criteriaProblems = (criteria: { code: string; result: number }[]) =>
    reviewInputProblems(P1, { criteria, maturityLevel: null });

  it("accepts exactly one valid result per criterion, in any order", () => {
    expect(
      criteriaProblems([
        { code: "diagramado", result: 0.5 },
        { code: "documentado", result: 0 },
      ]),
    ).toEqual([]);
  });

  it("names the missing, unknown, repeated and out-of-scale criteria", () => {
    expect(
      criteriaProblems([
        { code: "inventado", result: 1 },
        { code: "documentado", result: 1 },
        { code: "documentado", result: 0 },
        { code: "diagramado", result: 0.7 },
      ]),
    ).toEqual([
      {
        field: "criteria.0",
        message:
          "«inventado» no es un criterio de esta herramienta en la versión del modelo del municipio.",
      },
      { field: "criteria.2", message: "El criterio «Documentado» tiene más de un resultado." },
      {
        field: "criteria.3",
        message:
          "El resultado del criterio «Diagramado» debe ser 1 (cumple), 0.5 (cumple parcialmente) o 0 (no cumple).",
      },
    ]);
    expect(criteriaProblems([{ code: "diagramado", result: 1 }])).toEqual([
      { field: "criteria", message: "Falta el resultado del criterio «Documentado»." },
    ]);
  });

  it("needs a level among the tool's levels, and refuses criteria on a tool without them", () => {
    expect(reviewInputProblems(P2, { criteria: [], maturityLevel: 3 })).toEqual([]);
    expect(reviewInputProblems(P2, { criteria: [], maturityLevel: null })).toEqual([
      { field: "maturityLevel", message: "Elija el nivel de madurez alcanzado." },
    ]);
    expect(reviewInputProblems(P2, { criteria: [], maturityLevel: 2 })).toEqual([
      {
        field: "maturityLevel",
        message: "El nivel 2 no existe en esta herramienta: elija uno de 0, 1, 3.",
      },
    ]);
    expect(
      reviewInputProblems(P2, { criteria: [{ code: "documentado", result: 1 }], maturityLevel: 1 }),
    ).toEqual([
      {
        field: "criteria.0",
        message: "Esta herramienta no se evalúa por criterios: quite el criterio «documentado».",
      },
    ]);
  });

  it("takes nothing for a tool without criteria or levels", () => {
    expect(reviewInputProblems(E2, { criteria: [], maturityLevel: null })).toEqual([]);
    expect(reviewInputProblems(E2, { criteria: [], maturityLevel: 0 })).toEqual([
      {
        field: "maturityLevel",
        message: "Esta herramienta no mide niveles de madurez: no indique un nivel.",
      },
    ]);
  });
});
