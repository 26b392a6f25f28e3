import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ModelVersionDetail, PublishedModel } from "../../../contracts/model.js";
import { auditEvents, modelTools, modelVersions } from "../../db/schema/index.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";
import { theRow } from "../../test/the-row.js";

const ctx = setUpTestApp();
const admin = ctx.session("admin");

const getModel = async () =>
  json<PublishedModel>(await ctx.app.inject({ method: "GET", url: "/api/model" }));
const newDraft = async () => {
  const response = await ctx.send("POST", "/api/model/versions", admin);
  expect(response.statusCode).toBe(201);
  return json<ModelVersionDetail>(response);
};
const save = (
  draft: ModelVersionDetail,
  content = draft.content,
  expectedRevision = draft.revision,
) => ctx.send("PUT", `/api/model/versions/${draft.id}`, admin, { content, expectedRevision });
const publish = (id: string) => ctx.send("POST", `/api/model/versions/${id}/publish`, admin);
const discard = (id: string) =>
  ctx.app.inject({ method: "DELETE", url: `/api/model/versions/${id}`, headers: admin.headers });

describe("GET /api/model", () => {
  it("serves the seeded 2022 model to anyone: 5 dimensions, 18 tools, codes, periods and parts", async () => {
    const model = await getModel();
    expect(model.version).toBe(1);
    expect(model.dimensions.map((d) => d.code)).toEqual(["E", "R", "P", "C", "M"]);
    const tools = model.dimensions.flatMap((d) => d.tools);
    expect(tools.map((t) => t.code)).toEqual([
      "E1",
      "E2",
      "E3",
      "E4",
      "R1",
      "R2",
      "R3",
      "R4",
      "P1",
      "P2",
      "C1",
      "C2",
      "C3",
      "C4",
      "M1",
      "M2",
      "M3",
      "M4",
    ]);
    const r1 = tools.find((t) => t.code === "R1");
    expect(r1?.period).toEqual({ kind: "months", months: 3, label: "3 meses" });
    expect(r1?.parts.map((p) => p.name)).toEqual([
      "Oficial o Encargado de Transparencia",
      "Transparencia activa",
      "Transparencia pasiva",
      "Gestión documental",
    ]);
  });
});

