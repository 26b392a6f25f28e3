import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { and, eq, isNull } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance, ToolInstanceDetail } from "../../../contracts/participation.js";
import {
  OpenDataCatalog,
  OpenDataRows,
  PublicMap,
  PublicMunicipality,
  PublicRankingPage,
  PublicSearchResult,
  PublicSummary,
} from "../../../contracts/public.js";
import { toolInstances } from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";
import { parseCsvTable } from "../../test/csv.js";
import { buildUser, type Session, signIn } from "../../test/factories.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import { freshOpenData } from "../../test/open-data.js";
import { samplePdf } from "../../test/samples.js";
import { registerAgreement } from "../agreements/service.js";
import { designateLiaison } from "../liaisons/service.js";
import type { PreparedBody } from "./http-cache.js";
import {
  getOpenDataCatalog,
  getPublicMunicipality,
  getPublicRanking,
  getPublicSummary,
} from "./service.js";

/**
 * The public portal over Toluca, a municipality full of what must never be public: drafts,
 * observations, private files, tools returned or in review, a named liaison and reviewer. Metepec
 * has no agreement.
 */
const ctx = setUpTestApp();
let liaison: Session;
let reviewer: Session;
/** Atizapán de Zaragoza, Ecatepec de Morelos, Naucalpan de Juárez. */
const OTHERS = ["15013", "15033", "15057"];
const secrets = {
  liaisonName: "Ana Enlace Reservada",
  liaisonEmail: "ana.reservada@toluca.test",
  collaboratorName: "Carlos Colaborador Oculto",
  collaboratorEmail: "carlos.oculto@toluca.test",
  reviewerName: "Rita Revisora Interna",
  reviewerEmail: "rita.interna@instituto.test",
  observation: "OBSERVACION-CONFIDENCIAL-falta la firma del cabildo",
  secondObservation: "RECOMENDACION-INTERNA-incluya el organigrama",
  answer: "RESPUESTA-DEL-MUNICIPIO-se adjunta acta",
  privateFile: "borrador-privado-confidencial.pdf",
  draftFile: "diagnostico-borrador-publico.pdf",
  returnedFile: "plan-devuelto-publico.pdf",
  inReviewFile: "cartas-en-revision-publico.pdf",
};
const PUBLISHED_FILE = "Política de transparencia, Toluca.pdf";
let publishedBytes: Buffer;
const instances = new Map<string, ToolInstance>();

const get = (url: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: "GET", url, headers });

const openData = (url: string) => freshOpenData(ctx, url);

async function upload(tool: string, fileName: string, isPublic: boolean, bytes?: Buffer) {
  const response = await ctx.upload(
    `/api/tool-instances/${instances.get(tool)?.id}/evidence?public=${isPublic}`,
    liaison,
    fileName,
    bytes ?? (await samplePdf(fileName)),
  );
  expect(response.statusCode).toBe(201);
  return json<ToolInstanceDetail>(response);
}

async function submit(tool: string) {
  const response = await ctx.send(
    "POST",
    `/api/tool-instances/${instances.get(tool)?.id}/submit`,
    liaison,
  );
  expect(response.statusCode).toBe(200);
  return json<ToolInstanceDetail>(response);
}

async function review(
  tool: string,
  decision: "validate" | "request_changes",
  texts: string[] = [],
) {
  const id = instances.get(tool)?.id;
  const current = json<ToolInstanceDetail>(
    await get(`/api/tool-instances/${id}`, { cookie: reviewer.cookie }),
  );
  const response = await ctx.send("POST", `/api/tool-instances/${id}/review`, reviewer, {
    decision,
    expectedVersion: current.version,
    observations: texts.map((text) => ({ type: "requerimiento", text })),
  });
  expect(response.statusCode).toBe(200);
  return json<ToolInstanceDetail>(response);
}

