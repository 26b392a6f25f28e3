import { describe, expect, it } from "vitest";
import { compareDates } from "./dates.js";
import {
  EXAMPLE_SIGNED_ON,
  periodRule,
  SCORING_KINDS,
  scoreModelOf,
  scoringKind,
  type WorkedExample,
  weightShares,
  workedExamples,
} from "./methodology.js";
import type { ModelContent } from "./model.js";
import { MODEL_2022 } from "./model-2022.js";
import { scoreMunicipality } from "./scores.js";
import { reweighted } from "./test-fixtures.js";

const tools = MODEL_2022.dimensions.flatMap((dimension) => dimension.tools);
const toolOf = (code: string) => {
  const tool = tools.find((t) => t.code === code);
  if (!tool) {
    throw new Error(`no ${code}`);
  }
  return tool;
};

function example(examples: WorkedExample[], id: string): WorkedExample {
  const found = examples.find((e) => e.id === id);
  if (!found) {
    throw new Error(`no example ${id}`);
  }
  return found;
}

const toolScore = (e: WorkedExample, code: string) =>
  e.scores.tools.find((tool) => tool.code === code)?.score;
const dimensionScore = (e: WorkedExample, code: string) =>
  e.scores.dimensions.find((dimension) => dimension.code === code)?.score;

describe("weightShares", () => {
  it("gives each of the 2022 model's dimensions a fifth and each tool its part of that fifth", () => {
    const shares = weightShares(scoreModelOf(MODEL_2022));
    expect(shares.dimensions.map((d) => [d.code, d.share])).toEqual([
      ["E", 0.2],
      ["R", 0.2],
      ["P", 0.2],
      ["C", 0.2],
      ["M", 0.2],
    ]);
    const p = shares.dimensions.find((d) => d.code === "P");
    expect(p?.tools.map((t) => [t.code, t.shareOfDimension, t.shareOfIndex])).toEqual([
      ["P1", 0.5, 0.1],
      ["P2", 0.5, 0.1],
    ]);
    const e2 = shares.dimensions[0]?.tools.find((t) => t.code === "E2");
    expect(e2?.shareOfDimension).toBe(0.25);
    expect(e2?.shareOfIndex).toBeCloseTo(0.05, 10);
  });

  it("follows the weights of the version: the tools' shares of the index always add up to 1", () => {
    const shares = weightShares(scoreModelOf(reweighted()));
    const e = shares.dimensions.find((d) => d.code === "E");
    expect(e?.share).toBeCloseTo(3 / 7, 10);
    expect(e?.tools.find((t) => t.code === "E2")?.shareOfDimension).toBeCloseTo(2 / 5, 10);
    expect(e?.tools.find((t) => t.code === "E2")?.shareOfIndex).toBeCloseTo(6 / 35, 10);
    expect(shares.dimensions.find((d) => d.code === "R")?.share).toBeCloseTo(1 / 7, 10);
    const total = shares.dimensions
      .flatMap((d) => d.tools)
      .reduce((sum, tool) => sum + tool.shareOfIndex, 0);
    expect(total).toBeCloseTo(1, 10);
  });
});

describe("scoringKind and periodRule", () => {
  it("tells plain tools, tools with parts and the two kinds of maturity apart", () => {
    expect(["E2", "E3", "R1", "P1", "P2"].map((code) => scoringKind(toolOf(code)))).toEqual([
      "single",
      "parts",
      "parts",
      "criteria",
      "levels",
    ]);
    expect(new Set(tools.map(scoringKind))).toEqual(new Set(SCORING_KINDS));
  });

  it("states each tool's period from the signing of the agreement", () => {
    expect(periodRule(toolOf("E2").period)).toBe("3 meses desde la firma del convenio");
    expect(periodRule({ kind: "months", months: 1, label: "" })).toBe(
      "1 mes desde la firma del convenio",
    );
    expect(periodRule(toolOf("R2").period)).toBe(
      "Anual: un ciclo por año, que vence en cada aniversario de la firma",
    );
    expect(periodRule(toolOf("E1").period)).toBe("Se cumple con la firma del convenio");
    expect(periodRule(toolOf("E4").period)).toBe("Según la fecha de término de cada proyecto");
  });
});

