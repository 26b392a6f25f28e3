import { beforeAll, describe, expect, it } from "vitest";
import { OpenDataCatalog, PublicMethodology } from "../../../contracts/public.js";
import { reweighted } from "../../../domain/test-fixtures.js";
import { json, setUpTestApp } from "../../test/app.js";
import { publishModelVersion } from "../../test/model-versions.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import { joinMunicipalities } from "../../test/progress.js";

/**
 * The public methodology follows the model in force: the 2022 model (every weight 1) first, then
 * a version 2 an admin publishes with other weights; the sheet, its weights and its worked
 * examples change with it, and the municipalities that signed under version 1 are told apart.
 */
const ctx = setUpTestApp({ now: () => NOW });
const admin = ctx.session("admin");
const NOW = new Date("2024-01-10T18:00:00Z");

const get = (headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: "GET", url: "/api/public/methodology", headers });

async function sheet(): Promise<PublicMethodology> {
  const response = await get();
  expect(response.statusCode).toBe(200);
  return PublicMethodology.parse(json(response));
}

beforeAll(async () => {
  await joinMunicipalities(ctx, [TOLUCA], { now: NOW });
});

/** Publishes a copy of the model in force where Estrategia weighs 3 and E2 weighs 2. */
async function publishReweighted(): Promise<void> {
  await publishModelVersion(ctx.app, admin, (content) => ({
    ...reweighted(content),
    label: "Modelo 2024",
  }));
}

describe("GET /api/public/methodology", () => {
  it("states the model in force, its weights as shares of the index, periods and scoring, to anyone", async () => {
    const body = await sheet();
    expect(body.model).toMatchObject({ version: 1, label: "Modelo 2022" });
    expect(body.asOf).toBe("2024-01-10");
    expect(body.timeZone).toBe("America/Mexico_City");
    expect(body.generatedAt).toBe(NOW.toISOString());
    expect(body.dataStamp).not.toBeNull();
    expect(body.model.dimensions.map((d) => [d.code, d.share])).toEqual([
      ["E", 0.2],
      ["R", 0.2],
      ["P", 0.2],
      ["C", 0.2],
      ["M", 0.2],
    ]);
    const tools = body.model.dimensions.flatMap((d) => d.tools);
    expect(tools).toHaveLength(18);
    expect(tools.find((t) => t.code === "E2")).toMatchObject({
      shareOfDimension: 0.25,
      periodRule: "3 meses desde la firma del convenio",
      scoring: "single",
    });
    expect(tools.find((t) => t.code === "R2")?.periodRule).toBe(
      "Anual: un ciclo por año, que vence en cada aniversario de la firma",
    );
    expect(tools.find((t) => t.code === "P1")?.scoring).toBe("criteria");
    expect(tools.find((t) => t.code === "P2")?.maturityLevels).toHaveLength(4);
    expect(tools.find((t) => t.code === "E3")?.parts.map((p) => p.name)).toEqual([
      "Código de Ética",
      "Canales de denuncia",
    ]);
    expect(body.scoringRules.map((r) => r.kind)).toEqual(["single", "parts", "criteria", "levels"]);
    // How extensions and exemptions count: an exempt tool leaves the index.
    expect(body.exceptionRules.map((r) => r.title)).toEqual(["Prórrogas", "Exenciones"]);
    expect(body.exceptionRules[1]?.rule).toContain("sale del índice");
    expect(body.versionsInUse).toEqual([{ version: 1, label: "Modelo 2022", municipalities: 1 }]);
    const validated = body.examples.find((e) => e.id === "validadas");
    expect(validated?.title).toBe("Un municipio con E1, E2 y R2 validadas");
    expect(validated?.scores.index).toBe(0.15);
    expect(validated?.facts.map((f) => [f.tool, f.toolName, f.state])).toEqual([
      ["E1", "Convenio de colaboración", "validated"],
      ["E2", "Política de Transparencia y Acceso a la Información Pública", "validated"],
      ["R2", "Plan anual de capacitación interna a funcionarios públicos", "validated"],
    ]);
    const parts = body.examples.find((e) => e.id === "componentes");
    expect(parts?.facts.find((f) => f.part === "b")?.partName).toBe("Canales de denuncia");
    expect(parts?.scores.tools.find((t) => t.code === "E3")).toMatchObject({
      dimension: "E",
      score: 0.5,
    });
  });

  it("is cached like every public body: an ETag, public caching, 304 when unchanged, gzip", async () => {
    const first = await get({ "accept-encoding": "gzip" });
    expect(first.statusCode).toBe(200);
    expect(first.headers["cache-control"]).toBe("public, max-age=60");
    expect(first.headers["content-encoding"]).toBe("gzip");
    const etag = String(first.headers.etag);
    const again = await get({ "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });

  it("changes with a new published version: other weights, other shares, other example figures", async () => {
    const before = await get();
    await publishReweighted();
    // A municipality signing now follows version 2; Toluca keeps version 1.
    await joinMunicipalities(ctx, [METEPEC], { signedOn: "2024-01-05", now: NOW });
    const after = await get({ "if-none-match": String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const body = PublicMethodology.parse(json(after));
    expect(body.model).toMatchObject({ version: 2, label: "Modelo 2024" });
    const e = body.model.dimensions.find((d) => d.code === "E");
    expect(e?.share).toBeCloseTo(3 / 7, 10);
    expect(e?.tools.find((t) => t.code === "E2")?.shareOfDimension).toBeCloseTo(0.4, 10);
    expect(e?.tools.find((t) => t.code === "E2")?.shareOfIndex).toBeCloseTo(6 / 35, 10);
    // E1, E2 and R2 validated: Estrategia (1 + 2) / 5 = 60 %, Recursos 25 %; (0.6·3 + 0.25) / 7.
    const validated = body.examples.find((x) => x.id === "validadas");
    expect(validated?.scores.dimensions.find((d) => d.code === "E")?.score).toBe(0.6);
    expect(validated?.scores.index).toBe(0.293);
    expect(body.versionsInUse).toEqual([
      { version: 2, label: "Modelo 2024", municipalities: 1 },
      { version: 1, label: "Modelo 2022", municipalities: 1 },
    ]);
  });
});

describe("the open-data dictionary", () => {
  it("points to the methodology for how the index and the on-time share are computed", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/public/open-data" });
    const catalog = OpenDataCatalog.parse(json(response));
    expect(catalog.methodology).toBe("/metodologia");
    const fields = catalog.datasets.find((d) => d.id === "municipalities")?.fields ?? [];
    for (const name of ["indice_implementacion", "porcentaje_a_tiempo"]) {
      expect(fields.find((f) => f.name === name)?.description).toContain("/metodologia");
    }
  });
});
