import { describe, expect, it } from "vitest";
import {
  attachTemplates,
  commentProblem,
  completeness,
  type DocumentTemplate,
  type DraftContent,
  differingSections,
  draftContentProblem,
  emptyDraft,
  mergeBySection,
  templateFor,
  templateProblems,
} from "./document-templates.js";
import { validateModel } from "./model.js";
import { MODEL_2022 } from "./model-2022.js";
import { TEMPLATES_2022 } from "./templates-2022.js";

const C2 = TEMPLATES_2022.C2 as DocumentTemplate;

function withSections(sections: DraftContent["sections"]): DraftContent {
  return { sections };
}

describe("the 2022 templates", () => {
  it("cover every document tool the seed describes, each valid", () => {
    expect(Object.keys(TEMPLATES_2022).sort()).toEqual(
      [
        "C1",
        "C2",
        "C3",
        "C4",
        "E2",
        "E3.a",
        "E3.b",
        "M3",
        "R1.a",
        "R1.b",
        "R1.c",
        "R1.d",
        "R2",
        "R3",
        "R4",
      ].sort(),
    );
    for (const template of Object.values(TEMPLATES_2022)) {
      expect(templateProblems(template)).toEqual([]);
      expect(template.sections.some((section) => section.required)).toBe(true);
    }
  });

  it("give C2 one charter per channel with the seed's fields", () => {
    const charters = C2.sections.find((section) => section.kind === "table");
    expect(charters?.columns).toEqual([
      "Canal",
      "Responsable",
      "Horario",
      "Condiciones de operación",
      "Tiempos de respuesta",
      "Plan de contingencia",
    ]);
  });

  it("hang on the model's tools and parts, and the model stays publishable", () => {
    expect(templateFor(MODEL_2022, { tool: "C2", part: null })?.title).toBe(C2.title);
    expect(templateFor(MODEL_2022, { tool: "E3", part: "b" })?.title).toMatch(/denuncia/);
    expect(templateFor(MODEL_2022, { tool: "E1", part: null })).toBeNull();
    expect(templateFor(MODEL_2022, { tool: "E3", part: null })).toBeNull();
    expect(validateModel(MODEL_2022)).toEqual([]);
  });
});

describe("templateProblems", () => {
  it("names repeated keys, tables without columns and checklists without points", () => {
    const broken: DocumentTemplate = {
      title: " ",
      sections: [
        {
          key: "a",
          title: "A",
          guidance: "",
          required: true,
          kind: "table",
          columns: [],
          items: [],
        },
        {
          key: "a",
          title: "",
          guidance: "",
          required: true,
          kind: "checklist",
          columns: [],
          items: [],
        },
        {
          key: "Mal",
          title: "C",
          guidance: "",
          required: false,
          kind: "list",
          columns: [],
          items: [],
        },
      ],
    };
    expect(templateProblems(broken).map((problem) => problem.path)).toEqual([
      "title",
      "sections.0.columns",
      "sections.1.key",
      "sections.1.title",
      "sections.1.items",
      "sections.2.key",
    ]);
  });

  it("block publishing a model whose template is broken, at the template's path", () => {
    const model = attachTemplates(MODEL_2022, { E2: { title: "Política", sections: [] } });
    expect(validateModel(model)).toEqual([
      {
        path: "dimensions.0.tools.1.template.sections",
        message: "La plantilla necesita al menos una sección.",
        kind: "rule",
      },
    ]);
  });
});

describe("completeness", () => {
  it("counts the required sections written, and a table only with a full row", () => {
    const empty = emptyDraft(C2);
    const required = C2.sections.filter((section) => section.required).length;
    expect(completeness(C2, empty)).toMatchObject({ required, filled: 0, percent: 0 });

    const partial = withSections({
      ...empty.sections,
      presentacion: {
        kind: "rich_text",
        doc: {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "Hola" }] }],
        },
      },
      cartas: { kind: "table", rows: [["Presencial", "Ana", "9 a 15", "", "5 días", "Correo"]] },
    });
    const measured = completeness(C2, partial);
    expect(measured.filled).toBe(1);
    expect(measured.missing.map((section) => section.key)).toEqual(["cartas", "publicacion"]);

    const full = withSections({
      ...partial.sections,
      cartas: {
        kind: "table",
        rows: [["Presencial", "Ana", "9 a 15", "Oficina", "5 días", "Correo"]],
      },
      publicacion: {
        kind: "checklist",
        items: ["a", "b", "c"].map((text) => ({ text, done: true })),
      },
    });
    expect(completeness(C2, full)).toMatchObject({ filled: required, percent: 100, missing: [] });
  });
});