describe("workedExamples", () => {
  const examples = workedExamples(MODEL_2022);

  it("scores every example with scoreMunicipality itself, over every instance the municipality has", () => {
    expect(examples.map((e) => e.id)).toEqual([
      "validadas",
      "componentes",
      "madurez",
      "aniversario",
      "ciclo-vencido",
      "a-tiempo",
    ]);
    for (const model of [MODEL_2022, reweighted()]) {
      for (const e of workedExamples(model)) {
        expect(e.signedOn).toBe(EXAMPLE_SIGNED_ON);
        expect(e.scores).toEqual(scoreMunicipality(scoreModelOf(model), e.instances, e.asOf));
        // Every shown fact is one of the scored instances; every tool of the model is planned.
        for (const { measured: _measured, ...fact } of e.facts) {
          expect(e.instances).toContainEqual(fact);
        }
        expect(new Set(e.instances.map((i) => i.toolCode))).toEqual(
          new Set(tools.map((tool) => tool.code)),
        );
      }
    }
  });

  it("gives a municipality with E1, E2 and R2 validated half of Estrategia, a quarter of Recursos: 15 %", () => {
    const e = example(examples, "validadas");
    expect(e.title).toBe("Un municipio con E1, E2 y R2 validadas");
    expect(e.others).toBe("Las demás entregas siguen pendientes de elaboración.");
    expect(["E1", "E2", "R2", "E3"].map((code) => toolScore(e, code))).toEqual([1, 1, 1, 0]);
    expect(dimensionScore(e, "E")).toBe(0.5);
    expect(dimensionScore(e, "R")).toBe(0.25);
    expect(e.scores.index).toBeCloseTo(0.15, 10);
    expect(e.scores.onTime).toEqual({ due: 3, onTime: 3, rate: 1 });
    expect(e.facts.map((f) => [f.toolCode, f.state])).toEqual([
      ["E1", "validated"],
      ["E2", "validated"],
      ["R2", "validated"],
    ]);
  });

  it("moves with the weights of the version: Estrategia weighing 3 and E2 weighing 2", () => {
    const e = example(workedExamples(reweighted()), "validadas");
    // E: (1·1 + 1·2) / 5 = 0.6; R: 0.25; index (0.6·3 + 0.25) / 7.
    expect(dimensionScore(e, "E")).toBeCloseTo(0.6, 10);
    expect(e.scores.index).toBeCloseTo((0.6 * 3 + 0.25) / 7, 10);
  });

  it("averages a tool's parts: E3 with one of two parts validated scores a half", () => {
    const e = example(examples, "componentes");
    expect(toolScore(e, "E3")).toBe(0.5);
    expect(dimensionScore(e, "E")).toBe(0.375);
    expect(e.facts.map((f) => [f.toolCode, f.partCode, f.state])).toEqual([
      ["E1", null, "validated"],
      ["E3", "a", "validated"],
      ["E3", "b", "submitted"],
    ]);
  });

  it("scores P1 and P2 by the maturity their latest review measured, validated or not", () => {
    const e = example(examples, "madurez");
    // P1 a: 1, 1, 1, 0.5 → 0.875 (validated); P1 b: 1, 0.5, 0, 0 → 0.375 (returned).
    expect(toolScore(e, "P1")).toBeCloseTo(0.625, 10);
    // P2: level 2 of 3, in review.
    expect(toolScore(e, "P2")).toBeCloseTo(2 / 3, 10);
    expect(dimensionScore(e, "P")).toBeCloseTo((0.625 + 2 / 3) / 2, 10);
    const p1a = e.facts.find((f) => f.toolCode === "P1" && f.partCode === "a");
    expect(p1a).toMatchObject({ state: "validated", maturity: 0.875 });
    expect(p1a?.measured).toBe(
      "El proceso está documentado: 1 · Está diagramado, con sus actividades y roles asociados: 1 · Está formalizado por un acto formal de la autoridad edilicia: 1 · Ha sido difundido al interior de la municipalidad: 0.5",
    );
    expect(e.facts.find((f) => f.toolCode === "P2")).toMatchObject({
      state: "submitted",
      measured: "Nivel 2 de 3: Automatización parcial del proceso",
    });
  });

  it("sets the anniversary example after cycle 2 of the annual tools opened and before it is due", () => {
    const e = example(examples, "aniversario");
    expect(e.focus).toEqual(["R2", "R3", "M1", "M3"]);
    expect(e.others).toBe("Las demás herramientas están validadas desde el primer año.");
    for (const code of e.focus) {
      const [first, second] = e.facts.filter((f) => f.toolCode === code);
      expect(first).toMatchObject({ cycle: 1, state: "validated" });
      expect(second).toMatchObject({ cycle: 2, state: "in_progress" });
      expect(compareDates(second?.opensOn ?? "", e.asOf)).toBeLessThanOrEqual(0);
      expect(compareDates(second?.deadline ?? "", e.asOf)).toBeGreaterThan(0);
    }
    // Everything of the first year is validated: only the annual tools' new cycles are open.
    const open = e.instances.filter((i) => i.state !== "validated");
    expect(new Set(open.map((i) => `${i.toolCode}/${i.cycle}`))).toEqual(
      new Set(["R2/2", "R3/2", "M1/2", "M3/2"]),
    );
    // The yearly-cycle rule: cycle 1 still counts, so the anniversary does not lower the index.
    expect(e.scores.index).toBe(1);
  });

  it("sets the missed-cycle example after cycle 2's deadline passed without validation", () => {
    const e = example(examples, "ciclo-vencido");
    for (const code of e.focus) {
      const cycles = e.facts.filter((f) => f.toolCode === code);
      expect(cycles.map((f) => [f.cycle, f.state])).toEqual([
        [1, "validated"],
        [2, "in_progress"],
        [3, "pending"],
      ]);
      expect(compareDates(cycles[1]?.deadline ?? "", e.asOf)).toBeLessThan(0);
      // The missed cycle 2 counts, and scores nothing, until it is validated.
      expect(e.scores.tools.find((t) => t.code === code)?.score).toBe(0);
    }
    expect(e.scores.index).toBeLessThan(1);
  });

  it("counts on time by the first submission: E1 and E2 on time, R4 late, C1 returned and overdue", () => {
    const e = example(examples, "a-tiempo");
    expect(e.asOf).toBe("2024-06-15");
    expect(e.facts.map((f) => [f.toolCode, f.state, f.firstSubmittedOn, f.deadline])).toEqual([
      ["E1", "validated", "2024-01-15", "2024-01-15"],
      ["E2", "validated", "2024-03-15", "2024-04-15"],
      ["R4", "validated", "2024-05-15", "2024-04-15"],
      ["C1", "changes_requested", "2024-03-15", "2024-04-15"],
    ]);
    // Due: E1, E2, R1 a–d, R4, P2, C1, C2, M2, M4 (15/04) and C3 (15/05); C4 falls due on the day.
    expect(e.scores.onTime).toEqual({ due: 13, onTime: 2, rate: 2 / 13 });
  });

  it("leaves out what the model cannot illustrate: no parts, no maturity, no annual tools", () => {
    const plain: ModelContent = {
      label: "Mínimo",
      dimensions: [
        {
          code: "A",
          name: "Única",
          description: "",
          weight: 1,
          tools: [
            { ...toolOf("E2"), code: "A1" },
            { ...toolOf("E2"), code: "A2" },
          ],
        },
      ],
    };
    const found = workedExamples(plain);
    expect(found.map((e) => e.id)).toEqual(["validadas", "a-tiempo"]);
    expect(found[0]?.title).toBe("Un municipio con A1 validada");
    expect(found[0]?.scores.index).toBe(0.5);
  });
});
