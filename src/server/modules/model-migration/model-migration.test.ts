import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { GapMatrix } from "../../../contracts/gap-matrix.js";
import type { ModelContent, ModelVersionDetail } from "../../../contracts/model.js";
import type { MigrationPreview } from "../../../contracts/model-migration.js";
import type {
  Agreement,
  ToolInstance,
  ToolInstanceDetail,
} from "../../../contracts/participation.js";
import type { PublicMunicipality } from "../../../contracts/public.js";
import type { Tool } from "../../../domain/model.js";
import { agreements, toolInstances } from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { publishModelVersion } from "../../test/model-versions.js";
import { theRow } from "../../test/the-row.js";
import { syncInstances } from "../tool-instances/sync.js";

// 25 Nov 2026 at noon in Mexico City. The agreements were signed on 1 June 2025, so the move
// happens in their second yearly cycle.
const NOW = new Date("2026-11-25T18:00:00Z");
const ctx = setUpTestApp({ now: () => NOW });
const admin = ctx.session("admin");
const reviewer = ctx.session("reviewer");

const MOVED = ["15106", "15033"];
const BLOCKED = "15058";
let v2: ModelVersionDetail;

async function register(cvegeo: string): Promise<Agreement> {
  const response = await ctx.send("POST", "/api/agreements", admin, {
    municipality: cvegeo,
    signedOn: "2025-06-01",
    cohort: "Cohorte 2025",
  });
  expect(response.statusCode).toBe(201);
  return json<Agreement>(response);
}

async function setState(cvegeo: string, tool: string, state: "validated" | "submitted") {
  await ctx.handle.db
    .update(toolInstances)
    .set({ state, validatedAt: state === "validated" ? NOW : null, firstSubmittedAt: NOW })
    .where(
      and(
        eq(toolInstances.municipalityCvegeo, cvegeo),
        eq(toolInstances.toolCode, tool),
        eq(toolInstances.cycle, 1),
      ),
    );
}

const tools = async (cvegeo: string) =>
  json<ToolInstance[]>(await ctx.get(`/api/municipalities/${cvegeo}/tools`, admin));
const preview = (cvegeos: string[], id = v2.id) =>
  ctx.send("POST", `/api/model/versions/${id}/migration-preview`, admin, {
    municipalities: cvegeos,
  });
const apply = (cvegeos: string[], id = v2.id) =>
  ctx.send("POST", `/api/model/versions/${id}/migrations`, admin, { municipalities: cvegeos });
const versionOf = async (cvegeo: string) => {
  const [row] = await ctx.handle.db
    .select({ id: agreements.modelVersionId })
    .from(agreements)
    .where(eq(agreements.municipalityCvegeo, cvegeo));
  return row?.id;
};

/** Version 2 of a model's content: M3 removed, M5 (annual) added, E2 weighs double. */
function version2(content: ModelContent): ModelContent {
  const m = content.dimensions.find((d) => d.code === "M");
  const e = content.dimensions.find((d) => d.code === "E");
  const m3 = m?.tools.find((t) => t.code === "M3") as Tool;
  const e2 = e?.tools.find((t) => t.code === "E2") as Tool;
  if (!m || !e) {
    throw new Error("dimensions missing");
  }
  m.tools = [
    ...m.tools.filter((t) => t.code !== "M3"),
    {
      ...m3,
      code: "M5",
      name: "Informe anual de rendición de cuentas",
      period: { kind: "annual", label: "Anual" },
      template: null,
    },
  ];
  e2.weight = 2;
  return { ...content, label: "Modelo 2026" };
}

beforeAll(async () => {
  for (const cvegeo of [...MOVED, BLOCKED]) {
    await register(cvegeo);
  }
  await setState("15106", "M3", "validated");
  await setState(BLOCKED, "M3", "submitted");
  v2 = await publishModelVersion(ctx.app, admin, version2);
});