beforeAll(async () => {
  const db = ctx.handle.db;
  await registerAgreement(
    db,
    { municipality: TOLUCA, signedOn: "2022-11-16", cohort: "Cohorte 2022" },
    SYSTEM_ACTOR,
    new Date(),
  );
  // Three more participants with nothing but their agreement: tied behind Toluca.
  for (const municipality of OTHERS) {
    await registerAgreement(
      db,
      { municipality, signedOn: "2023-03-01", cohort: "Cohorte 2023" },
      SYSTEM_ACTOR,
      new Date(),
    );
  }
  const liaisonUser = await buildUser(db, "liaison", {
    municipality: TOLUCA,
    designated: false,
    name: secrets.liaisonName,
    email: secrets.liaisonEmail,
  });
  await designateLiaison(
    db,
    { municipality: TOLUCA, userId: liaisonUser.id, designatedOn: "2022-11-20" },
    SYSTEM_ACTOR,
    new Date(),
  );
  await buildUser(db, "collaborator", {
    municipality: TOLUCA,
    name: secrets.collaboratorName,
    email: secrets.collaboratorEmail,
  });
  liaison = await signIn(ctx.app, liaisonUser);
  reviewer = await signIn(
    ctx.app,
    await buildUser(db, "reviewer", { name: secrets.reviewerName, email: secrets.reviewerEmail }),
  );
  for (const tool of json<ToolInstance[]>(
    await get(`/api/municipalities/${TOLUCA}/tools`, { cookie: liaison.cookie }),
  )) {
    if (tool.part === null && tool.cycle === 1) {
      instances.set(tool.tool, tool);
    }
  }

  // E2 validated: one public and one private file in the validated submission.
  publishedBytes = await samplePdf("Política de Transparencia de Toluca");
  await upload("E2", PUBLISHED_FILE, true, publishedBytes);
  await upload("E2", secrets.privateFile, false);
  await submit("E2");
  await review("E2", "validate");
  // R4: a public draft, never submitted.
  await upload("R4", secrets.draftFile, true);
  // C1: public file returned with observations, answered.
  await upload("C1", secrets.returnedFile, true);
  await submit("C1");
  const returned = await review("C1", "request_changes", [
    secrets.observation,
    secrets.secondObservation,
  ]);
  const observationId = returned.history[0]?.review?.observations[0]?.id;
  const answered = await ctx.send("POST", `/api/observations/${observationId}/answer`, liaison, {
    answer: secrets.answer,
  });
  expect(answered.statusCode).toBe(200);
  // C2: public file in review.
  await upload("C2", secrets.inReviewFile, true);
  await submit("C2");
});

/** Every public response a visitor can get about the region and Toluca. */
async function everyPublicBody(): Promise<{ url: string; body: string }[]> {
  const urls = [
    "/api/public/summary",
    `/api/public/municipalities/${TOLUCA}`,
    "/api/public/open-data",
    "/api/public/open-data/municipalities.csv",
    "/api/public/open-data/municipalities.json",
    "/api/public/open-data/tools.csv",
    "/api/public/open-data/tools.json",
    "/api/public/open-data/documents.csv",
    "/api/public/open-data/documents.json",
  ];
  return Promise.all(
    urls.map(async (url) => {
      const response = await get(url);
      // An error body would hold no secret either: only a page actually served proves anything.
      expect(response.statusCode, url).toBe(200);
      return { url, body: response.body };
    }),
  );
}

describe("the public API never exposes private data", () => {
  it("leaves out observations, answers, private and unpublished files, names and e-mails", async () => {
    const bodies = await everyPublicBody();
    for (const { url, body } of bodies) {
      for (const [what, secret] of Object.entries(secrets)) {
        expect(body.includes(secret), `${url} exposes ${what}`).toBe(false);
      }
      expect(body, url).not.toMatch(/@[a-z0-9.-]+\.test/);
      expect(body, url).not.toMatch(/changes_requested|submitted|con observaciones|en revisión/i);
    }
  });

  it("answers 404 for every document that is not published, and for unknown ones", async () => {
    const detail = (tool: string) =>
      get(`/api/tool-instances/${instances.get(tool)?.id}`, { cookie: reviewer.cookie }).then((r) =>
        json<ToolInstanceDetail>(r),
      );
    const hidden = [
      ...(await detail("E2")).evidence.filter((file) => !file.isPublic),
      ...(await detail("R4")).evidence,
      ...(await detail("C1")).evidence,
      ...(await detail("C2")).evidence,
    ];
    expect(hidden.map((file) => file.fileName).sort()).toEqual(
      [secrets.privateFile, secrets.draftFile, secrets.returnedFile, secrets.inReviewFile].sort(),
    );
    for (const file of hidden) {
      const response = await get(`/api/public/documents/${file.id}`);
      expect(response.statusCode, file.fileName).toBe(404);
      expect(errorCode(response)).toBe("not_found");
    }
    const unknown = await get("/api/public/documents/00000000-0000-4000-8000-000000000000");
    expect(unknown.statusCode).toBe(404);
    expect(errorCode(unknown)).toBe("not_found");
    const malformed = await get("/api/public/documents/no-es-un-id");
    expect(errorOf(malformed, 400)).toMatchObject({ code: "validation_error" });
  });
});

