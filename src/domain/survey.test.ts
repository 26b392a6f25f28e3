import { describe, expect, it } from "vitest";
import {
  buildQuestionnaire,
  CHANNEL_CODE,
  COMMENT_CODE,
  checkAnswers,
  closeSurveyProblem,
  openSurveyProblem,
  ownQuestionsProblems,
  QUESTIONNAIRE_2022,
  questionnaireProblems,
  RESPONDENT_TYPE_CODE,
  responseScore,
  STANDARD_QUESTIONNAIRE_2022,
  satisfactionIndex,
  standardQuestionnaire,
  surveyResults,
  tQuantile95,
} from "./survey.js";

const questions = buildQuestionnaire(STANDARD_QUESTIONNAIRE_2022, []);
const base = {
  satisfaccion_general: 4,
  [RESPONDENT_TYPE_CODE]: "ciudadania",
  [CHANNEL_CODE]: "portal",
};

describe("the standard questionnaire", () => {
  it("has likert items in the index, an overall question, respondent type, channel and a comment", () => {
    const kinds = new Map(questions.map((q) => [q.code, q.kind]));
    expect(kinds.get("satisfaccion_general")).toBe("likert");
    expect(kinds.get(RESPONDENT_TYPE_CODE)).toBe("choice");
    expect(kinds.get(CHANNEL_CODE)).toBe("choice");
    expect(kinds.get(COMMENT_CODE)).toBe("text");
    expect(questions.filter((q) => q.inIndex).length).toBeGreaterThanOrEqual(6);
    expect(new Set(questions.map((q) => q.code)).size).toBe(questions.length);
  });

  it("puts the municipality's own questions before the closing comment", () => {
    const built = buildQuestionnaire(STANDARD_QUESTIONNAIRE_2022, [
      { kind: "choice", text: " ¿Volvería? ", required: true, options: ["Sí", "No"] },
      { kind: "likert", text: "El horario es adecuado.", required: false },
    ]);
    expect(built.at(-1)?.code).toBe(COMMENT_CODE);
    expect(built.at(-3)).toMatchObject({
      code: "propia_1",
      text: "¿Volvería?",
      source: "own",
      options: [
        { value: "1", label: "Sí" },
        { value: "2", label: "No" },
      ],
    });
    // Own likert items are shown but do not change the standard index.
    expect(built.at(-2)?.inIndex).toBeUndefined();
  });
});

describe("ownQuestionsProblems", () => {
  it("accepts up to five well-formed questions", () => {
    const five = Array.from({ length: 5 }, (_, i) => ({
      kind: "text" as const,
      text: `Pregunta ${i}`,
      required: false,
    }));
    expect(ownQuestionsProblems(five)).toEqual([]);
  });

  it("refuses a sixth question, an empty text and a choice without two distinct options", () => {
    const six = Array.from({ length: 6 }, () => ({
      kind: "text" as const,
      text: "Una",
      required: false,
    }));
    expect(ownQuestionsProblems(six).map((p) => p.field)).toEqual(["ownQuestions"]);
    expect(
      ownQuestionsProblems([
        { kind: "likert", text: "  ", required: false },
        { kind: "choice", text: "¿Cuál?", required: false, options: ["Sí", "sí"] },
      ]).map((p) => p.field),
    ).toEqual(["ownQuestions.0.text", "ownQuestions.1.options"]);
  });
});

describe("checkAnswers", () => {
  it("keeps valid answers, trims texts and drops empty optional ones", () => {
    const result = checkAnswers(questions, {
      ...base,
      portal_clara: "5",
      [COMMENT_CODE]: "  Muy bien  ",
      portal_encontrar: "",
    });
    expect(result).toEqual({
      ok: true,
      answers: { ...base, portal_clara: 5, [COMMENT_CODE]: "Muy bien" },
    });
  });

  it("names the question of a value out of range", () => {
    const result = checkAnswers(questions, { ...base, satisfaccion_general: 6 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        {
          field: "answers.satisfaccion_general",
          message: expect.stringContaining("del 1 al 5"),
        },
      ]);
      expect(result.message).toContain("¿qué tan satisfecho(a) está");
    }
  });

  it("refuses a missing required answer, an unknown option, an unknown question and a decimal", () => {
    const result = checkAnswers(questions, {
      [RESPONDENT_TYPE_CODE]: "marciano",
      [CHANNEL_CODE]: "portal",
      portal_clara: 2.5,
      inventada: 1,
    });
    expect(result.ok ? [] : result.problems.map((p) => p.field).sort()).toEqual([
      "answers.inventada",
      "answers.portal_clara",
      "answers.satisfaccion_general",
      `answers.${RESPONDENT_TYPE_CODE}`,
    ]);
  });

  it("refuses a comment longer than 1000 characters", () => {
    const result = checkAnswers(questions, { ...base, [COMMENT_CODE]: "a".repeat(1001) });
    expect(result.ok).toBe(false);
  });
});

