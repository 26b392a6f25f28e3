import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance, ToolInstanceDetail } from "../../../contracts/participation.js";
import { auditEvents, reviews, submissions, toolInstances } from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";
import { addEvidenceRow, type Session, toolInstanceOf } from "../../test/factories.js";
import { loadContent } from "../model/queries.js";
import { createDraft, publishDraft, saveDraft } from "../model/service.js";

const ctx = setUpTestApp({ agreements: ["15106"] });
const liaison = ctx.signedIn("liaison");
const reviewer = ctx.session("reviewer");

const post = (url: string, session: Session, payload?: unknown) =>
  ctx.app.inject({ method: "POST", url, headers: session.headers, payload: payload as object });
const detailOf = async (id: string, session: Session = reviewer) =>
  json<ToolInstanceDetail>(await ctx.get(`/api/tool-instances/${id}`, session));
const counted = async (table: typeof submissions | typeof reviews, id: string) => {
  const [row] = await ctx.handle.db
    .select({ n: count() })
    .from(table)
    .where(eq(table.toolInstanceId, id));
  return row?.n ?? 0;
};
const auditsOf = async (id: string) =>
  (await ctx.handle.db.select().from(auditEvents).where(eq(auditEvents.entityId, id))).length;

/** Uploads a document (a row: these tests never read the file) and submits as the liaison. */
async function submitted(tool: string, part: string | null = null): Promise<ToolInstance> {
  const instance = await toolInstanceOf(ctx.app, liaison.session, tool, { part });
  await addEvidenceRow(ctx.handle.db, instance.id, liaison.user.id);
  await ctx.handle.db
    .update(toolInstances)
    .set({ state: "in_progress" })
    .where(eq(toolInstances.id, instance.id));
  const response = await post(`/api/tool-instances/${instance.id}/submit`, liaison.session);
  expect(response.statusCode).toBe(200);
  return instance;
}

async function decide(id: string, body: Record<string, unknown>) {
  const { version } = await detailOf(id);
  return post(`/api/tool-instances/${id}/review`, reviewer, { expectedVersion: version, ...body });
}

describe("resubmitting a returned tool", () => {
  let e2: ToolInstance;

  beforeAll(async () => {
    e2 = await submitted("E2");
    const returned = await decide(e2.id, {
      decision: "request_changes",
      observations: [
        { type: "requerimiento", text: "Falta la firma del cabildo." },
        {
          type: "recomendacion",
          text: "Incluya el organigrama vigente de la Unidad de Transparencia y de las áreas que la apoyan.",
        },
      ],
    });
    expect(returned.statusCode).toBe(200);
  });

  it("refuses it with nothing answered, naming each observation and the missing document", async () => {
    const before = await detailOf(e2.id);
    const audits = await auditsOf(e2.id);
    const response = await post(`/api/tool-instances/${e2.id}/submit`, liaison.session);
    expect(errorOf(response, 409)).toEqual({
      code: "resubmission_incomplete",
      message:
        "Aún no puede enviarse de nuevo a revisión. Responda la observación 1 (requerimiento): «Falta la firma del cabildo». Responda la observación 2 (recomendación): «Incluya el organigrama vigente de la Unidad de…». Suba una versión nueva del documento: la revisión tiene un requerimiento y se devolvió con los documentos actuales.",
      details: [
        {
          field: "observations.0",
          message: "Responda la observación 1 (requerimiento): «Falta la firma del cabildo».",
        },
        {
          field: "observations.1",
          message:
            "Responda la observación 2 (recomendación): «Incluya el organigrama vigente de la Unidad de…».",
        },
        {
          field: "evidence",
          message:
            "Suba una versión nueva del documento: la revisión tiene un requerimiento y se devolvió con los documentos actuales.",
        },
      ],
    });
    expect(await detailOf(e2.id)).toEqual(before);
    expect(await counted(submissions, e2.id)).toBe(1);
    expect(await auditsOf(e2.id)).toBe(audits);
  });

  it("still refuses it with one answer missing, then with only the new document missing", async () => {
    const [first, second] =
      (await detailOf(e2.id, liaison.session)).history[0]?.review?.observations ?? [];
    const answered = await post(`/api/observations/${first?.id}/answer`, liaison.session, {
      answer: "Se recabará la firma en la próxima sesión.",
    });
    expect(answered.statusCode).toBe(200);
    const oneLeft = await post(`/api/tool-instances/${e2.id}/submit`, liaison.session);
    expect(oneLeft.statusCode).toBe(409);
    expect(errorCode(oneLeft)).toBe("resubmission_incomplete");
    expect(json<{ error: { details: { field: string }[] } }>(oneLeft).error.details).toEqual([
      expect.objectContaining({ field: "observations.1" }),
      expect.objectContaining({ field: "evidence" }),
    ]);

    await post(`/api/observations/${second?.id}/answer`, liaison.session, {
      answer: "Se incluye el organigrama.",
    });
    const documentLeft = await post(`/api/tool-instances/${e2.id}/submit`, liaison.session);
    expect(documentLeft.statusCode).toBe(409);
    expect(json<{ error: { details: unknown[] } }>(documentLeft).error.details).toEqual([
      expect.objectContaining({ field: "evidence" }),
    ]);
    expect((await detailOf(e2.id)).state).toBe("changes_requested");
    expect(await counted(submissions, e2.id)).toBe(1);
  });

  it("accepts it once every observation is answered and a new version is uploaded", async () => {
    const fresh = await addEvidenceRow(ctx.handle.db, e2.id, liaison.user.id);
    const response = await post(`/api/tool-instances/${e2.id}/submit`, liaison.session);
    expect(response.statusCode).toBe(200);
    const body = json<ToolInstanceDetail>(response);
    expect(body.state).toBe("submitted");
    expect(body.history).toHaveLength(2);
    expect(body.history[1]?.evidenceIds).toContain(fresh);
  });

  it("needs no new document when the return had no requerimiento", async () => {
    const r4 = await submitted("R4");
    expect(
      (
        await decide(r4.id, {
          decision: "request_changes",
          observations: [{ type: "observacion", text: "Indique la fecha del inventario." }],
        })
      ).statusCode,
    ).toBe(200);
    const unanswered = await post(`/api/tool-instances/${r4.id}/submit`, liaison.session);
    expect(unanswered.statusCode).toBe(409);
    expect(json<{ error: { details: unknown[] } }>(unanswered).error.details).toEqual([
      {
        field: "observations.0",
        message: "Responda la observación 1 (observación): «Indique la fecha del inventario».",
      },
    ]);
    const observation = (await detailOf(r4.id, liaison.session)).history[0]?.review
      ?.observations[0];
    await post(`/api/observations/${observation?.id}/answer`, liaison.session, {
      answer: "El inventario es del 3 de marzo de 2023.",
    });
    const response = await post(`/api/tool-instances/${r4.id}/submit`, liaison.session);
    expect(response.statusCode).toBe(200);
    expect(json<ToolInstanceDetail>(response).state).toBe("submitted");
  });
});

