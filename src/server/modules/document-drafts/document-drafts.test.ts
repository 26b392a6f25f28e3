import { eq } from "drizzle-orm";
import { XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import type {
  DraftConflictDetails,
  DraftContent,
  DraftView,
} from "../../../contracts/document-drafts.js";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { toolInstances } from "../../db/schema/index.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { addEvidenceRow, type Session, toolInstanceOf } from "../../test/factories.js";
import { convertWithLibreOffice, hasLibreOffice } from "../../test/libreoffice.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import { pdfText } from "../../test/pdf.js";

const NOW = new Date("2026-11-25T18:00:00Z");

const ctx = setUpTestApp({ now: () => NOW, agreements: [TOLUCA, METEPEC] });
const { liaison, liaisonUser, collaborator, otherLiaison, reviewer } = ctx.cast(TOLUCA, METEPEC);
let c2: string;

beforeAll(async () => {
  c2 = (await toolInstanceOf(ctx.app, liaison, "C2")).id;
});

const url = (id: string, tail = "") => `/api/tool-instances/${id}/draft${tail}`;
const get = (id: string, session: Session, tail = "") => ctx.get(url(id, tail), session);
const save = (id: string, session: Session, content: unknown, expectedRevision: number) =>
  ctx.send("PUT", url(id), session, { content, expectedRevision });

/** A rich-text section made of the given blocks. */
const richText = (...content: object[]) => ({ kind: "rich_text", doc: { type: "doc", content } });
const paragraph = (text: string) =>
  richText(
    {
      type: "paragraph",
      content: [
        { type: "text", text, marks: [{ type: "bold" }] },
        { type: "text", text: " y más." },
      ],
    },
    {
      type: "bulletList",
      content: [
        {
          type: "listItem",
          content: [{ type: "paragraph", content: [{ type: "text", text: "Ventanilla única" }] }],
        },
      ],
    },
  );
const charters = (channel: string) => ({
  kind: "table",
  rows: [
    [
      channel,
      "Ana Pérez",
      "Lunes a viernes, 9 a 15 h",
      "Oficina en planta baja",
      "5 días hábiles",
      "Atención por correo",
    ],
  ],
});

describe("GET /api/tool-instances/:id/draft", () => {
  it("should give the team the C2 template with an empty draft at revision 0", async () => {
    const response = await get(c2, collaborator);
    expect(response.statusCode).toBe(200);
    const view = json<DraftView>(response);
    expect(view).toMatchObject({
      municipality: { cvegeo: TOLUCA, name: "Toluca" },
      tool: { code: "C2", part: null },
      revision: 0,
      canEdit: true,
      completeness: { filled: 0, percent: 0 },
    });
    expect(view.template.sections.map((section) => section.key)).toContain("cartas");
  });

  it("should not find another municipality's draft, nor a tool without a template", async () => {
    expect((await get(c2, otherLiaison)).statusCode).toBe(404);
    const e4 = (await toolInstanceOf(ctx.app, liaison, "E4")).id;
    expect((await get(e4, liaison)).statusCode).toBe(404);
  });

  it("should let a reviewer read it without editing", async () => {
    const response = await get(c2, reviewer);
    expect(response.statusCode).toBe(200);
    expect(json<DraftView>(response).canEdit).toBe(false);
  });
});

describe("PUT /api/tool-instances/:id/draft", () => {
  it("should save from revision 0, bump the revision and audit it", async () => {
    const content = {
      sections: { presentacion: paragraph("Canales"), cartas: charters("Presencial") },
    };
    const response = await save(c2, liaison, content, 0);
    expect(response.statusCode).toBe(200);
    expect(json(response)).toMatchObject({ revision: 1 });
    const view = json<DraftView>(await get(c2, collaborator));
    expect(view.revision).toBe(1);
    expect(view.content.sections.cartas).toEqual(content.sections.cartas);
    expect(view.completeness.missing.map((section) => section.key)).toEqual(["publicacion"]);
    const events = await auditEventsOf(ctx.handle.db, "document_draft.saved", {
      municipality: TOLUCA,
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toMatchObject({ toolInstance: c2, revision: 1 });
  });

  it("should refuse a stale save with 409 draft_conflict carrying the server's version", async () => {
    const collaboratorSave = await save(
      c2,
      collaborator,
      { sections: { presentacion: paragraph("Canales"), cartas: charters("Teléfono") } },
      1,
    );
    expect(collaboratorSave.statusCode).toBe(200);
    const stale = await save(c2, liaison, { sections: { cartas: charters("Correo") } }, 1);
    expect(stale.statusCode).toBe(409);
    expect(errorCode(stale)).toBe("draft_conflict");
    const current = json<{ error: { current: DraftConflictDetails } }>(stale).error.current;
    expect(current.revision).toBe(2);
    expect(current.content.sections.cartas).toEqual(charters("Teléfono"));
    // Nothing was written: the collaborator's table stands.
    const view = json<DraftView>(await get(c2, liaison));
    expect(view.revision).toBe(2);
    expect((view.content.sections.cartas as { rows: string[][] }).rows[0]?.[0]).toBe("Teléfono");
    // Merged by section and saved from the server's revision, it goes through.
    expect(
      (
        await save(
          c2,
          liaison,
          { sections: { ...current.content.sections, cartas: charters("Correo") } },
          2,
        )
      ).statusCode,
    ).toBe(200);
  });

  it("should refuse HTML, unknown nodes or marks, unknown sections and rows of the wrong width", async () => {
    const refused: DraftContent[] = [
      { sections: { presentacion: { kind: "rich_text", doc: "<p>hola</p>" } } } as never,
      { sections: { presentacion: richText({ type: "image" }) } } as never,
      {
        sections: {
          presentacion: richText({
            type: "paragraph",
            content: [
              {
                type: "text",
                text: "x",
                marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
              },
            ],
          }),
        },
      } as never,
      { sections: { inventada: { kind: "list", items: ["x"] } } },
      { sections: { cartas: { kind: "table", rows: [["solo"]] } } },
    ];
    for (const content of refused) {
      const response = await save(c2, liaison, content, 3);
      expect(response.statusCode, JSON.stringify(content)).toBe(400);
      expect(errorCode(response)).toBe("validation_error");
    }
    expect(json<DraftView>(await get(c2, liaison)).revision).toBe(3);
  });

  it("should leave writing to the municipality's team", async () => {
    const content = { sections: {} };
    expect((await save(c2, reviewer, content, 3)).statusCode).toBe(403);
    expect((await save(c2, otherLiaison, content, 3)).statusCode).toBe(404);
  });

  it("should keep the draft as sent while the tool is in review", async () => {
    const r4 = (await toolInstanceOf(ctx.app, liaison, "R4")).id;
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "submitted" })
      .where(eq(toolInstances.id, r4));
    const response = await save(r4, liaison, { sections: {} }, 0);
    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("conflict");
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "pending" })
      .where(eq(toolInstances.id, r4));
  });
});