describe("GET /api/public/municipalities/:cvegeo", () => {
  it("shows a participant's index, dimensions, public tool states and published documents", async () => {
    const response = await get(`/api/public/municipalities/${TOLUCA}`);
    expect(response.statusCode).toBe(200);
    const page = PublicMunicipality.parse(json(response));
    expect(page.participating).toBe(true);
    expect(page.municipality).toMatchObject({ cvegeo: TOLUCA, name: "Toluca" });
    expect(page.agreement).toEqual({ signedOn: "2022-11-16", cohort: "Cohorte 2022" });
    expect(page.scores?.dimensions.map((d) => d.code)).toEqual(["E", "R", "P", "C", "M"]);
    expect(page.scores?.index).toBeGreaterThan(0);
    expect(page.scores).toMatchObject({ rank: 1, participants: 4 });
    expect(page.tools).toHaveLength(18);
    const state = (code: string) => page.tools.find((tool) => tool.code === code)?.state;
    expect(state("E1")).toBe("validated");
    expect(state("E2")).toBe("validated");
    // Drafts, returned and in-review tools are all just "in progress" (or overdue) in public.
    for (const code of ["R4", "C1", "C2"]) {
      expect(["in_progress", "overdue"]).toContain(state(code));
    }
    expect(page.tools.find((tool) => tool.code === "E2")?.validatedOn).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(page.documents.map((d) => d.fileName)).toEqual([PUBLISHED_FILE]);
    expect(page.documents[0]).toMatchObject({ tool: "E2", cycle: 1, mime: "application/pdf" });
  });

  it("serves a published document as a cacheable attachment with nosniff, byte for byte", async () => {
    const page = PublicMunicipality.parse(json(await get(`/api/public/municipalities/${TOLUCA}`)));
    const url = page.documents[0]?.url ?? "";
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(publishedBytes)).toBe(true);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toContain("attachment;");
    expect(response.headers["content-disposition"]).toContain(
      "filename*=UTF-8''Pol%C3%ADtica%20de%20transparencia%2C%20Toluca.pdf",
    );
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["cache-control"]).toBe("public, max-age=60");
    const again = await get(url, { "if-none-match": String(response.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });

  it("answers a municipality without agreement with a clear «sin convenio» shape", async () => {
    const response = await get(`/api/public/municipalities/${METEPEC}`);
    expect(response.statusCode).toBe(200);
    expect(PublicMunicipality.parse(json(response))).toMatchObject({
      municipality: { cvegeo: METEPEC, name: "Metepec" },
      participating: false,
      agreement: null,
      left: null,
      scores: null,
      tools: [],
      documents: [],
    });
  });

  it("answers 404 for a key outside the catalogue and 400 for a malformed one", async () => {
    const missing = await get("/api/public/municipalities/15999");
    expect(errorOf(missing, 404)).toMatchObject({
      code: "not_found",
      message: "No existe un municipio con la clave 15999.",
    });
    const malformed = await get("/api/public/municipalities/toluca");
    expect(errorOf(malformed, 400)).toMatchObject({ code: "validation_error" });
  });
});

describe("GET /api/public/summary", () => {
  it("gives the totals, the first places and every mapped municipality's colour", async () => {
    const response = await get("/api/public/summary");
    expect(response.statusCode).toBe(200);
    const summary = PublicSummary.parse(json(response));
    expect(summary.totals).toMatchObject({ municipalities: 125, participating: 4 });
    expect(summary.model.dimensions).toHaveLength(5);
    const [first, ...tied] = summary.top;
    expect(first).toMatchObject({ rank: 1, cvegeo: TOLUCA, name: "Toluca" });
    // Equal indexes share the place, in name order.
    expect(tied.map((entry) => [entry.rank, entry.name])).toEqual([
      [2, "Atizapán de Zaragoza"],
      [2, "Ecatepec de Morelos"],
      [2, "Naucalpan de Juárez"],
    ]);
    expect(first?.index).toBeGreaterThan(tied[0]?.index ?? 1);
    expect(summary.totals.medianIndex).toBe(tied[0]?.index);
    expect(summary.map).toHaveLength(125);
    expect(summary.map.find((m) => m.cvegeo === TOLUCA)?.index).toBe(first?.index);
    expect(summary.map.find((m) => m.cvegeo === METEPEC)).toEqual({ cvegeo: METEPEC, index: null });
  });

  it("is cacheable: public max-age, an ETag that answers 304, and gzip on request", async () => {
    const first = await get("/api/public/summary");
    expect(first.headers["cache-control"]).toBe("public, max-age=60");
    expect(first.headers.vary).toContain("accept-encoding");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const notModified = await get("/api/public/summary", { "if-none-match": etag });
    expect(notModified.statusCode).toBe(304);
    const zipped = await get("/api/public/summary", { "accept-encoding": "gzip, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(first.body);
  });

  it("changes at once when a tool is validated (a new ETag, a higher index)", async () => {
    const before = await get("/api/public/summary");
    const index = (r: LightMyRequestResponse) =>
      PublicSummary.parse(json(r)).map.find((m) => m.cvegeo === TOLUCA)?.index ?? 0;
    await upload("C3", "guia-transparencia-proactiva.pdf", true);
    await submit("C3");
    await review("C3", "validate");
    const after = await get("/api/public/summary", {
      "if-none-match": String(before.headers.etag),
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(index(after)).toBeGreaterThan(index(before));
    const page = PublicMunicipality.parse(json(await get(`/api/public/municipalities/${TOLUCA}`)));
    expect(page.documents.map((d) => d.fileName)).toEqual([
      PUBLISHED_FILE,
      "guia-transparencia-proactiva.pdf",
    ]);
  });
});

describe("GET /api/public/ranking", () => {
  it("pages through every participant by place, ties sharing it", async () => {
    const first = await get("/api/public/ranking?page=1&pageSize=2");
    expect(first.statusCode).toBe(200);
    expect(first.headers["cache-control"]).toBe("public, max-age=60");
    const page1 = PublicRankingPage.parse(json(first));
    expect(page1).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(page1.items.map((i) => [i.rank, i.cvegeo, i.cohort])).toEqual([
      [1, TOLUCA, "Cohorte 2022"],
      [2, "15013", "Cohorte 2023"],
    ]);
    const page2 = PublicRankingPage.parse(json(await get("/api/public/ranking?page=2&pageSize=2")));
    expect(page2.items.map((i) => [i.rank, i.cvegeo])).toEqual([
      [2, "15033"],
      [2, "15057"],
    ]);
    const beyond = PublicRankingPage.parse(json(await get("/api/public/ranking?page=9")));
    expect(beyond).toMatchObject({ total: 4, items: [] });
    expect(
      (
        await get("/api/public/ranking?page=1&pageSize=2", {
          "if-none-match": String(first.headers.etag),
        })
      ).statusCode,
    ).toBe(304);
  });

  it("refuses a page size out of range with the field named", async () => {
    const response = await get("/api/public/ranking?pageSize=0");
    expect(errorOf(response, 400)).toMatchObject({
      code: "validation_error",
      details: [{ field: "pageSize" }],
    });
  });
});

describe("GET /api/public/municipalities?q=", () => {
  const search = async (q: string) =>
    PublicSearchResult.parse(
      json(await get(`/api/public/municipalities?q=${encodeURIComponent(q)}`)),
    );

  it("finds by name, accents and case ignored, with the index and place of participants", async () => {
    expect(await search("TOLU")).toEqual({
      total: 1,
      items: [
        {
          cvegeo: TOLUCA,
          name: "Toluca",
          participating: true,
          index: expect.any(Number),
          rank: 1,
        },
      ],
    });
    expect((await search("metepec")).items).toEqual([
      { cvegeo: METEPEC, name: "Metepec", participating: false, index: null, rank: null },
    ]);
    expect((await search("ruiz")).items.map((m) => m.name)).toEqual(["Acambay de Ruíz Castañeda"]);
  });

  it("finds by INEGI key, whole or the municipality's three digits", async () => {
    expect((await search("15106")).items.map((m) => m.cvegeo)).toEqual([TOLUCA]);
    expect((await search("106")).items.map((m) => m.cvegeo)).toEqual([TOLUCA]);
  });

  it("returns the first 20 matches, names that start with the query first, and the total", async () => {
    const result = await search("co");
    expect(result.total).toBe(30);
    expect(result.items).toHaveLength(20);
    const starts = result.items.map((m) => m.name.toLowerCase().startsWith("co"));
    // Coacalco, Cocotitlán, Coyotepec, Coatepec Harinas (4 start with «co»), then the rest.
    expect(starts).toEqual([true, true, true, true, ...Array(16).fill(false)]);
    expect(await search("zzzz")).toEqual({ total: 0, items: [] });
  });

  it("needs a query", async () => {
    const response = await get("/api/public/municipalities?q=");
    expect(errorOf(response, 400)).toMatchObject({ code: "validation_error" });
  });
});

describe("GET /api/public/map", () => {
  it("gives the 125 outlines as SVG paths in a fixed space, cacheable for a day", async () => {
    const response = await get("/api/public/map");
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=86400");
    const map = PublicMap.parse(json(response));
    expect(map.width).toBe(800);
    expect(map.features).toHaveLength(125);
    const toluca = map.features.find((f) => f.cvegeo === TOLUCA);
    expect(toluca?.name).toBe("Toluca");
    expect(toluca?.d).toMatch(/^M\d+ \d+l-?\d+ -?\d+( -?\d+ -?\d+)*z/);
    for (const feature of map.features) {
      // Every outline starts with a move inside the space, so the loop below checks each one.
      expect(feature.d, feature.cvegeo).toMatch(/^M\d+ \d+/);
      for (const [, x, y] of feature.d.matchAll(/M(\d+) (\d+)/g)) {
        expect(Number(x)).toBeLessThanOrEqual(map.width);
        expect(Number(y)).toBeLessThanOrEqual(map.height);
      }
    }
  });
});

describe("open data", () => {
  it("publishes a catalogue with stable URLs, row counts, a dictionary and a licence", async () => {
    const response = await get("/api/public/open-data");
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=60");
    const catalog = OpenDataCatalog.parse(json(response));
    expect(catalog.datasets.map((d) => [d.id, d.csv, d.json])).toEqual([
      [
        "municipalities",
        "/api/public/open-data/municipalities.csv",
        "/api/public/open-data/municipalities.json",
      ],
      ["tools", "/api/public/open-data/tools.csv", "/api/public/open-data/tools.json"],
      ["documents", "/api/public/open-data/documents.csv", "/api/public/open-data/documents.json"],
      ["surveys", "/api/public/open-data/surveys.csv", "/api/public/open-data/surveys.json"],
      [
        "survey-questions",
        "/api/public/open-data/survey-questions.csv",
        "/api/public/open-data/survey-questions.json",
      ],
      [
        "indicators",
        "/api/public/open-data/indicators.csv",
        "/api/public/open-data/indicators.json",
      ],
    ]);
    expect(catalog.licence.url).toContain("creativecommons.org/licenses/by/4.0");
    for (const dataset of catalog.datasets) {
      for (const field of dataset.fields) {
        expect(field.description.length, field.name).toBeGreaterThan(10);
      }
      const csv = await openData(dataset.csv);
      const rows = parseCsvTable(csv.body);
      expect(rows, dataset.id).toHaveLength(dataset.rows);
      // UTF-8 with a BOM, as the staff CSV, so Excel keeps the accents.
      expect([...csv.rawPayload.subarray(0, 3)], dataset.id).toEqual([0xef, 0xbb, 0xbf]);
      // The dictionary names exactly the CSV's columns, in order.
      expect(csv.body.slice(1).split("\r\n")[0]).toBe(dataset.fields.map((f) => f.name).join(","));
    }
  });

  it("gives one row per municipality in CSV (UTF-8, RFC 4180) and the same rows in JSON", async () => {
    const csv = await openData("/api/public/open-data/municipalities.csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8; header=present");
    expect(csv.headers["content-disposition"]).toContain('filename="mrtm-municipios.csv"');
    expect(csv.headers.etag).toMatch(/^"[\w-]+"$/);
    const rows = parseCsvTable(csv.body);
    expect(rows).toHaveLength(125);
    // A name with a comma-free accent survives UTF-8; quoting is exercised in csv.test.ts.
    expect(rows.find((r) => r.cvegeo === "15001")?.municipio).toBe("Acambay de Ruíz Castañeda");
    const toluca = rows.find((r) => r.cvegeo === TOLUCA);
    const page = PublicMunicipality.parse(json(await get(`/api/public/municipalities/${TOLUCA}`)));
    expect(toluca).toMatchObject({
      municipio: "Toluca",
      participa: "true",
      cohorte: "Cohorte 2022",
      fecha_convenio: "2022-11-16",
      lugar: "1",
      herramientas: "18",
    });
    expect(Number(toluca?.indice_implementacion)).toBeCloseTo((page.scores?.index ?? 0) * 100, 5);
    expect(Number(toluca?.dimension_e)).toBeCloseTo(
      (page.scores?.dimensions.find((d) => d.code === "E")?.score ?? 0) * 100,
      5,
    );
    const counted = ["validadas", "en_proceso", "pendientes", "vencidas"].reduce(
      (sum, key) => sum + Number(toluca?.[`herramientas_${key}`]),
      0,
    );
    expect(counted).toBe(18);
    expect(rows.find((r) => r.cvegeo === METEPEC)).toMatchObject({
      participa: "false",
      cohorte: "",
      indice_implementacion: "",
      lugar: "",
    });
    const fromJson = OpenDataRows.parse(
      json(await openData("/api/public/open-data/municipalities.json")),
    );
    expect(fromJson).toHaveLength(125);
    const jsonToluca = fromJson.find((r) => r.cvegeo === TOLUCA);
    expect(jsonToluca).toMatchObject({ participa: true, lugar: 1, herramientas: 18 });
    expect(jsonToluca?.indice_implementacion).toBe(Number(toluca?.indice_implementacion));
    expect(fromJson.find((r) => r.cvegeo === METEPEC)?.indice_implementacion).toBeNull();
  });

  it("gives one row per municipality × tool × part × cycle with public states only", async () => {
    const rows = parseCsvTable((await openData("/api/public/open-data/tools.csv")).body);
    const tools = json<ToolInstance[]>(
      await get(`/api/municipalities/${TOLUCA}/tools`, { cookie: liaison.cookie }),
    );
    expect(rows.filter((r) => r.cvegeo === TOLUCA)).toHaveLength(tools.length);
    expect(new Set(rows.map((r) => r.cvegeo))).toEqual(new Set([TOLUCA, ...OTHERS]));
    for (const row of rows) {
      expect(["validada", "en_proceso", "pendiente", "vencida"]).toContain(row.estado);
    }
    const toluca = rows.filter((r) => r.cvegeo === TOLUCA);
    const e2 = toluca.find((r) => r.herramienta === "E2");
    expect(e2).toMatchObject({ cvegeo: TOLUCA, dimension: "E", ciclo: "1", estado: "validada" });
    expect(e2?.fecha_validacion).toMatch(/^\d{4}-\d\d-\d\d$/);
    const r1Parts = toluca.filter((r) => r.herramienta === "R1").map((r) => r.componente);
    expect(r1Parts).toEqual(["a", "b", "c", "d"]);
    const c1 = toluca.find((r) => r.herramienta === "C1");
    expect(["en_proceso", "vencida"]).toContain(c1?.estado);
    expect(c1?.fecha_validacion).toBe("");
    const fromJson = OpenDataRows.parse(json(await openData("/api/public/open-data/tools.json")));
    expect(fromJson).toHaveLength(rows.length);
    expect(fromJson.find((r) => r.cvegeo === TOLUCA && r.herramienta === "C1")?.vencida).toBe(
      c1?.vencida === "true",
    );
  });
});

describe("open data after a change", () => {
  it("serves a dataset's previous bytes while it rebuilds them, then the new ones: never a mix or an error", async () => {
    const url = "/api/public/open-data/tools.csv";
    const before = await openData(url);
    const target = parseCsvTable(before.body).find(
      (row) => row.cvegeo === OTHERS[2] && row.estado !== "validada",
    );
    expect(target).toBeDefined();
    const row = target as Record<string, string>;
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "validated", validatedAt: new Date() })
      .where(
        and(
          eq(toolInstances.municipalityCvegeo, row.cvegeo as string),
          eq(toolInstances.toolCode, row.herramienta as string),
          row.componente
            ? eq(toolInstances.partCode, row.componente)
            : isNull(toolInstances.partCode),
          eq(toolInstances.cycle, Number(row.ciclo)),
        ),
      );
    const sameRow = (r: Record<string, string>) =>
      r.cvegeo === row.cvegeo &&
      r.herramienta === row.herramienta &&
      r.componente === row.componente &&
      r.ciclo === row.ciclo;
    // The first request after the change gets the bytes built before it, with their ETag, and
    // starts the rebuild.
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.body).toBe(before.body);
    expect(first.headers.etag).toBe(before.headers.etag);
    let latest = first;
    for (let polls = 0; latest.body === before.body; polls++) {
      expect(polls, "the rebuilt dataset never came").toBeLessThan(2000);
      await new Promise((resolve) => setTimeout(resolve, 5));
      latest = await get(url, { "accept-encoding": "gzip" });
      expect(latest.statusCode).toBe(200);
      // Whole bytes and their own ETag, gzipped or not: the old ones, or the new ones.
      const bytes = gunzipSync(latest.rawPayload);
      expect(latest.headers.etag).toBe(
        `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`,
      );
      latest = { ...latest, body: bytes.toString("utf8") } as typeof latest;
      if (latest.body === before.body) {
        expect(latest.headers.etag).toBe(before.headers.etag);
      }
    }
    expect(latest.headers.etag).not.toBe(before.headers.etag);
    expect(parseCsvTable(latest.body).find(sameRow)?.estado).toBe("validada");
    expect(parseCsvTable(latest.body)).toHaveLength(parseCsvTable(before.body).length);
    // From then on the new bytes, and a 304 for their ETag.
    const again = await get(url);
    expect(again.body).toBe(latest.body);
    expect((await get(url, { "if-none-match": String(latest.headers.etag) })).statusCode).toBe(304);
  });
});

describe("yearly cycles in public", () => {
  it("shows a missed cycle beside the validated later cycle that counts, on the page and in open data", async () => {
    // Toluca signed on 16/11/2022: by today several yearly cycles of R2 have opened, and every
    // one already due was missed. Validating the latest due one makes it count (late).
    const r2 = json<ToolInstance[]>(
      await get(`/api/municipalities/${TOLUCA}/tools`, { cookie: liaison.cookie }),
    ).filter((tool) => tool.tool === "R2");
    const due = r2.filter((tool) => tool.overdue).map((tool) => tool.cycle);
    const lastDue = Math.max(...due);
    const newest = Math.max(...r2.map((tool) => tool.cycle));
    expect(lastDue).toBeGreaterThan(1);
    const before = PublicMunicipality.parse(
      json(await get(`/api/public/municipalities/${TOLUCA}`)),
    );
    expect(before.tools.find((tool) => tool.code === "R2")).toMatchObject({
      state: "overdue",
      cycle: lastDue,
      missedCycles: due,
    });

    instances.set("R2:due", r2.find((tool) => tool.cycle === lastDue) as ToolInstance);
    await upload("R2:due", "plan-capacitacion.pdf", true);
    await submit("R2:due");
    await review("R2:due", "validate");

    const page = PublicMunicipality.parse(json(await get(`/api/public/municipalities/${TOLUCA}`)));
    const missed = due.filter((cycle) => cycle !== lastDue);
    expect(page.tools.find((tool) => tool.code === "R2")).toMatchObject({
      state: "validated",
      cycle: lastDue,
      missedCycles: missed,
      workingCycle: newest > lastDue ? newest : null,
    });
    expect(page.scores?.index).toBeGreaterThan(before.scores?.index ?? 1);

    const rows = parseCsvTable((await openData("/api/public/open-data/tools.csv")).body).filter(
      (row) => row.cvegeo === TOLUCA && row.herramienta === "R2",
    );
    expect(rows.map((row) => Number(row.ciclo))).toEqual(r2.map((tool) => tool.cycle).sort());
    const cycle = (n: number) => rows.find((row) => Number(row.ciclo) === n);
    expect(cycle(1)).toMatchObject({
      estado: "vencida",
      vencida: "true",
      resultado: "vencida",
      ciclo_que_cuenta: "false",
    });
    expect(cycle(lastDue)).toMatchObject({
      estado: "validada",
      resultado: "con_retraso",
      ciclo_que_cuenta: "true",
      ciclo_en_curso: "false",
    });
    if (newest > lastDue) {
      expect(cycle(newest)).toMatchObject({ ciclo_en_curso: "true", resultado: "en_plazo" });
    }
    const municipality = parseCsvTable(
      (await openData("/api/public/open-data/municipalities.csv")).body,
    ).find((row) => row.cvegeo === TOLUCA);
    // R2 is validated, yet still has missed cycles.
    expect(Number(municipality?.herramientas_con_ciclo_vencido)).toBeGreaterThan(
      Number(municipality?.herramientas_vencidas),
    );
    const catalog = OpenDataCatalog.parse(json(await get("/api/public/open-data")));
    const fields = catalog.datasets.find((d) => d.id === "tools")?.fields.map((f) => f.name);
    expect(fields).toEqual(
      expect.arrayContaining(["ciclo_que_cuenta", "ciclo_en_curso", "resultado"]),
    );
  });
});

describe("the OpenAPI document", () => {
  it("lists the public read API under «Público» and «Datos abiertos»", async () => {
    const spec = json<{
      paths: Record<string, Record<string, { tags?: string[] }>>;
    }>(await get("/api/docs/json"));
    const tagged = (tag: string) =>
      Object.entries(spec.paths)
        .filter(([, methods]) => methods.get?.tags?.includes(tag))
        .map(([path]) => path)
        .sort();
    expect(tagged("Público")).toEqual([
      "/api/public/consultations/{token}",
      "/api/public/documents/{id}",
      "/api/public/map",
      "/api/public/methodology",
      "/api/public/municipalities",
      "/api/public/municipalities/{cvegeo}",
      "/api/public/municipalities/{cvegeo}/indicators",
      "/api/public/ranking",
      "/api/public/report-cards/{code}",
      "/api/public/summary",
      "/api/public/surveys/{token}",
    ]);
    expect(tagged("Datos abiertos")).toEqual([
      "/api/public/open-data",
      "/api/public/open-data/documents.csv",
      "/api/public/open-data/documents.json",
      "/api/public/open-data/indicators.csv",
      "/api/public/open-data/indicators.json",
      "/api/public/open-data/municipalities.csv",
      "/api/public/open-data/municipalities.json",
      "/api/public/open-data/survey-questions.csv",
      "/api/public/open-data/survey-questions.json",
      "/api/public/open-data/surveys.csv",
      "/api/public/open-data/surveys.json",
      "/api/public/open-data/tools.csv",
      "/api/public/open-data/tools.json",
    ]);
  });
});

describe("open data opened in a spreadsheet", () => {
  it("writes a cohort that looks like a formula as text, never as a formula", async () => {
    await registerAgreement(
      ctx.handle.db,
      {
        municipality: "15002",
        signedOn: "2023-03-01",
        cohort: '=HYPERLINK("http://x.test","ver")',
      },
      SYSTEM_ACTOR,
      new Date(),
    );
    const csv = await openData("/api/public/open-data/municipalities.csv");
    const row = parseCsvTable(csv.body).find((r) => r.cvegeo === "15002");
    expect(row?.cohorte).toBe(`'=HYPERLINK("http://x.test","ver")`);
    expect(csv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});

describe("a page after another municipality's change", () => {
  it("shows the region's new figures beside its own unchanged documents and tools (issue 18)", async () => {
    const url = `/api/public/municipalities/${TOLUCA}`;
    const first = await get(url);
    const before = PublicMunicipality.parse(json(first));
    // Every opened tool of another participant validated: the region's figures move, Toluca's
    // own rows do not.
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "validated", validatedAt: new Date() })
      .where(eq(toolInstances.municipalityCvegeo, OTHERS[0] as string));
    const response = await get(url, { "if-none-match": String(first.headers.etag) });
    expect(response.statusCode).toBe(200);
    const after = PublicMunicipality.parse(json(response));
    expect(after.scores?.participants).toBe(before.scores?.participants);
    expect(after.scores?.regionalMedian).not.toBe(before.scores?.regionalMedian);
    expect(after.documents).toEqual(before.documents);
    expect(after.tools).toEqual(before.tools);
  });
});

describe("a cached public read answers in the same turn (decision 0039)", () => {
  it("hands out the bytes it served, with no promise, until something is written", async () => {
    const db = ctx.handle.db;
    const now = () => new Date();
    const reads = [
      { url: "/api/public/summary", read: () => getPublicSummary(db, now()) },
      { url: "/api/public/ranking", read: () => getPublicRanking(db, 1, 50, now()) },
      {
        url: `/api/public/municipalities/${TOLUCA}`,
        read: () => getPublicMunicipality(db, TOLUCA, now()),
      },
      { url: "/api/public/open-data", read: () => getOpenDataCatalog(db, now()) },
    ];
    const etags = new Map<string, string>();
    for (const { url } of reads) {
      await get(url);
      etags.set(url, String((await get(url)).headers.etag));
    }
    for (const { url, read } of reads) {
      const ready = read();
      expect(ready).not.toBeInstanceOf(Promise);
      expect((ready as PreparedBody).etag).toBe(etags.get(url));
    }
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "validated", validatedAt: new Date() })
      .where(eq(toolInstances.municipalityCvegeo, TOLUCA));
    for (const { read } of reads) {
      const after = read();
      expect(after).toBeInstanceOf(Promise);
      await after;
    }
  });
});