describe("review results checked against the tool's criteria and levels", () => {
  const P1_ALL = [
    { code: "documentado", result: 1 },
    { code: "diagramado", result: 1 },
    { code: "formalizado", result: 0.5 },
    { code: "difundido", result: 0 },
  ];

  async function expectRefused(id: string, body: Record<string, unknown>, message: RegExp) {
    const before = await detailOf(id);
    const response = await decide(id, body);
    expect(response.statusCode).toBe(422);
    expect(errorCode(response)).toBe("review_criteria_invalid");
    expect(json<{ error: { message: string } }>(response).error.message).toMatch(message);
    expect(await detailOf(id)).toEqual(before);
    expect(await counted(reviews, id)).toBe(0);
  }

  it("refuses validating P1 a) with an invented criterion, a missing one or a repeated one", async () => {
    const p1 = await submitted("P1", "a");
    await expectRefused(
      p1.id,
      { decision: "validate", criteria: [{ code: "inventado", result: 1 }] },
      /«inventado» no es un criterio de esta herramienta.*Falta el resultado del criterio «El proceso está documentado»/,
    );
    await expectRefused(
      p1.id,
      { decision: "validate", criteria: P1_ALL.slice(1) },
      /^Falta el resultado del criterio «El proceso está documentado»\.$/,
    );
    await expectRefused(
      p1.id,
      { decision: "validate", criteria: [...P1_ALL, { code: "difundido", result: 1 }] },
      /El criterio «Ha sido difundido al interior de la municipalidad» tiene más de un resultado/,
    );
    await expectRefused(
      p1.id,
      {
        decision: "request_changes",
        criteria: P1_ALL.slice(0, 2),
        observations: [{ type: "observacion", text: "Falta el diagrama." }],
      },
      /Falta el resultado del criterio «Está formalizado por un acto formal/,
    );
    expect((await detailOf(p1.id)).maturity).toBeNull();
  });

  it("validates P1 a) with one result per criterion and records their mean", async () => {
    const p1 = await toolInstanceOf(ctx.app, liaison.session, "P1", { part: "a" });
    const response = await decide(p1.id, { decision: "validate", criteria: P1_ALL });
    expect(response.statusCode).toBe(200);
    const body = json<ToolInstanceDetail>(response);
    expect(body.state).toBe("validated");
    expect(body.maturity).toBe(0.625);
    expect(body.history[0]?.review?.criteria).toEqual(P1_ALL);
  });

  it("needs a level among P2's levels, and records the level reached", async () => {
    const p2 = await submitted("P2");
    await expectRefused(p2.id, { decision: "validate" }, /Elija el nivel de madurez alcanzado/);
    await expectRefused(
      p2.id,
      { decision: "validate", maturityLevel: 7 },
      /El nivel 7 no existe en esta herramienta: elija uno de 0, 1, 2, 3/,
    );
    await expectRefused(
      p2.id,
      { decision: "validate", maturityLevel: 2, criteria: [{ code: "documentado", result: 1 }] },
      /no se evalúa por criterios: quite el criterio «documentado»/,
    );
    const response = await decide(p2.id, { decision: "validate", maturityLevel: 2 });
    expect(response.statusCode).toBe(200);
    expect(json<ToolInstanceDetail>(response).maturity).toBeCloseTo(2 / 3, 6);
  });

  it("takes neither criteria nor a level for a tool without them", async () => {
    const c2 = await submitted("C2");
    await expectRefused(
      c2.id,
      { decision: "validate", criteria: [{ code: "documentado", result: 1 }] },
      /no se evalúa por criterios/,
    );
    await expectRefused(
      c2.id,
      { decision: "validate", maturityLevel: 1 },
      /no mide niveles de madurez/,
    );
    const response = await decide(c2.id, { decision: "validate" });
    expect(response.statusCode).toBe(200);
    expect(json<ToolInstanceDetail>(response)).toMatchObject({
      state: "validated",
      maturity: null,
    });
  });
});