describe("previewing a move to another model version", () => {
  it("shows per municipality what is kept, added with its deadline and archived; nothing changes", async () => {
    const before = await versionOf("15106");
    const response = await preview(MOVED);
    expect(response.statusCode).toBe(200);
    const body = json<MigrationPreview>(response);
    expect(body.version).toMatchObject({ version: 2, label: "Modelo 2026" });
    expect(body.municipalities.map((m) => [m.cvegeo, m.fromVersion, m.toVersion])).toEqual([
      ["15106", 1, 2],
      ["15033", 1, 2],
    ]);
    const [naucalpan] = body.municipalities;
    expect(naucalpan?.problems).toEqual([]);
    expect(naucalpan?.added).toEqual([
      {
        tool: "M5",
        toolName: "Informe anual de rendición de cuentas",
        part: null,
        partName: null,
        cycle: 2,
        opensOn: "2026-11-25",
        deadline: "2027-11-25",
        validatedOnSigning: false,
      },
    ]);
    expect(naucalpan?.archived).toEqual([
      expect.objectContaining({ tool: "M3", cycle: 1, state: "validated" }),
      expect.objectContaining({ tool: "M3", cycle: 2, state: "pending" }),
    ]);
    expect(naucalpan?.kept.some((k) => k.tool === "E2")).toBe(true);
    expect(naucalpan?.kept.some((k) => k.tool === "M3")).toBe(false);
    expect(naucalpan?.weightChanges).toEqual([{ tool: "E2", from: 1, to: 2 }]);
    expect(await versionOf("15106")).toBe(before);
    expect((await tools("15106")).some((t) => t.tool === "M5")).toBe(false);
  });

  it("names the work in review that blocks a municipality", async () => {
    const body = json<MigrationPreview>(await preview([BLOCKED]));
    expect(body.municipalities[0]?.problems).toEqual([
      {
        code: "migration_work_in_review",
        message: expect.stringContaining("M3 está en revisión"),
      },
    ]);
  });

  it("refuses bad input: no municipality, a draft or unknown version, reviewers", async () => {
    expect(errorCode(await preview([]))).toBe("validation_error");
    expect((await preview(MOVED, "00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    const asReviewer = await ctx.send("POST", `/api/model/versions/${v2.id}/migrations`, reviewer, {
      municipalities: MOVED,
    });
    expect(asReviewer.statusCode).toBe(403);
  });
});

describe("applying a move", () => {
  it("refuses the whole selection when one municipality would lose work, changing nothing", async () => {
    const response = await apply(["15106", BLOCKED]);
    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("migration_work_in_review");
    expect(response.json().error.message).toContain("No se movió ningún municipio");
    expect(response.json().error.details).toEqual([
      { field: BLOCKED, message: expect.stringContaining("M3 está en revisión") },
    ]);
    expect(await versionOf("15106")).not.toBe(v2.id);
    const moves = await auditEventsOf(ctx.handle.db, "agreement.model_moved");
    expect(moves).toEqual([]);
  });

  it("moves two participants: new tool with its deadline, removed one archived, history kept", async () => {
    const m3Before = (await tools("15106")).find((t) => t.tool === "M3");
    const response = await apply(MOVED);
    expect(response.statusCode).toBe(200);
    for (const cvegeo of MOVED) {
      expect(await versionOf(cvegeo)).toBe(v2.id);
      const list = await tools(cvegeo);
      expect(list.find((t) => t.tool === "M5")).toMatchObject({
        cycle: 2,
        opensOn: "2026-11-25",
        deadline: "2027-11-25",
        state: "pending",
      });
      expect(list.some((t) => t.tool === "M3")).toBe(false);
    }
    // The archived instance keeps its state and stays reachable by id (history).
    const [archived] = await ctx.handle.db
      .select()
      .from(toolInstances)
      .where(eq(toolInstances.id, m3Before?.id ?? ""));
    expect(archived).toMatchObject({ state: "validated" });
    expect(archived?.archivedAt).toEqual(NOW);
    const detail = await ctx.get(`/api/tool-instances/${m3Before?.id}`, admin);
    expect(detail.statusCode).toBe(200);
    expect(json<ToolInstanceDetail>(detail)).toMatchObject({ archived: true, state: "validated" });
    // A kept tool's page follows the participant's new version.
    const e2 = (await tools("15106")).find((t) => t.tool === "E2");
    const e2Detail = json<ToolInstanceDetail>(
      await ctx.get(`/api/tool-instances/${e2?.id}`, admin),
    );
    expect(e2Detail.modelTool.modelVersion).toBe(2);
    const agreement = json<Agreement[]>(await ctx.get("/api/agreements", admin)).find(
      (a) => a.municipality.cvegeo === "15106",
    );
    expect(agreement?.modelVersion).toBe(2);
    const audit = await auditEventsOf(ctx.handle.db, "agreement.model_moved");
    expect(audit).toHaveLength(2);
    expect(audit.find((event) => event.municipalityCvegeo === "15106")).toMatchObject({
      before: { modelVersion: 1 },
      after: expect.objectContaining({
        modelVersion: 2,
        added: ["M5, ciclo 2"],
        archived: ["M3", "M3, ciclo 2"],
        movedOn: "2026-11-25",
      }),
    });
  });

  it("leaves archived tools out of the score and the public page", async () => {
    const page = json<PublicMunicipality>(
      await ctx.app.inject({ method: "GET", url: "/api/public/municipalities/15106" }),
    );
    const codes = page.tools.map((tool) => tool.code);
    expect(codes).toContain("M5");
    expect(codes).not.toContain("M3");
  });

  it("compares participants on different versions by tool code in the gap matrix", async () => {
    const matrix = json<GapMatrix>(await ctx.get("/api/gap-matrix?pageSize=500", admin));
    const column = (code: string) => matrix.columns.findIndex((c) => c.tool === code);
    const row = (cvegeo: string) =>
      matrix.rows.find((r) => r.municipality.cvegeo === cvegeo) ?? null;
    expect(column("M5")).toBeGreaterThanOrEqual(0);
    // E2, in both versions, has a cell for the moved participant and for the one left on v1.
    expect(row("15106")?.cells[column("E2")]).not.toBeNull();
    expect(row(BLOCKED)?.cells[column("E2")]).not.toBeNull();
    expect(row("15106")?.cells[column("M5")]).not.toBeNull();
    expect(row(BLOCKED)?.cells[column("M5")]).toBeNull();
  });

  it("refuses moving again to the version a municipality already follows", async () => {
    const response = await apply(["15106"]);
    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("migration_same_version");
  });

  it("does not create the cycles before the move when a later cycle opens", async () => {
    const agreement = await theRow(
      ctx.handle.db.select().from(agreements).where(eq(agreements.municipalityCvegeo, "15106")),
      "agreement missing",
    );
    await ctx.handle.db.transaction((tx) =>
      syncInstances(tx, agreement, new Date("2027-06-10T18:00:00Z"), SYSTEM_ACTOR),
    );
    const m5 = (await tools("15106")).filter((t) => t.tool === "M5").map((t) => t.cycle);
    expect(m5).toEqual([2, 3]);
  });
});
