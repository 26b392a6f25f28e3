import { describe, expect, it } from "vitest";
import { deliverables, type ModelContent, modelCounts, type Tool, validateModel } from "./model.js";
import { MODEL_2022 } from "./model-2022.js";

const tool = (code: string, overrides: Partial<Tool> = {}): Tool => ({
  code,
  name: `Herramienta ${code}`,
  description: "",
  period: { kind: "months", months: 3, label: "3 meses" },
  weight: 1,
  parts: [],
  criteria: [],
  maturityLevels: [],
  ...overrides,
});

const model = (tools: Tool[], extra: Partial<ModelContent> = {}): ModelContent => ({
  label: "Prueba",
  dimensions: [{ code: "E", name: "Estrategia", description: "", weight: 1, tools }],
  ...extra,
});

describe("the 2022 model as seeded", () => {
  it("has 18 tools in 5 dimensions, as the seed form lists them (not the 17 it announces)", () => {
    expect(modelCounts(MODEL_2022)).toEqual({ dimensions: 5, tools: 18, deliverables: 23 });
    expect(MODEL_2022.dimensions.map((d) => [d.name, d.tools.length])).toEqual([
      ["Estrategia", 4],
      ["Recursos", 4],
      ["Procesos", 2],
      ["Ciudadanía", 4],
      ["Mejora continua", 4],
    ]);
  });

  it("passes its own validation", () => {
    expect(validateModel(MODEL_2022)).toEqual([]);
  });

  it("gives E3 two parts, R1 four and P1 two, with P1's four maturity criteria", () => {
    const tools = MODEL_2022.dimensions.flatMap((d) => d.tools);
    const byCode = new Map(tools.map((t) => [t.code, t]));
    expect(byCode.get("E3")?.parts.map((p) => p.code)).toEqual(["a", "b"]);
    expect(byCode.get("R1")?.parts.map((p) => p.code)).toEqual(["a", "b", "c", "d"]);
    expect(byCode.get("P1")?.parts.map((p) => p.name)).toEqual([
      "Transparencia activa",
      "Transparencia pasiva",
    ]);
    expect(byCode.get("P1")?.criteria).toHaveLength(4);
    expect(byCode.get("P2")?.maturityLevels.at(-1)?.level).toBe(3);
  });

  it("keeps the seed's periods: annual tools, the agreement, the project-dependent E4", () => {
    const kinds = Object.fromEntries(
      MODEL_2022.dimensions.flatMap((d) => d.tools).map((t) => [t.code, t.period.kind]),
    );
    expect(kinds).toMatchObject({
      E1: "on_agreement",
      E4: "project",
      R2: "annual",
      R3: "annual",
      M1: "annual",
      M3: "annual",
    });
    const e3 = MODEL_2022.dimensions[0]?.tools[2];
    expect(e3?.period).toEqual({
      kind: "months",
      months: 6,
      label: "6 meses de implementación y vigencia indefinida",
    });
  });
});

describe("validateModel", () => {
  it("refuses a model without dimensions and a dimension without tools", () => {
    expect(validateModel({ label: "x", dimensions: [] })).toEqual([
      { path: "dimensions", message: "El modelo necesita al menos una dimensión.", kind: "rule" },
    ]);
    expect(validateModel(model([])).map((i) => i.path)).toEqual(["dimensions.0.tools"]);
  });

  it("refuses repeated tool codes across dimensions", () => {
    const content = model([tool("E1")]);
    content.dimensions.push({
      code: "R",
      name: "Recursos",
      description: "",
      weight: 1,
      tools: [tool("E1")],
    });
    expect(validateModel(content)).toEqual([
      {
        path: "dimensions.1.tools.0.code",
        message: "La clave «E1» está repetida.",
        kind: "duplicate",
      },
    ]);
  });

  it("refuses malformed codes, empty names and non-positive weights", () => {
    const issues = validateModel(model([tool("e1", { name: "  ", weight: 0 })]));
    expect(issues.map((i) => i.path)).toEqual([
      "dimensions.0.tools.0.code",
      "dimensions.0.tools.0.name",
      "dimensions.0.tools.0.weight",
    ]);
  });

  it("refuses periods outside 1..120 whole months", () => {
    for (const months of [0, 121, 2.5]) {
      const issues = validateModel(
        model([tool("E1", { period: { kind: "months", months, label: "" } })]),
      );
      expect(issues.map((i) => i.path)).toEqual(["dimensions.0.tools.0.period.months"]);
    }
  });

  it("refuses repeated part codes and unordered maturity levels", () => {
    const issues = validateModel(
      model([
        tool("P1", {
          parts: [
            { code: "a", name: "Uno", description: "" },
            { code: "a", name: "Dos", description: "" },
          ],
          maturityLevels: [{ level: 1, name: "Básico" }],
        }),
      ]),
    );
    expect(issues.map((i) => i.path)).toEqual([
      "dimensions.0.tools.0.parts.1.code",
      "dimensions.0.tools.0.maturityLevels.0.level",
    ]);
  });

  it("requires a version label", () => {
    expect(validateModel(model([tool("E1")], { label: " " })).map((i) => i.path)).toEqual([
      "label",
    ]);
  });
});

describe("deliverables", () => {
  it("counts a tool without parts once and a tool with parts once per part", () => {
    const content = model([
      tool("E1"),
      tool("E3", {
        parts: [
          { code: "a", name: "A", description: "" },
          { code: "b", name: "B", description: "" },
        ],
      }),
    ]);
    expect(deliverables(content)).toEqual([
      { tool: "E1", part: null },
      { tool: "E3", part: "a" },
      { tool: "E3", part: "b" },
    ]);
  });
});