describe("a newer model version", () => {
  it("leaves the participant's tool page and reviews on its agreement's version", async () => {
    // Version 2 renames one P1 criterion and adds another; Toluca's agreement stays on version 1.
    const draftId = await createDraft(ctx.handle.db, SYSTEM_ACTOR);
    const content = await loadContent(ctx.handle.db, draftId, "Modelo 2026");
    for (const dimension of content.dimensions) {
      for (const tool of dimension.tools) {
        if (tool.code === "P1") {
          tool.description = "Descripción de la versión 2";
          tool.criteria = [
            { code: "documentado_v2", name: "El proceso está documentado y vigente" },
            ...tool.criteria.slice(1),
            { code: "publicado", name: "Está publicado en el portal municipal" },
          ];
        }
      }
    }
    await saveDraft(ctx.handle.db, draftId, content, 0, SYSTEM_ACTOR);
    expect(await publishDraft(ctx.handle.db, draftId, SYSTEM_ACTOR)).toBe(2);
    const published = await ctx.app.inject({ method: "GET", url: "/api/model" });
    expect(published.statusCode).toBe(200);
    expect(JSON.stringify(json(published))).toContain("documentado_v2");

    const p1b = await submitted("P1", "b");
    const page = await detailOf(p1b.id, liaison.session);
    expect(page.modelTool.modelVersion).toBe(1);
    // What the tool asks for, as the agreement's version words it: description and parts.
    expect(page.modelTool.description).toMatch(/^Indagará en el nivel de documentación/);
    expect(page.modelTool.parts.map((p) => [p.code, p.name])).toEqual([
      ["a", "Transparencia activa"],
      ["b", "Transparencia pasiva"],
    ]);
    expect(page.modelTool.criteria.map((c) => c.code)).toEqual([
      "documentado",
      "diagramado",
      "formalizado",
      "difundido",
    ]);

    const newest = [
      { code: "documentado_v2", result: 1 },
      { code: "diagramado", result: 1 },
      { code: "formalizado", result: 1 },
      { code: "difundido", result: 1 },
      { code: "publicado", result: 1 },
    ];
    const refused = await decide(p1b.id, { decision: "validate", criteria: newest });
    expect(refused.statusCode).toBe(422);
    expect(errorCode(refused)).toBe("review_criteria_invalid");
    expect(json<{ error: { message: string } }>(refused).error.message).toContain(
      "«documentado_v2» no es un criterio de esta herramienta",
    );
    const accepted = await decide(p1b.id, {
      decision: "validate",
      criteria: page.modelTool.criteria.map((c) => ({ code: c.code, result: 1 })),
    });
    expect(accepted.statusCode).toBe(200);
    expect(json<ToolInstanceDetail>(accepted)).toMatchObject({ state: "validated", maturity: 1 });
  });
});

describe("the tool page", () => {
  const otherLiaison = ctx.signedIn("liaison", { municipality: "15054" });

  it("names and dates an instance as the municipality's tool list does", async () => {
    const p1a = await submitted("P1", "a");
    const list = json<ToolInstance[]>(await ctx.get("/api/municipalities/15106/tools", reviewer));
    for (const listed of list.filter((each) => ["P1", "E2", "M1"].includes(each.tool))) {
      const page = await detailOf(listed.id);
      const { municipality, maturity, modelTool, agreement, evidence, history, ...summary } = page;
      expect(summary).toEqual(listed);
      expect(municipality).toEqual({ cvegeo: "15106", name: "Toluca" });
    }
    const component = await detailOf(p1a.id);
    expect([component.tool, component.part, component.partName]).toEqual([
      "P1",
      "a",
      "Transparencia activa",
    ]);
    expect(component.state).toBe("submitted");
    // Its earlier round (decided above) and the one just sent, not yet decided.
    expect(component.history.map((round) => round.review === null)).toEqual([false, true]);
  });

  it("is not found for another municipality's liaison", async () => {
    const e2 = await toolInstanceOf(ctx.app, liaison.session, "E2");
    const response = await ctx.get(`/api/tool-instances/${e2.id}`, otherLiaison.session);
    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe("not_found");
  });
});
