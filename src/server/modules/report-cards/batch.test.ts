/**
 * Report cards in batch (issue 17, item 6): staff issue every participant's or a cohort's cards at
 * once; each is a real card with its own code and audit event, municipalities not taking part are
 * skipped and listed, and the batch's ZIP holds one PDF per card and an index CSV.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { ReportCardBatch } from "../../../contracts/report-card-batches.js";
import { agreements, auditEvents, reportCards } from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { type Session, signedIn } from "../../test/factories.js";
import { ATIZAPAN, ECATEPEC, METEPEC, NEZA, TOLUCA } from "../../test/municipalities.js";
import { joinMunicipalities } from "../../test/progress.js";
import { recordAgreementChange } from "../agreements/service.js";
import { holdReportCardBatches, settleReportCardBatches } from "./batch.js";

const NOW = new Date("2024-01-10T18:00:00Z");
const PUBLIC_URL = "https://mrtm.ejemplo.mx";
const MORE = ["15002", "15003", "15004"];

const ctx = setUpTestApp({ config: { publicUrl: PUBLIC_URL }, now: () => NOW });
let admin: Session;
let reviewer: Session;
let liaison: Session;

async function suspend(cvegeo: string): Promise<void> {
  const [agreement] = await ctx.handle.db
    .select({ id: agreements.id })
    .from(agreements)
    .where(eq(agreements.municipalityCvegeo, cvegeo));
  await recordAgreementChange(
    ctx.handle.db,
    agreement?.id ?? "",
    { kind: "suspension", effectiveOn: "2024-01-05", reason: "Cambio de administración" },
    SYSTEM_ACTOR,
    NOW,
  );
}

beforeAll(async () => {
  await joinMunicipalities(ctx, [TOLUCA, METEPEC, ECATEPEC], { cohort: "Cohorte 2022", now: NOW });
  await joinMunicipalities(ctx, [ATIZAPAN], { cohort: "Cohorte 2023", now: NOW });
  await joinMunicipalities(ctx, [NEZA], { cohort: "Cohorte 2024", now: NOW });
  await suspend(ECATEPEC);
  await suspend(NEZA);
  admin = (await signedIn(ctx.app, "admin")).session;
  reviewer = (await signedIn(ctx.app, "reviewer")).session;
  liaison = (await signedIn(ctx.app, "liaison", { municipality: TOLUCA })).session;
});

const start = (session: Session, payload: Record<string, unknown>) =>
  ctx.app.inject({
    method: "POST",
    url: "/api/report-card-batches",
    headers: session.headers,
    payload,
  });
const get = (url: string, session: Session) =>
  ctx.app.inject({ method: "GET", url, headers: { cookie: session.cookie } });

async function batchCards(batchId: string) {
  return ctx.handle.db
    .select()
    .from(reportCards)
    .where(eq(reportCards.batchId, batchId))
    .orderBy(reportCards.municipalityCvegeo);
}

describe("POST /api/report-card-batches", () => {
  it("refuses municipal users, an unknown cohort and a cohort nobody of which takes part", async () => {
    const byLiaison = await start(liaison, { scope: "all" });
    expect(byLiaison.statusCode).toBe(403);
    const unknown = await start(admin, { scope: "cohort", cohort: "Cohorte 1999" });
    expect(unknown.statusCode).toBe(422);
    expect(errorCode(unknown)).toBe("report_card_batch_unknown_cohort");
    expect(json<{ error: { message: string } }>(unknown).error.message).toContain("Cohorte 1999");
    const empty = await start(admin, { scope: "cohort", cohort: "Cohorte 2024" });
    expect(empty.statusCode).toBe(422);
    expect(errorCode(empty)).toBe("report_card_batch_empty");
    const noCohort = await start(admin, { scope: "cohort", cohort: " " });
    expect(errorCode(noCohort)).toBe("report_card_batch_empty");
    const invalid = await start(admin, { scope: "some" });
    expect(invalid.statusCode).toBe(400);
    expect(await ctx.handle.db.select().from(reportCards)).toEqual([]);
  });

  it("issues a cohort's cards, skipping and listing who does not take part, then zips them", async () => {
    const response = await start(admin, { scope: "cohort", cohort: "Cohorte 2022" });
    expect(response.statusCode).toBe(202);
    const started = ReportCardBatch.parse(json(response));
    expect(started).toMatchObject({ scope: "cohort", cohort: "Cohorte 2022", total: 2 });
    expect(started.skipped).toEqual([
      {
        cvegeo: ECATEPEC,
        name: expect.stringContaining("Ecatepec"),
        reason: "Convenio suspendido",
      },
    ]);
    await settleReportCardBatches();

    const done = ReportCardBatch.parse(
      json(await get(`/api/report-card-batches/${started.id}`, admin)),
    );
    expect(done).toMatchObject({ status: "done", total: 2, done: 2, issued: 2 });
    expect(done.zipUrl).toBe(`/api/report-card-batches/${started.id}/zip`);
    expect(done.finishedAt).not.toBeNull();

    // Each card is a real card: its own code, its own audit event naming the batch.
    const cards = await batchCards(started.id);
    expect(cards.map((card) => card.municipalityCvegeo)).toEqual([METEPEC, TOLUCA]);
    expect(new Set(cards.map((card) => card.code)).size).toBe(2);
    const issuedEvents = await auditEventsOf(ctx.handle.db, "report_card.issued");
    expect(issuedEvents.map((event) => event.entityId).sort()).toEqual(
      cards.map((card) => card.id).sort(),
    );
    expect(issuedEvents[0]?.after).toMatchObject({ batch: started.id });
    const verified = await ctx.app.inject({
      method: "GET",
      url: `/api/public/report-cards/${cards[0]?.code}`,
    });
    expect(verified.statusCode).toBe(200);
    const batchEvents = await ctx.handle.db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, started.id));
    expect(batchEvents).toEqual(
      expect.arrayContaining([
        {
          action: "report_card_batch.started",
          after: { scope: "cohort", cohort: "Cohorte 2022", total: 2, skipped: 1 },
        },
        {
          action: "report_card_batch.finished",
          after: { status: "done", issued: 2, skipped: 1, failed: 0 },
        },
      ]),
    );

    const zipResponse = await get(`/api/report-card-batches/${started.id}/zip`, reviewer);
    expect(zipResponse.statusCode).toBe(200);
    expect(zipResponse.headers["content-type"]).toContain("application/zip");
    expect(String(zipResponse.headers["content-disposition"])).toContain("cedulas-cohorte-");
    const zip = await JSZip.loadAsync(zipResponse.rawPayload);
    expect(Object.keys(zip.files).sort()).toEqual([
      "15054-metepec.pdf",
      "15106-toluca.pdf",
      "indice.csv",
    ]);
    const pdf = await zip.file("15106-toluca.pdf")?.async("nodebuffer");
    expect(pdf?.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const csvBytes = (await zip.file("indice.csv")?.async("nodebuffer")) ?? Buffer.alloc(0);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvBytes.toString("utf8").slice(1).trim().split("\r\n");
    expect(lines[0]).toBe(
      "Clave INEGI,Municipio,Código de verificación,Emitida,URL de verificación,Archivo,Nota",
    );
    const toluca = cards.find((card) => card.municipalityCvegeo === TOLUCA);
    expect(lines).toEqual([
      lines[0],
      expect.stringMatching(/^15033,Ecatepec.*,,,,,Convenio suspendido$/),
      expect.stringMatching(/^15054,Metepec,/),
      `15106,Toluca,${toluca?.code},${NOW.toISOString()},${PUBLIC_URL}/verificar/${toluca?.code},15106-toluca.pdf,`,
    ]);
    const downloads = await auditEventsOf(ctx.handle.db, "report_card_batch.downloaded", {
      entityId: started.id,
    });
    expect(downloads.map(({ after }) => ({ after }))).toEqual([
      { after: { format: "zip", cards: 2 } },
    ]);
  });

  it("refuses a second batch while one runs, and issues every participant's for `all`", async () => {
    await joinMunicipalities(ctx, MORE, { cohort: "Cohorte 2025", now: NOW });
    // The batch waits before its first card until the test has seen it running.
    let release = () => {};
    holdReportCardBatches(new Promise<void>((resolve) => (release = resolve)));
    const first = await start(reviewer, { scope: "all" });
    holdReportCardBatches(null);
    expect(first.statusCode).toBe(202);
    const accepted = ReportCardBatch.parse(json(first));
    const refused = await start(admin, { scope: "cohort", cohort: "Cohorte 2023" });
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe("report_card_batch_running");
    const during = ReportCardBatch.parse(
      json(await get(`/api/report-card-batches/${accepted.id}`, admin)),
    );
    expect(during.status).toBe("running");
    expect(during.zipUrl).toBeNull();
    const early = await get(`/api/report-card-batches/${accepted.id}/zip`, admin);
    expect(early.statusCode).toBe(409);
    release();
    await settleReportCardBatches();

    const batch = ReportCardBatch.parse(
      json(await get(`/api/report-card-batches/${accepted.id}`, admin)),
    );
    expect(batch).toMatchObject({
      scope: "all",
      cohort: null,
      status: "done",
      total: 3 + MORE.length,
      issued: 3 + MORE.length,
    });
    const skipped = new Map(batch.skipped.map((s) => [s.cvegeo, s.reason]));
    expect(skipped.get(ECATEPEC)).toBe("Convenio suspendido");
    expect(skipped.get(NEZA)).toBe("Convenio suspendido");
    expect(skipped.get("15001")).toBe("Sin convenio");
    expect(skipped.has(TOLUCA)).toBe(false);
    expect((await batchCards(accepted.id)).map((card) => card.municipalityCvegeo)).toEqual(
      [ATIZAPAN, METEPEC, TOLUCA, ...MORE].sort(),
    );
    const list = json<ReportCardBatch[]>(await get("/api/report-card-batches", reviewer));
    // Both batches (the test clock stands still, so they share a moment).
    expect(list.map((b) => b.id)).toContain(accepted.id);
    expect(list).toHaveLength(2);
    // A batch refused writes nothing: two batches, two `started` events.
    const startedEvents = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "report_card_batch.started"), isNotNull(auditEvents.entityId)),
      );
    expect(startedEvents).toHaveLength(2);
  });
});