describe("POST /api/tool-instances/:id/draft/comments", () => {
  it("should let the team comment on a section of the template", async () => {
    const response = await ctx.send("POST", url(c2, "/comments"), collaborator, {
      sectionKey: "cartas",
      body: "Falta el horario del sábado.",
    });
    expect(response.statusCode).toBe(201);
    expect(json(response)).toMatchObject({
      sectionKey: "cartas",
      body: "Falta el horario del sábado.",
    });
    const view = json<DraftView>(await get(c2, liaison));
    expect(view.comments.map((comment) => comment.body)).toEqual(["Falta el horario del sábado."]);
    const unknown = await ctx.send("POST", url(c2, "/comments"), collaborator, {
      sectionKey: "inventada",
      body: "x",
    });
    expect(unknown.statusCode).toBe(400);
  });
});

describe("exports", () => {
  // What every export shows: the municipality and the saved content; PDFs also C2's name.
  const DRAFT_TEXT = ["Municipio de Toluca", "Plan de contingencia", "Ventanilla única"];
  const TOOL_NAME = "Cartas de servicios de los canales de atención";

  it("should print the PDF with the institution, the municipality, the tool and the content", async () => {
    const response = await get(c2, liaison, "/pdf");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toContain("c2-15106-v3.pdf");
    const text = await pdfText(response.rawPayload);
    for (const expected of [...DRAFT_TEXT, TOOL_NAME, "C2", "Correo"]) {
      expect(text).toContain(expected);
    }
  });

  it("should write a DOCX whose parts are well-formed XML with the same content", async () => {
    const response = await get(c2, reviewer, "/docx");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("wordprocessingml.document");
    const zip = await JSZip.loadAsync(response.rawPayload);
    const parts = Object.keys(zip.files).filter(
      (name) => name.endsWith(".xml") || name.endsWith(".rels"),
    );
    expect(parts).toContain("word/document.xml");
    for (const name of parts) {
      const xml = await zip.file(name)?.async("string");
      expect(XMLValidator.validate(xml ?? ""), name).toBe(true);
    }
    const body = (await zip.file("word/document.xml")?.async("string")) ?? "";
    for (const text of [...DRAFT_TEXT, "Correo"]) {
      expect(body).toContain(text);
    }
    const exported = await auditEventsOf(ctx.handle.db, "document_draft.exported");
    expect(exported.map((event) => (event.after as { format: string }).format).sort()).toEqual([
      "docx",
      "pdf",
    ]);
  });

  // A real word processor opens the DOCX (LibreOffice, headless), where one is installed: the
  // XML checks above cannot tell whether Word-compatible readers accept the document's structure.
  it.skipIf(!hasLibreOffice)(
    "should open in LibreOffice and convert to a PDF with the same content",
    async () => {
      const response = await get(c2, liaison, "/docx");
      const text = await pdfText(await convertWithLibreOffice(response.rawPayload, "docx", "pdf"));
      for (const expected of [...DRAFT_TEXT, TOOL_NAME]) {
        expect(text).toContain(expected);
      }
    },
    120_000,
  );

  it("should not export another municipality's draft", async () => {
    expect((await get(c2, otherLiaison, "/docx")).statusCode).toBe(404);
  });
});