describe("draftContentProblem", () => {
  it("accepts an empty draft and refuses unknown sections, wrong kinds and odd rows", () => {
    expect(draftContentProblem(C2, emptyDraft(C2))).toBeNull();
    expect(draftContentProblem(C2, withSections({ otra: { kind: "list", items: [] } }))).toMatch(
      /no existe/,
    );
    expect(draftContentProblem(C2, withSections({ cartas: { kind: "list", items: [] } }))).toMatch(
      /es de tipo tabla/,
    );
    expect(
      draftContentProblem(C2, withSections({ cartas: { kind: "table", rows: [["solo una"]] } })),
    ).toMatch(/6 columnas/);
  });

  it("refuses rich text outside the allow-list", () => {
    const script = {
      kind: "rich_text" as const,
      doc: { type: "doc" as const, content: [{ type: "script" as "paragraph" }] },
    };
    expect(draftContentProblem(C2, withSections({ presentacion: script }))).toMatch(/no permitido/);
    const link = {
      kind: "rich_text" as const,
      doc: {
        type: "doc" as const,
        content: [
          {
            type: "paragraph" as const,
            content: [{ type: "text" as const, text: "x", marks: [{ type: "link" as "bold" }] }],
          },
        ],
      },
    };
    expect(draftContentProblem(C2, withSections({ presentacion: link }))).toMatch(/formato/);
    const nestedDoc = {
      kind: "rich_text" as const,
      doc: { type: "doc" as const, content: [{ type: "doc" as const }] },
    };
    expect(draftContentProblem(C2, withSections({ presentacion: nestedDoc }))).toMatch(/documento/);
  });
});

describe("merging a stale save by section", () => {
  it("lists the sections that differ and keeps each from the version chosen", () => {
    const base = emptyDraft(C2);
    const mine = withSections({
      ...base.sections,
      cartas: { kind: "table", rows: [["Mío", "", "", "", "", ""]] },
    });
    const theirs = withSections({
      ...base.sections,
      cartas: { kind: "table", rows: [["Suyo", "", "", "", "", ""]] },
      publicacion: { kind: "checklist", items: [{ text: "a", done: true }] },
    });
    expect(differingSections(C2, mine, theirs)).toEqual(["cartas", "publicacion"]);
    // Keys in another order (as the database returns JSON) are the same content.
    const reordered = withSections({
      publicacion: { items: [{ done: true, text: "a" }], kind: "checklist" } as never,
    });
    expect(
      differingSections(
        C2,
        reordered,
        withSections({ publicacion: { kind: "checklist", items: [{ text: "a", done: true }] } }),
      ),
    ).toEqual([]);
    const merged = mergeBySection(C2, mine, theirs, { publicacion: "theirs" });
    expect(merged.sections.cartas).toEqual(mine.sections.cartas);
    expect(merged.sections.publicacion).toEqual(theirs.sections.publicacion);
    expect(
      differingSections(
        C2,
        merged,
        mergeBySection(C2, mine, theirs, { cartas: "mine", publicacion: "theirs" }),
      ),
    ).toEqual([]);
  });
});

describe("commentProblem", () => {
  it("needs a section of the template and some text", () => {
    expect(commentProblem(C2, "cartas", "Falta el horario")).toBeNull();
    expect(commentProblem(C2, "otra", "x")).toMatch(/no existe/);
    expect(commentProblem(C2, "cartas", "  ")).toMatch(/Escriba/);
  });
});