describe("the draft → publish cycle", () => {
  it("copies the model in force into a draft, saves edits, publishes version 2 and keeps version 1 intact", async () => {
    const draft = await newDraft();
    expect(draft).toMatchObject({
      status: "draft",
      version: null,
      basedOn: 1,
      revision: 0,
      issues: [],
    });
    expect(draft.counts).toEqual({ dimensions: 5, tools: 18, deliverables: 23 });

    const content = structuredClone(draft.content);
    content.label = "Modelo 2026";
    const e2 = content.dimensions[0]?.tools[1];
    if (!e2) {
      throw new Error("E2 missing");
    }
    e2.period = { kind: "months", months: 4, label: "4 meses" };
    e2.weight = 2;
    const saved = await save(draft, content);
    expect(saved.statusCode).toBe(200);
    expect(json<ModelVersionDetail>(saved)).toMatchObject({ label: "Modelo 2026", revision: 1 });

    // The model in force does not change until the draft is published.
    expect((await getModel()).label).toBe("Modelo 2022");

    const published = await publish(draft.id);
    expect(json<ModelVersionDetail>(published)).toMatchObject({ status: "published", version: 2 });
    const model = await getModel();
    expect(model).toMatchObject({ version: 2, label: "Modelo 2026" });
    expect(model.dimensions[0]?.tools[1]).toMatchObject({
      code: "E2",
      weight: 2,
      period: { months: 4 },
    });

    const versions = json<{ version: number | null; status: string }[]>(
      await ctx.get("/api/model/versions", admin),
    );
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, "published"],
      [1, "published"],
    ]);
    const [event] = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, draft.id))
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    expect(event).toMatchObject({
      action: "model.published",
      before: { version: 1 },
      after: { version: 2, label: "Modelo 2026" },
    });
  });

  it("allows a single open draft", async () => {
    const draft = await newDraft();
    const second = await ctx.send("POST", "/api/model/versions", admin);
    expect(second.statusCode).toBe(409);
    expect(errorCode(second)).toBe("conflict");
    expect((await discard(draft.id)).statusCode).toBe(204);
  });

  it("refuses a save based on a stale revision (someone else saved in between)", async () => {
    const draft = await newDraft();
    expect((await save(draft)).statusCode).toBe(200);
    const stale = await save(draft);
    expect(stale.statusCode).toBe(409);
    expect(errorCode(stale)).toBe("conflict");
    await discard(draft.id);
  });

  it("refuses to publish a draft that breaks the rules, listing every problem", async () => {
    const draft = await newDraft();
    const content = structuredClone(draft.content);
    const tools = content.dimensions[1]?.tools;
    if (!tools?.[0]) {
      throw new Error("no tools");
    }
    tools[0].code = "E1";
    content.dimensions.push({ code: "X", name: "Vacía", description: "", weight: 1, tools: [] });
    // A repeated code cannot even be saved: codes identify tools everywhere.
    const duplicate = await save(draft, content);
    expect(errorOf(duplicate, 400)).toMatchObject({
      code: "model_invalid",
      details: [{ field: "dimensions.1.tools.0.code" }],
    });

    // An incomplete draft can be saved, shows its issues, and cannot be published.
    tools[0].code = "R1";
    tools[0].name = "";
    const saved = json<ModelVersionDetail>(await save(draft, content));
    expect(saved.issues.map((i) => i.path)).toEqual([
      "dimensions.1.tools.0.name",
      "dimensions.5.tools",
    ]);
    const refused = await publish(draft.id);
    expect(errorOf(refused, 400)).toMatchObject({
      code: "model_invalid",
      details: [{ field: "dimensions.1.tools.0.name" }, { field: "dimensions.5.tools" }],
    });
    await discard(draft.id);
  });

  it("refuses malformed content at the schema, naming the field", async () => {
    const draft = await newDraft();
    const content = structuredClone(draft.content) as unknown as {
      dimensions: { tools: { period: unknown }[] }[];
    };
    const first = content.dimensions[0]?.tools[0];
    if (first) {
      first.period = { kind: "weeks", label: "x" };
    }
    const response = await save(draft, content as unknown as ModelVersionDetail["content"]);
    expect(errorOf(response, 400)).toMatchObject({
      code: "validation_error",
      details: [{ field: expect.stringContaining("content.dimensions.0.tools.0.period") }],
    });
    await discard(draft.id);
  });
});

describe("published versions are immutable", () => {
  it("refuses saving, publishing again or discarding a published version with model_not_draft", async () => {
    const versions = json<{ id: string; version: number }[]>(
      await ctx.get("/api/model/versions", admin),
    );
    const v1 = versions.find((v) => v.version === 1);
    if (!v1) {
      throw new Error("v1 missing");
    }
    const detail = json<ModelVersionDetail>(await ctx.get(`/api/model/versions/${v1.id}`, admin));
    for (const response of [await save(detail), await publish(v1.id), await discard(v1.id)]) {
      expect(response.statusCode).toBe(409);
      expect(errorCode(response)).toBe("model_not_draft");
    }
  });

  it("is enforced by the database too, not only by the service", async () => {
    const v1 = await theRow(
      ctx.handle.db.select().from(modelVersions).where(eq(modelVersions.version, 1)),
      "v1 missing",
    );
    await expect(
      ctx.handle.db.update(modelVersions).set({ label: "x" }).where(eq(modelVersions.id, v1.id)),
    ).rejects.toThrow();
    await expect(
      ctx.handle.db
        .update(modelTools)
        .set({ name: "x" })
        .where(eq(modelTools.modelVersionId, v1.id)),
    ).rejects.toThrow();
    await expect(
      ctx.handle.db.delete(modelTools).where(eq(modelTools.modelVersionId, v1.id)),
    ).rejects.toThrow();
    const tools = await ctx.handle.db
      .select()
      .from(modelTools)
      .where(eq(modelTools.modelVersionId, v1.id));
    expect(tools).toHaveLength(18);
  });
});