describe("opening and closing", () => {
  it("opens only on an M1 cycle without a survey that is not in review or validated", () => {
    expect(openSurveyProblem({ toolCode: "M1", state: "pending", hasSurvey: false })).toBeNull();
    expect(openSurveyProblem({ toolCode: "M2", state: "pending", hasSurvey: false })).toMatch(/M1/);
    expect(openSurveyProblem({ toolCode: "M1", state: "pending", hasSurvey: true })).toMatch(
      /ya tiene/,
    );
    expect(
      openSurveyProblem({ toolCode: "M1", state: "validated", hasSurvey: false }),
    ).not.toBeNull();
  });

  it("closes an open survey with answers, once", () => {
    expect(closeSurveyProblem({ status: "open", responses: 3 })).toBeNull();
    expect(closeSurveyProblem({ status: "open", responses: 0 })).toMatch(/al menos una/);
    expect(closeSurveyProblem({ status: "closed", responses: 3 })).toMatch(/ya está cerrada/);
  });
});

describe("results", () => {
  it("scores a response from its answered index items: 1 is 0 and 5 is 100", () => {
    expect(responseScore(questions, { satisfaccion_general: 5 })).toBe(100);
    expect(responseScore(questions, { satisfaccion_general: 1, portal_clara: 3 })).toBe(25);
    expect(responseScore(questions, { [CHANNEL_CODE]: "portal" })).toBeNull();
  });

  it("computes the index with a Student-t 95 % interval", () => {
    expect(satisfactionIndex([])).toBeNull();
    expect(satisfactionIndex([80])).toEqual({ value: 80, low: null, high: null, n: 1 });
    // Mean 50, sample sd 50·√2/… : scores 0 and 100 → sd 70.71, margin 12.706·70.71/√2 ≫ 50.
    expect(satisfactionIndex([0, 100])).toEqual({ value: 50, low: 0, high: 100, n: 2 });
    const index = satisfactionIndex([50, 75, 100, 75]);
    // mean 75, sd 20.41, se 10.21, t(3) 3.182 → margin 32.49
    expect(index).toEqual({ value: 75, low: 42.5, high: 100, n: 4 });
    expect(tQuantile95(3)).toBe(3.182);
    expect(tQuantile95(200)).toBe(1.96);
  });

  it("gives distributions with every option, means, and the breakdowns by channel and type", () => {
    const results = surveyResults(questions, [
      { ...base, satisfaccion_general: 5 },
      { ...base, satisfaccion_general: 3, [CHANNEL_CODE]: "pnt" },
      { ...base, satisfaccion_general: 4, [RESPONDENT_TYPE_CODE]: "academia" },
    ]);
    expect(results.responses).toBe(3);
    expect(results.index?.value).toBe(75);
    const general = results.questions.find((q) => q.code === "satisfaccion_general");
    expect(general?.distribution.map((option) => option.count)).toEqual([0, 0, 1, 1, 1]);
    expect(general?.mean).toBe(4);
    const portal = results.byChannel.find((group) => group.value === "portal");
    expect(portal).toMatchObject({ responses: 2, index: { value: 87.5 } });
    expect(results.byChannel.find((group) => group.value === "telefono")).toMatchObject({
      responses: 0,
      index: null,
    });
    expect(results.byRespondentType.find((group) => group.value === "academia")?.responses).toBe(1);
  });
});

describe("a model version's standard questionnaire", () => {
  it("keeps the 2022 questions for a version stored without one, and expands an edited one", () => {
    expect(standardQuestionnaire(null)).toBe(STANDARD_QUESTIONNAIRE_2022);
    const edited = standardQuestionnaire({
      ...QUESTIONNAIRE_2022,
      items: [{ code: "datos_abiertos", text: "Los datos abiertos le sirvieron." }],
      channel: "¿Por dónde nos buscó?",
    });
    expect(edited.map((question) => question.code)).toEqual([
      "datos_abiertos",
      "satisfaccion_general",
      RESPONDENT_TYPE_CODE,
      CHANNEL_CODE,
      COMMENT_CODE,
    ]);
    expect(edited[0]).toMatchObject({ kind: "likert", inIndex: true, required: false });
    expect(edited.find((question) => question.code === CHANNEL_CODE)).toMatchObject({
      text: "¿Por dónde nos buscó?",
      required: true,
      options: STANDARD_QUESTIONNAIRE_2022.find((question) => question.code === CHANNEL_CODE)
        ?.options,
    });
  });

  it("refuses no item, a bad, reserved or repeated code, and an empty wording, at each field", () => {
    expect(questionnaireProblems(QUESTIONNAIRE_2022)).toEqual([]);
    expect(questionnaireProblems({ ...QUESTIONNAIRE_2022, items: [] })).toMatchObject([
      { field: "items", duplicate: false },
    ]);
    const problems = questionnaireProblems({
      ...QUESTIONNAIRE_2022,
      items: [
        { code: "Mal", text: "a" },
        { code: "comentario", text: "b" },
        { code: "propia_1", text: "c" },
        { code: "uno", text: "d" },
        { code: "uno", text: " " },
      ],
      overall: "",
    });
    expect(problems.map((problem) => [problem.field, problem.duplicate])).toEqual([
      ["items.0.code", false],
      ["items.1.code", true],
      ["items.2.code", true],
      ["items.4.code", true],
      ["items.4.text", false],
      ["overall", false],
    ]);
  });
});
