import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type {
  IndicatorCatalogue,
  IndicatorComparison,
  InstanceIndicators,
  PeriodReport,
  PublicIndicators,
} from "../../../contracts/indicators.js";
import { INDICATOR_BATTERY_2022, regionalComparison } from "../../../domain/indicators.js";
import { evidenceFiles, indicatorAdoptions } from "../../db/schema/index.js";
import { errorOf, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { type Session, toolInstanceOf } from "../../test/factories.js";
import { freshOpenData } from "../../test/open-data.js";
import { pdfText } from "../../test/pdf.js";
import { regionalDistribution } from "./queries.js";

/** Mid-August 2026: the first two quarters and the first semester of 2026 have ended. */
const NOW = new Date("2026-08-15T18:00:00Z");

const ctx = setUpTestApp({ now: () => NOW, agreements: ["15106", "15054"] });
const liaison = ctx.session("liaison", { municipality: "15106" });
const collaborator = ctx.session("collaborator", { municipality: "15106" });
const reviewer = ctx.session("reviewer");
const outsider = ctx.session("liaison", { municipality: "15054" });
let m2: string;
let otherM2: string;

beforeAll(async () => {
  m2 = (await toolInstanceOf(ctx.app, liaison, "M2")).id;
  otherM2 = (await toolInstanceOf(ctx.app, outsider, "M2", { municipality: "15054" })).id;
});

const request = (session: Session, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  ctx.app.inject({
    method,
    url,
    headers: session.headers,
    ...(payload ? { payload } : {}),
  });

/** Every indicator adopted with a target, but portal visits left out. */
const choices = INDICATOR_BATTERY_2022.map((item) =>
  item.code === "IND10"
    ? { code: item.code, target: null, excluded: true, exclusionReason: "Sin analítica web" }
    : { code: item.code, target: item.valueType === "percent" ? 90 : 10 },
);
const adopt = (session: Session, id = m2, body: object = { startYear: 2026, choices }) =>
  request(session, "POST", `/api/tool-instances/${id}/indicators/adoption`, body);

const quarterValues = (requests: number) =>
  INDICATOR_BATTERY_2022.filter(
    (item) => item.periodicity === "quarterly" && item.code !== "IND10",
  ).map((item) => ({
    code: item.code,
    value: item.code === "IND01" ? requests : item.valueType === "percent" ? 85 : 4,
  }));

describe("adopting the battery", () => {
  it("shows the model's battery before adoption, and only to the municipality and staff", async () => {
    const response = await request(liaison, "GET", `/api/tool-instances/${m2}/indicators`);
    expect(response.statusCode).toBe(200);
    const body = json<InstanceIndicators>(response);
    expect(body.adoption).toBeNull();
    expect(body.battery.map((item) => item.code)).toHaveLength(12);
    expect(
      (await request(reviewer, "GET", `/api/tool-instances/${m2}/indicators`)).statusCode,
    ).toBe(200);
    expect(
      (await request(outsider, "GET", `/api/tool-instances/${m2}/indicators`)).statusCode,
    ).toBe(404);
    const m1 = (await toolInstanceOf(ctx.app, liaison, "M1")).id;
    expect((await request(liaison, "GET", `/api/tool-instances/${m1}/indicators`)).statusCode).toBe(
      404,
    );
  });

  it("refuses an adoption by a collaborator, staff, or with a target out of range, naming it", async () => {
    expect((await adopt(collaborator)).statusCode).toBe(403);
    expect((await adopt(reviewer)).statusCode).toBe(403);
    expect((await adopt(outsider)).statusCode).toBe(404);
    const bad = await adopt(liaison, m2, {
      startYear: 2026,
      choices: choices.map((c) => (c.code === "IND02" ? { ...c, target: 120 } : c)),
    });
    expect(errorOf(bad, 400)).toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("Solicitudes respondidas dentro del plazo legal"),
      details: [{ field: "IND02" }],
    });
    const oldYear = await adopt(liaison, m2, { startYear: 2020, choices });
    expect(oldYear.statusCode).toBe(400);
  });

  it("adopts it: the battery PDF becomes a draft evidence version of M2, audited", async () => {
    const response = await adopt(liaison);
    expect(response.statusCode).toBe(201);
    const body = json<InstanceIndicators>(response);
    expect(body.adoption).toMatchObject({ startYear: 2026, revision: 1 });
    expect(body.adoption?.items.find((i) => i.code === "IND10")).toMatchObject({
      excluded: true,
      exclusionReason: "Sin analítica web",
      target: null,
    });
    expect(body.instance.state).toBe("in_progress");
    expect(body.periods.map((p) => p.key)).toEqual(["2026-T2", "2026-S1", "2026-T1"]);
    expect(body.periods.every((p) => p.standing === "late")).toBe(true);
    const files = await ctx.handle.db
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.toolInstanceId, m2));
    expect(files.map((f) => [f.fileName, f.mime])).toEqual([
      ["M2-bateria-de-indicadores-rev-1.pdf", "application/pdf"],
    ]);
    const download = await request(liaison, "GET", `/api/evidence/${files[0]?.id}/download`);
    expect(download.statusCode).toBe(200);
    const text = await pdfText(download.rawPayload);
    expect(text).toContain("Batería de indicadores de desempeño adoptada");
    expect(text).toContain("No aplica: Sin analítica web");
    const audit = await auditEventsOf(ctx.handle.db, "indicator_battery.adopted");
    expect(audit).toHaveLength(1);
  });

  it("adopts again with the revision seen, and refuses a stale one", async () => {
    expect(
      (await adopt(liaison, m2, { startYear: 2026, choices, expectedRevision: 0 })).statusCode,
    ).toBe(409);
    const again = await adopt(liaison, m2, { startYear: 2026, choices, expectedRevision: 1 });
    expect(again.statusCode).toBe(201);
    expect(json<InstanceIndicators>(again).adoption?.revision).toBe(2);
  });
});

