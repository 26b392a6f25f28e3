import { describe, expect, it } from "vitest";
import { MAX_PERIOD_MONTHS, type ModelContent } from "../../../../domain/model.js";
import { MODEL_2022 } from "../../../../domain/model-2022.js";
import {
  canAddTo,
  changePeriodKind,
  changeSectionKind,
  describePath,
  type EditorLevel,
  editorIssues,
  fieldId,
  hasInvalidNumbers,
  move,
  newDimension,
  newLevel,
  newPart,
  newQuestionItem,
  newSection,
  newTemplate,
  newTool,
  removeAt,
  renumberLevels,
  replaceAt,
  toContent,
  toEditor,
} from "./draft";

/** A copy of the 2022 model to change in one test without touching the others. */
const model = (): ModelContent => structuredClone(MODEL_2022);

describe("toEditor and toContent", () => {
  it("give back exactly the content they were given", () => {
    expect(toContent(toEditor(MODEL_2022))).toEqual(MODEL_2022);
  });

  it("key every item of every list, each key different", () => {
    const editor = toEditor(MODEL_2022);
    const keys = editor.dimensions.flatMap((dimension) => [
      dimension.key,
      ...dimension.tools.flatMap((tool) => [
        tool.key,
        ...tool.parts.map((p) => p.key),
        ...tool.criteria.map((c) => c.key),
        ...tool.maturityLevels.map((l) => l.key),
      ]),
    ]);
    expect(keys.length).toBeGreaterThan(23); // 5 dimensions and 18 tools at least
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("list editing", () => {
  const list = ["a", "b", "c"] as const;

  it("replaces and removes at an index without changing the original", () => {
    expect(replaceAt(list, 1, "x")).toEqual(["a", "x", "c"]);
    expect(removeAt(list, 0)).toEqual(["b", "c"]);
    expect(list).toEqual(["a", "b", "c"]);
  });

  it("moves an item up or down one place", () => {
    expect(move(list, 2, -1)).toEqual(["a", "c", "b"]);
    expect(move(list, 0, 1)).toEqual(["b", "a", "c"]);
  });

  it("does nothing when the move would leave the list", () => {
    expect(move(list, 0, -1)).toEqual(list);
    expect(move(list, 2, 1)).toEqual(list);
    expect(move(list, 5, -1)).toEqual(list);
  });
});

describe("new items", () => {
  it("gives a new dimension the first unused capital letter", () => {
    expect(newDimension([{ code: "A" }, { code: "C" }]).code).toBe("B");
    const codes = MODEL_2022.dimensions.map((d) => d.code);
    expect(codes).not.toContain(newDimension(MODEL_2022.dimensions).code);
  });

  it("numbers a new tool after its dimension's tools, due three months after the agreement", () => {
    const tool = newTool("E", ["E1", "E2", "E3", "E4", "R1"]);
    expect(tool.code).toBe("E5");
    expect(tool.period).toEqual({ kind: "months", months: 3, label: "3 meses" });
    expect(tool.weight).toBe(1);
    expect(newTool("E", ["E2"]).code).toBe("E1");
    expect(newTool("", []).code).toBe("");
  });

  it("gives a new part the next free lower-case letter", () => {
    expect(newPart([{ code: "a" }, { code: "b" }]).code).toBe("c");
    expect(newPart([{ code: "b" }]).code).toBe("a");
  });

  it("numbers maturity levels by position from 0", () => {
    const levels: EditorLevel[] = [
      { key: "x", level: 0, name: "Inicial" },
      { key: "y", level: 2, name: "Definido" },
    ];
    expect(newLevel(levels).level).toBe(2);
    const renumbered = renumberLevels(levels);
    expect(renumbered.map((l) => l.level)).toEqual([0, 1]);
    expect(renumbered[0]).toBe(levels[0]); // unchanged items keep their identity
  });
});

describe("changePeriodKind", () => {
  it("keeps the label and the months when switching to months", () => {
    expect(changePeriodKind({ kind: "months", months: 6, label: "6 meses" }, "months")).toEqual({
      kind: "months",
      months: 6,
      label: "6 meses",
    });
  });

  it("starts at three months when coming from another kind", () => {
    expect(changePeriodKind({ kind: "annual", label: "Cada año" }, "months")).toEqual({
      kind: "months",
      months: 3,
      label: "Cada año",
    });
  });

  it("drops the months for a kind that has none", () => {
    expect(changePeriodKind({ kind: "months", months: 6, label: "6 meses" }, "project")).toEqual({
      kind: "project",
      label: "6 meses",
    });
  });
});

describe("editorIssues and hasInvalidNumbers", () => {
  it("find nothing wrong in the 2022 model", () => {
    expect(editorIssues(MODEL_2022)).toEqual([]);
    expect(hasInvalidNumbers(MODEL_2022)).toBe(false);
  });

  it("add the API's weight limit to the model's own rules, once per field", () => {
    const content = model();
    const dimension = content.dimensions[0];
    const tool = dimension?.tools[1];
    if (!dimension || !tool) {
      throw new Error("the 2022 model changed");
    }
    dimension.weight = 1001;
    tool.weight = 5000;
    tool.name = " ";
    const issues = editorIssues(content);
    expect(issues).toContainEqual({
      path: "dimensions.0.weight",
      message: "El peso no puede ser mayor que 1000.",
      kind: "rule",
    });
    expect(issues.filter((i) => i.path === "dimensions.0.tools.1.weight")).toHaveLength(1);
    expect(issues.map((i) => i.path)).toContain("dimensions.0.tools.1.name");
    expect(hasInvalidNumbers(content)).toBe(true);
  });

  it("report a weight of zero through the model's rule, not twice", () => {
    const content = model();
    const dimension = content.dimensions[1];
    if (!dimension) {
      throw new Error("the 2022 model changed");
    }
    dimension.weight = 0;
    expect(editorIssues(content).filter((i) => i.path === "dimensions.1.weight")).toHaveLength(1);
    expect(hasInvalidNumbers(content)).toBe(true);
  });

  it("flag a period in months the API refuses", () => {
    for (const months of [0, 1.5, MAX_PERIOD_MONTHS + 1, Number.NaN]) {
      const content = model();
      const tool = content.dimensions[0]?.tools[1];
      if (!tool) {
        throw new Error("the 2022 model changed");
      }
      tool.period = { kind: "months", months, label: "" };
      expect(hasInvalidNumbers(content), String(months)).toBe(true);
    }
  });
});

describe("describePath and fieldId", () => {
  it("turns an issue's path into words a person can follow", () => {
    expect(describePath(MODEL_2022, "label")).toBe("Nombre de la versión");
    expect(describePath(MODEL_2022, "dimensions.0.weight")).toBe("Dimensión E › peso");
    expect(describePath(MODEL_2022, "dimensions.0.tools.2.parts.1.code")).toBe(
      "Dimensión E › Herramienta E3 › componente b › clave",
    );
    expect(describePath(MODEL_2022, "dimensions.0.tools.1.period.months")).toBe(
      "Dimensión E › Herramienta E2 › plazo › meses",
    );
    expect(describePath(MODEL_2022, "dimensions.0.tools.0.criteria.2.name")).toBe(
      "Dimensión E › Herramienta E1 › criterio 3 › nombre",
    );
  });

  it("uses positions for items without a code yet, and a list's name for the list itself", () => {
    const content = model();
    const dimension = content.dimensions[0];
    if (!dimension) {
      throw new Error("the 2022 model changed");
    }
    dimension.code = "";
    expect(describePath(content, "dimensions.0.name")).toBe("Dimensión 1 › nombre");
    expect(describePath(content, "dimensions")).toBe("Dimensiones");
    expect(describePath(content, "dimensions.0.tools")).toBe("Dimensión 1 › herramientas");
  });

  it("gives each path one DOM id", () => {
    expect(fieldId("dimensions.0.tools.2.code")).toBe("campo-dimensions-0-tools-2-code");
  });
});

describe("the survey questionnaire in the editor", () => {
  it("is the 2022 one for a version without it, comes back in one field order, and names its paths", () => {
    const { surveyQuestionnaire: _, ...without } = model();
    const editor = toEditor(without);
    expect(toContent(editor).surveyQuestionnaire).toEqual(MODEL_2022.surveyQuestionnaire);
    const content = toContent(editor);
    expect(Object.keys(content.surveyQuestionnaire ?? {})).toEqual([
      "items",
      "overall",
      "respondentType",
      "channel",
      "comment",
    ]);
    expect(describePath(content, "surveyQuestionnaire.items.1.text")).toBe(
      "Cuestionario de satisfacción (M1) › afirmación portal_clara › texto",
    );
    expect(describePath(content, "surveyQuestionnaire.overall")).toBe(
      "Cuestionario de satisfacción (M1) › satisfacción general",
    );
  });

  it("codes a new item with the first free number", () => {
    expect(newQuestionItem([{ code: "afirmacion_2" }, { code: "x" }]).code).toBe("afirmacion_3");
    expect(newQuestionItem([{ code: "afirmacion_1" }]).code).toBe("afirmacion_2");
  });

  it("flags a reserved code as a duplicate, which blocks saving", () => {
    const content = model();
    content.surveyQuestionnaire?.items.push({ code: "canal", text: "x" });
    expect(editorIssues(content)).toContainEqual({
      path: "surveyQuestionnaire.items.7.code",
      message: "La clave «canal» está reservada.",
      kind: "duplicate",
    });
  });
});

describe("guided document templates in the editor", () => {
  const c2Path = (content: ModelContent) => {
    const d = content.dimensions.findIndex((dimension) => dimension.code === "C");
    const t = content.dimensions[d]?.tools.findIndex((tool) => tool.code === "C2") ?? -1;
    return { d, t };
  };

  it("key every section apart from its own key, and give the template back unchanged", () => {
    const editor = toEditor(MODEL_2022);
    const { d, t } = c2Path(MODEL_2022);
    const sections = editor.dimensions[d]?.tools[t]?.template?.sections ?? [];
    expect(sections.length).toBeGreaterThan(2);
    expect(new Set(sections.map((section) => section.rowKey)).size).toBe(sections.length);
    expect(sections[0]?.key).toBe(MODEL_2022.dimensions[d]?.tools[t]?.template?.sections[0]?.key);
    const e3 = editor.dimensions[0]?.tools.find((tool) => tool.code === "E3");
    expect(e3?.parts[0]?.template?.sections[0]?.rowKey).toMatch(/^k\d+$/);
    expect(toContent(editor)).toEqual(MODEL_2022);
  });

  it("starts a template with one required text section and numbers new sections", () => {
    const template = newTemplate("Carta de servicios");
    expect(template.title).toBe("Carta de servicios");
    expect(template.sections).toMatchObject([
      { key: "seccion_1", kind: "rich_text", required: true, columns: [], items: [] },
    ]);
    expect(newSection([{ key: "seccion_2" }, { key: "seccion_3" }]).key).toBe("seccion_4");
  });

  it("gives a table a first column and a checklist a first point, and saves only the kind's list", () => {
    const table = changeSectionKind(newSection([]), "table");
    expect(table.columns).toEqual([""]);
    const back = changeSectionKind({ ...table, columns: ["Canal", "Horario"] }, "rich_text");
    expect(back.columns).toEqual(["Canal", "Horario"]);
    expect(changeSectionKind(back, "table").columns).toEqual(["Canal", "Horario"]);
    expect(changeSectionKind(back, "checklist").items).toEqual([""]);
    expect(canAddTo({ ...table, columns: Array(8).fill("x") }, "columns")).toBe(false);

    const editor = toEditor(model());
    const { d, t } = c2Path(MODEL_2022);
    const tool = editor.dimensions[d]?.tools[t];
    if (!tool?.template) {
      throw new Error("C2 has a template in 2022");
    }
    tool.template = { ...tool.template, sections: [back] };
    const saved = toContent(editor).dimensions[d]?.tools[t]?.template?.sections[0];
    expect(saved).not.toHaveProperty("rowKey");
    expect(saved?.columns).toEqual([]);
  });

  it("reports a template's problems at their field, in words", () => {
    const content = model();
    const { d, t } = c2Path(content);
    const tool = content.dimensions[d]?.tools[t];
    if (!tool?.template) {
      throw new Error("C2 has a template in 2022");
    }
    const [first, second] = tool.template.sections;
    if (!first || !second) {
      throw new Error("C2's template has sections");
    }
    tool.template.sections = [
      first,
      { ...second, key: first.key },
      { ...first, key: "tabla", kind: "table", columns: [] },
    ];
    const issues = editorIssues(content);
    const at = `dimensions.${d}.tools.${t}.template.sections`;
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([`${at}.1.key`, `${at}.2.columns`]),
    );
    expect(describePath(content, `${at}.2.columns`)).toBe(
      `Dimensión C › Herramienta C2 › documento guiado «${tool.template.title}» › sección 3 «${first.title}» › columnas`,
    );
    expect(describePath(content, `${at}.0.items`)).toContain("puntos de verificación");
  });
});