describe("review of a guided document", () => {
  const post = (path: string, session: Session, payload: Record<string, unknown> = {}) =>
    ctx.app.inject({ method: "POST", url: path, headers: session.headers, payload });
  const detail = async () =>
    json<ToolInstanceDetail>(await ctx.get(`/api/tool-instances/${c2}`, reviewer));

  it("should keep the draft with the submission and let the reviewer observe one section", async () => {
    await addEvidenceRow(ctx.handle.db, c2, liaisonUser.id);
    expect((await post(`/api/tool-instances/${c2}/submit`, liaison)).statusCode).toBe(200);
    const sent = await detail();
    expect(sent.history[0]?.draft?.revision).toBe(3);
    expect(sent.history[0]?.draft?.template.title).toMatch(/Cartas de servicios/);
    // In review, the draft stays as sent.
    expect((await save(c2, liaison, { sections: {} }, 3)).statusCode).toBe(409);

    const unknown = await post(`/api/tool-instances/${c2}/review`, reviewer, {
      decision: "request_changes",
      expectedVersion: sent.version,
      observations: [{ type: "requerimiento", text: "x", sectionKey: "inventada" }],
    });
    expect(unknown.statusCode).toBe(400);
    const returned = await post(`/api/tool-instances/${c2}/review`, reviewer, {
      decision: "request_changes",
      expectedVersion: sent.version,
      observations: [
        { type: "requerimiento", text: "Indique el horario del canal.", sectionKey: "cartas" },
      ],
    });
    expect(returned.statusCode).toBe(200);
    const observation = json<ToolInstanceDetail>(returned).history[0]?.review?.observations[0];
    expect(observation).toMatchObject({ sectionKey: "cartas", type: "requerimiento" });
    // Returned, the team fixes the section from the revision it has.
    const fixed = await save(
      c2,
      liaison,
      { sections: { cartas: charters("Correo, lunes a viernes 9 a 15 h") } },
      3,
    );
    expect(fixed.statusCode).toBe(200);
  });
});