describe("reporting a period", () => {
  const periodUrl = (key: string, id = m2) => `/api/tool-instances/${id}/indicators/periods/${key}`;

  it("gives the form of a period: the adopted indicators of its periodicity with their targets", async () => {
    const response = await request(collaborator, "GET", periodUrl("2026-T1"));
    expect(response.statusCode).toBe(200);
    const body = json<PeriodReport>(response);
    expect(body.revision).toBe(0);
    expect(body.rows.map((r) => r.code)).toEqual([
      "IND01",
      "IND02",
      "IND03",
      "IND04",
      "IND05",
      "IND07",
      "IND08",
      "IND09",
    ]);
    expect(body.rows[1]).toMatchObject({ target: 90, value: null });
    expect((await request(liaison, "GET", periodUrl("2026-T3"))).statusCode).toBe(404);
    expect((await request(liaison, "GET", periodUrl("2026-X1"))).statusCode).toBe(404);
    expect((await request(outsider, "GET", periodUrl("2026-T1"))).statusCode).toBe(404);
  });

  it("lets the collaborator draft values, refusing a value that does not fit, naming the indicator", async () => {
    const bad = await request(collaborator, "PUT", periodUrl("2026-T1"), {
      values: [{ code: "IND01", value: 2.5 }],
      expectedRevision: 0,
    });
    expect(errorOf(bad, 400)).toMatchObject({
      message:
        "Solicitudes de acceso a la información recibidas: Escriba un número entero, sin decimales.",
    });
    const saved = await request(collaborator, "PUT", periodUrl("2026-T1"), {
      values: quarterValues(120).slice(0, 3),
      expectedRevision: 0,
    });
    expect(saved.statusCode).toBe(200);
    expect(json<PeriodReport>(saved)).toMatchObject({
      revision: 1,
      period: { status: "draft", filled: 3 },
    });
    const stale = await request(collaborator, "PUT", periodUrl("2026-T1"), {
      values: quarterValues(120),
      expectedRevision: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (await request(reviewer, "PUT", periodUrl("2026-T1"), { values: [], expectedRevision: 1 }))
        .statusCode,
    ).toBe(403);
  });

  it("leaves submitting to the liaison, once every value is in", async () => {
    expect(
      (
        await request(collaborator, "POST", `${periodUrl("2026-T1")}/submit`, {
          expectedRevision: 1,
        })
      ).statusCode,
    ).toBe(403);
    const missing = await request(liaison, "POST", `${periodUrl("2026-T1")}/submit`, {
      expectedRevision: 1,
    });
    expect(errorOf(missing, 409)).toMatchObject({
      message: expect.stringContaining("Falta el valor de:"),
    });
    await request(liaison, "PUT", periodUrl("2026-T1"), {
      values: quarterValues(120),
      expectedRevision: 1,
    });
    const sent = await request(liaison, "POST", `${periodUrl("2026-T1")}/submit`, {
      expectedRevision: 2,
    });
    expect(sent.statusCode).toBe(200);
    expect(json<PeriodReport>(sent).period).toMatchObject({
      status: "submitted",
      standing: "submitted_late",
    });
    const after = await request(liaison, "PUT", periodUrl("2026-T1"), {
      values: [],
      expectedRevision: 3,
    });
    expect(after.statusCode).toBe(409);
  });

  it("shows the series of the submitted periods with target and traffic light", async () => {
    await request(liaison, "PUT", periodUrl("2026-T2"), {
      values: quarterValues(150),
      expectedRevision: 0,
    });
    await request(liaison, "POST", `${periodUrl("2026-T2")}/submit`, { expectedRevision: 1 });
    const body = json<InstanceIndicators>(
      await request(liaison, "GET", `/api/tool-instances/${m2}/indicators`),
    );
    const answered = body.series.find((s) => s.code === "IND02");
    expect(answered?.points.map((p) => [p.period, p.value, p.target, p.light])).toEqual([
      ["2026-T1", 85, 90, "yellow"],
      ["2026-T2", 85, 90, "yellow"],
    ]);
    expect(body.series.find((s) => s.code === "IND10")).toBeUndefined();
    // One municipality alone: no regional figure is shown outside the staff.
    expect(answered?.points[0]?.region).toBeNull();
  });
});

describe("comparing the region", () => {
  beforeAll(async () => {
    await adopt(outsider, otherM2);
    const url = `/api/tool-instances/${otherM2}/indicators/periods/2026-T1`;
    await request(outsider, "PUT", url, { values: quarterValues(40), expectedRevision: 0 });
    await request(outsider, "POST", `${url}/submit`, { expectedRevision: 1 });
  });

  it("gives staff the median and quartiles per period and each municipality's value", async () => {
    const response = await request(
      reviewer,
      "GET",
      "/api/indicators/IND01/comparison?period=2026-T1",
    );
    expect(response.statusCode).toBe(200);
    const body = json<IndicatorComparison>(response);
    expect(body.series.find((s) => s.period === "2026-T1")?.region).toEqual(
      regionalComparison([120, 40]),
    );
    expect(body.municipalities.map((m) => [m.cvegeo, m.value, m.quartile])).toEqual(
      [
        ["15106", 120, "top"],
        ["15054", 40, "bottom"],
      ].sort((a, b) => (a[0] === "15106" ? 1 : -1) - (b[0] === "15106" ? 1 : -1)),
    );
    const catalogue = json<IndicatorCatalogue>(await request(reviewer, "GET", "/api/indicators"));
    expect(catalogue.adoptions).toBe(2);
    expect((await request(liaison, "GET", "/api/indicators/IND01/comparison")).statusCode).toBe(
      403,
    );
    expect((await request(reviewer, "GET", "/api/indicators/NOPE/comparison")).statusCode).toBe(
      404,
    );
  });

  it("computes the quartiles in SQL as the domain does", async () => {
    const region = await regionalDistribution(ctx.handle.db, undefined);
    expect(region.get("IND01|2026-T1")).toEqual(regionalComparison([120, 40]));
  });

  it("shows the public only public indicators of submitted periods, to anyone", async () => {
    const response = await ctx.app.inject({
      method: "GET",
      url: "/api/public/municipalities/15106/indicators",
    });
    expect(response.statusCode).toBe(200);
    const body = json<PublicIndicators>(response);
    expect(body.series.length).toBeGreaterThan(0);
    expect(body.series.every((s) => s.isPublic)).toBe(true);
    expect(body.series.find((s) => s.code === "IND01")?.points).toHaveLength(2);
    const none = await ctx.app.inject({
      method: "GET",
      url: "/api/public/municipalities/15001/indicators",
    });
    expect(json<PublicIndicators>(none).series).toEqual([]);
  });
});

describe("correcting a sent period", () => {
  const periodUrl = (key: string) => `/api/tool-instances/${m2}/indicators/periods/${key}`;
  const correct = (session: Session, body: object) =>
    request(session, "POST", `${periodUrl("2026-T1")}/corrections`, body);
  const reason = "El registro del trimestre omitió 4 solicitudes por correo.";

  it("leaves it to the designated liaison, with a reason, for sent periods only", async () => {
    const body = { values: [{ code: "IND01", value: 124 }], reason, expectedRevision: 3 };
    expect((await correct(collaborator, body)).statusCode).toBe(403);
    expect((await correct(reviewer, body)).statusCode).toBe(403);
    expect(
      (
        await request(
          outsider,
          "POST",
          `/api/tool-instances/${m2}/indicators/periods/2026-T1/corrections`,
          body,
        )
      ).statusCode,
    ).toBe(404);
    const noReason = await correct(liaison, { ...body, reason: "  error " });
    expect(errorOf(noReason, 400)).toMatchObject({ details: [{ field: "reason" }] });
    const outOfRange = await correct(liaison, {
      values: [{ code: "IND02", value: 120 }],
      reason,
      expectedRevision: 3,
    });
    expect(outOfRange.statusCode).toBe(400);
    const draft = await request(liaison, "POST", `${periodUrl("2026-S1")}/corrections`, {
      values: [{ code: "IND06", value: 80 }],
      reason,
      expectedRevision: 0,
    });
    expect(draft.statusCode).toBe(409);
    expect((await correct(liaison, { ...body, expectedRevision: 2 })).statusCode).toBe(409);
    const same = await correct(liaison, { ...body, values: [{ code: "IND01", value: 120 }] });
    expect(same.statusCode).toBe(409);
  });

  it("keeps and shows the previous value, audits it, and the series shows the new one", async () => {
    const response = await correct(liaison, {
      values: [{ code: "IND01", value: 124, note: "Incluye las recibidas por correo" }],
      reason,
      expectedRevision: 3,
    });
    expect(response.statusCode).toBe(200);
    const report = json<PeriodReport>(response);
    expect(report.period.status).toBe("submitted");
    expect(report.period.standing).toBe("submitted_late");
    expect(report.revision).toBe(4);
    const row = report.rows.find((r) => r.code === "IND01");
    expect(row?.value).toBe(124);
    expect(row?.note).toBe("Incluye las recibidas por correo");
    expect(row?.corrections).toMatchObject([{ previousValue: 120, value: 124, reason }]);
    expect(report.rows.find((r) => r.code === "IND02")?.corrections).toEqual([]);
    const [event] = await auditEventsOf(ctx.handle.db, "indicator_report.corrected");
    expect(event?.before).toEqual({ values: { IND01: 120 } });
    expect(event?.after).toEqual({ period: "2026-T1", values: { IND01: 124 }, reason });
    const series = json<PublicIndicators>(
      await ctx.app.inject({ method: "GET", url: "/api/public/municipalities/15106/indicators" }),
    ).series.find((s) => s.code === "IND01");
    expect(series?.points[0]).toMatchObject({ period: "2026-T1", value: 124 });
  });
});

describe("M2 in open data", () => {
  it("lists the sent values of public indicators only, with target, light and corrections", async () => {
    const [adoption] = await ctx.handle.db
      .select()
      .from(indicatorAdoptions)
      .where(eq(indicatorAdoptions.municipalityCvegeo, "15106"));
    await ctx.handle.db
      .update(indicatorAdoptions)
      .set({
        items: (adoption?.items ?? []).map((item) =>
          item.code === "IND04" ? { ...item, isPublic: false } : item,
        ),
      })
      .where(eq(indicatorAdoptions.municipalityCvegeo, "15106"));
    // A draft period and every note stay private.
    const draft = await request(
      liaison,
      "PUT",
      `/api/tool-instances/${m2}/indicators/periods/2026-S1`,
      {
        values: [{ code: "IND11", value: 987654, note: "NOTA-PRIVADA-S1" }],
        expectedRevision: 0,
      },
    );
    expect(draft.statusCode).toBe(200);
    const response = await freshOpenData(ctx, "/api/public/open-data/indicators.json");
    expect(response.statusCode).toBe(200);
    const rows = json<Record<string, unknown>[]>(response).filter((r) => r.cvegeo === "15106");
    expect(rows.find((r) => r.indicador === "IND01" && r.periodo === "2026-T1")).toMatchObject({
      valor: 124,
      meta: 10,
      semaforo: "verde",
      corregido: true,
      sentido: "mayor_es_mejor",
    });
    expect(rows.some((r) => r.indicador === "IND04")).toBe(false);
    expect(rows.some((r) => r.periodo === "2026-S1")).toBe(false);
    expect(new Set(rows.map((r) => r.periodo))).toEqual(new Set(["2026-T1", "2026-T2"]));
    const csv = await freshOpenData(ctx, "/api/public/open-data/indicators.csv");
    expect(csv.body.split("\n")[0]).toContain("cvegeo,municipio,indicador");
    const catalog = json<{ datasets: { id: string; rows: number }[] }>(
      await ctx.app.inject({ method: "GET", url: "/api/public/open-data" }),
    );
    expect(catalog.datasets.find((d) => d.id === "indicators")?.rows).toBeGreaterThan(0);
    for (const url of [
      "/api/public/open-data/indicators.json",
      "/api/public/open-data/indicators.csv",
      "/api/public/municipalities/15106/indicators",
      "/api/public/municipalities/15106",
    ]) {
      const body = (
        url.includes("/open-data/")
          ? await freshOpenData(ctx, url)
          : await ctx.app.inject({ method: "GET", url })
      ).body;
      expect(body, url).not.toContain("987654");
      expect(body, url).not.toContain("NOTA-PRIVADA-S1");
      expect(body, url).not.toContain("Incluye las recibidas por correo");
    }
  });
});
