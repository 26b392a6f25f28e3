import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ReportCard,
  ReportCardContent,
  ReportCardVerification,
} from "../../../contracts/reports.js";
import { MODEL_2022 } from "../../../domain/model-2022.js";
import { auditEvents, reportCards } from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { buildUser, type Session, signedIn } from "../../test/factories.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import { pdfText } from "../../test/pdf.js";
import { type CycleActors, joinCycle, RETURN, review, VALIDATE } from "../../test/progress.js";
import { issueReportCard } from "./service.js";

const NOW = new Date("2024-01-10T18:00:00Z");
// The clock moves a second per reading, so cards issued one after another differ in time.
let tick = 0;
const clock = () => new Date(NOW.getTime() + 1000 * tick++);

const ctx = setUpTestApp({ config: { publicUrl: "https://mrtm.ejemplo.mx" }, now: clock });
let actors: CycleActors;
let liaison: Session;
let collaborator: Session;
let otherLiaison: Session;
let reviewer: Session;
let admin: Session;

beforeAll(async () => {
  actors = await joinCycle(ctx, [TOLUCA, METEPEC], { now: NOW });
  liaison = actors.liaisons.get(TOLUCA)?.session as Session;
  otherLiaison = actors.liaisons.get(METEPEC)?.session as Session;
  collaborator = (await signedIn(ctx.app, "collaborator", { municipality: TOLUCA })).session;
  reviewer = actors.reviewer;
  admin = (await signedIn(ctx.app, "admin")).session;
  await review(ctx, actors, TOLUCA, "E2", VALIDATE);
  await review(ctx, actors, TOLUCA, "C1", RETURN);
  await review(ctx, actors, TOLUCA, "E3", VALIDATE, "a");
});

const issue = (cvegeo: string, session: Session | null) =>
  ctx.app.inject({
    method: "POST",
    url: `/api/municipalities/${cvegeo}/report-cards`,
    headers: session?.headers ?? {},
  });
const get = (url: string, session: Session | null) =>
  ctx.app.inject({ method: "GET", url, headers: { cookie: session?.cookie ?? "" } });

describe("POST /api/municipalities/:cvegeo/report-cards", () => {
  it("should let the liaison issue their municipality's card and staff issue any", async () => {
    for (const [cvegeo, session] of [
      [TOLUCA, liaison],
      [TOLUCA, reviewer],
      [METEPEC, admin],
    ] as const) {
      const response = await issue(cvegeo, session);
      expect(response.statusCode).toBe(201);
      const card = ReportCard.parse(json(response));
      expect(card.code).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
      expect(card.verificationUrl).toBe(`https://mrtm.ejemplo.mx/verificar/${card.code}`);
      expect(card.municipality.cvegeo).toBe(cvegeo);
    }
  });

  it("should refuse a collaborator (403), another municipality's liaison (404) and anonymous (401)", async () => {
    expect((await issue(TOLUCA, collaborator)).statusCode).toBe(403);
    const hidden = await issue(TOLUCA, otherLiaison);
    expect(hidden.statusCode).toBe(404);
    expect(errorCode(hidden)).toBe("not_found");
    expect((await issue(TOLUCA, null)).statusCode).toBe(401);
  });

  it("should refuse a municipality without an agreement with 409", async () => {
    const response = await issue("15001", reviewer);
    expect(errorOf(response, 409)).toMatchObject({
      code: "conflict",
      message: "Acambay de Ruíz Castañeda no tiene convenio: aún no hay avance que reportar.",
    });
  });

  it("should give the same card for the same content issued in the same instant", async () => {
    const user = await buildUser(ctx.handle.db, "admin");
    const auth = {
      id: user.id,
      email: user.email,
      name: "Administración",
      role: "admin" as const,
      municipality: null,
      mustChangePassword: false,
      designatedLiaison: false,
    };
    const [first, second] = await Promise.all([
      issueReportCard(ctx.handle.db, TOLUCA, auth, SYSTEM_ACTOR, NOW),
      issueReportCard(ctx.handle.db, TOLUCA, auth, SYSTEM_ACTOR, NOW),
    ]);
    expect(second).toBe(first);
  });

  it("should store the content with its SHA-256 and record the issue in the audit log", async () => {
    const card = ReportCard.parse(json(await issue(TOLUCA, reviewer)));
    const [row] = await ctx.handle.db.select().from(reportCards).where(eq(reportCards.id, card.id));
    expect(row?.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(card.code.replaceAll("-", "").toLowerCase()).toBe(row?.contentSha256.slice(0, 16));
    const [event] = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, card.id));
    expect(event).toMatchObject({ action: "report_card.issued", municipalityCvegeo: TOLUCA });
  });
});

describe("GET /api/report-cards/:id/pdf", () => {
  it("should print the index, every tool, the observations and the verification code", async () => {
    const card = ReportCard.parse(json(await issue(TOLUCA, liaison)));
    const response = await get(`/api/report-cards/${card.id}/pdf`, liaison);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(
      'attachment; filename="cedula-15106-2024-01-10.pdf"',
    );
    const text = await pdfText(response.rawPayload);
    // E1, E2 and half of E3 validated: 2.5 of 4 Estrategia tools = 62.5 %, a fifth of it 12.5 %.
    expect(text).toContain("Cédula de avance");
    expect(text).toContain("Toluca (clave INEGI 15106)");
    expect(text).toContain("Índice de implementación: 12.5 %");
    expect(text).toContain("Cifras al: 10/01/2024");
    for (const dimension of MODEL_2022.dimensions) {
      expect(text).toContain(dimension.name);
      for (const tool of dimension.tools) {
        expect(text).toContain(`${tool.code} ${tool.name}`);
      }
    }
    expect(text).toContain("Falta la firma del titular.");
    expect(text).toContain("Adjunte el acta de aprobación del cabildo.");
    expect(text).toContain(`Código de verificación: ${card.code}`);
    expect(text).toContain(`https://mrtm.ejemplo.mx/verificar/${card.code}`);
    expect(text).toContain("Metodología: https://mrtm.ejemplo.mx/metodologia");
    expect(text).toContain("Validada");
    expect(text).toContain("Con observaciones");
    // The download is in the audit trail, by the liaison who downloaded it.
    const downloads = await auditEventsOf(ctx.handle.db, "report_card.downloaded");
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatchObject({
      actorId: actors.liaisons.get(TOLUCA)?.user.id,
      entityType: "report_card",
      entityId: card.id,
      municipalityCvegeo: TOLUCA,
      after: { code: card.code, asOf: "2024-01-10", format: "pdf" },
    });
  });

  it("should keep saying what the card said when issued, after the data changes", async () => {
    const before = ReportCard.parse(json(await issue(TOLUCA, reviewer)));
    await review(ctx, actors, TOLUCA, "R4", VALIDATE);
    const after = ReportCard.parse(json(await issue(TOLUCA, reviewer)));
    expect(after.index).toBeGreaterThan(before.index);
    const old = await pdfText(
      (await get(`/api/report-cards/${before.id}/pdf`, reviewer)).rawPayload,
    );
    expect(old).toContain(`Índice de implementación: ${before.index.toFixed(1)} %`);
    const list = await get(`/api/municipalities/${TOLUCA}/report-cards`, liaison);
    const cards = json<ReportCard[]>(list);
    expect(cards[0]?.id).toBe(after.id);
    expect(cards.map((c) => c.id)).toContain(before.id);
  });

  it("should hide another municipality's card (404) and ask anonymous to sign in (401)", async () => {
    const card = ReportCard.parse(json(await issue(TOLUCA, reviewer)));
    const refusals = [
      [await get(`/api/report-cards/${card.id}/pdf`, otherLiaison), 404, "not_found"],
      [await get(`/api/report-cards/${card.id}/pdf`, null), 401, "unauthenticated"],
      [await get(`/api/municipalities/${TOLUCA}/report-cards`, otherLiaison), 404, "not_found"],
    ] as const;
    for (const [response, status, code] of refusals) {
      expect(response.statusCode).toBe(status);
      expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(errorCode(response)).toBe(code);
      // Neither the PDF nor anything of the card leaks into the refusal.
      expect(response.body.startsWith("%PDF")).toBe(false);
      expect(response.body).not.toContain(card.code);
      expect(response.body).not.toContain(card.id);
    }
    // A refused download is not recorded as one.
    const downloads = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, card.id));
    expect(downloads.map((e) => e.action)).toEqual(["report_card.issued"]);
  });
});

describe("GET /api/public/report-cards/:code", () => {
  it("should verify a genuine card without a session, in public terms and without observations", async () => {
    const card = ReportCard.parse(json(await issue(TOLUCA, liaison)));
    const response = await get(`/api/public/report-cards/${card.code.toLowerCase()}`, null);
    expect(response.statusCode).toBe(200);
    const verification = ReportCardVerification.parse(json(response));
    expect(verification).toMatchObject({
      code: card.code,
      intact: true,
      municipality: { cvegeo: TOLUCA, name: "Toluca" },
      index: card.index,
      openObservations: 2,
    });
    expect(verification.tools.find((t) => t.code === "E2")?.state).toBe("validated");
    // Returned with observations is "in progress" (or overdue) to the public.
    expect(verification.tools.find((t) => t.code === "C1")?.state).toBe("overdue");
    expect(response.body).not.toContain("Falta la firma");
    expect(response.body).not.toContain("changes_requested");
  });

  it("should say a tampered card's content no longer matches its hash", async () => {
    const card = ReportCard.parse(json(await issue(METEPEC, reviewer)));
    const [row] = await ctx.handle.db.select().from(reportCards).where(eq(reportCards.id, card.id));
    await ctx.handle.db
      .update(reportCards)
      .set({ content: { ...(row?.content as object), index: 99.9 } })
      .where(eq(reportCards.id, card.id));
    const verification = json<ReportCardVerification>(
      await get(`/api/public/report-cards/${card.code}`, null),
    );
    expect(verification.intact).toBe(false);
  });

  it("should answer 404 to an unknown or malformed code", async () => {
    for (const code of ["0000-0000-0000-0000", "no-es-un-codigo"]) {
      const response = await get(`/api/public/report-cards/${code}`, null);
      expect(response.statusCode).toBe(404);
      expect(errorCode(response)).toBe("not_found");
    }
  });
});

describe("yearly cycles on the report card", () => {
  it("should report a missed cycle, the validated later one that counts, and the history", async () => {
    // Signed 16/11/2022, today 10/01/2024: R2's cycle 1 (due 16/11/2023) was missed; Metepec
    // validates its cycle 2 early. R3's cycle 1 was missed too, its cycle 2 is under way.
    await review(ctx, actors, METEPEC, "R2", VALIDATE, null, 2);
    const card = ReportCard.parse(json(await issue(METEPEC, reviewer)));
    const [row] = await ctx.handle.db.select().from(reportCards).where(eq(reportCards.id, card.id));
    const content = ReportCardContent.parse(row?.content);
    const r2 = content.tools.find((tool) => tool.code === "R2");
    expect(r2).toMatchObject({
      score: 100,
      state: "validated",
      overdue: true,
      missedCycles: [1],
      workingCycle: null,
    });
    expect(r2?.items.map((item) => item.cycle)).toEqual([2]);
    expect(r2?.cycles?.map((c) => [c.cycle, c.outcome, c.deadline])).toEqual([
      [1, "missed", "2023-11-16"],
      [2, "on_time", "2024-11-16"],
    ]);
    const r3 = content.tools.find((tool) => tool.code === "R3");
    expect(r3).toMatchObject({ score: 0, missedCycles: [1], workingCycle: 2 });
    expect(r3?.items.map((item) => item.cycle)).toEqual([1]);
    // Tools that do not repeat carry no cycle history.
    expect(content.tools.find((tool) => tool.code === "E2")?.cycles).toBeUndefined();

    const text = await pdfText(
      (await get(`/api/report-cards/${card.id}/pdf`, reviewer)).rawPayload,
    );
    expect(text).toContain("Ciclos anuales");
    expect(text).toContain("Validada; Vencida (ciclo 1)");
    expect(text).toContain("R2 ciclo 1");
    expect(text).toContain("R3 ciclo 2 (en curso)");
    expect(text).toContain("16/11/2022 a 16/11/2023");
    expect(text).toContain("A tiempo");

    const verification = ReportCardVerification.parse(
      json(await get(`/api/public/report-cards/${card.code}`, null)),
    );
    const shown = verification.tools.find((tool) => tool.code === "R2");
    expect(shown).toMatchObject({ state: "validated", missedCycles: [1] });
    expect(shown?.cycles.map((c) => c.outcome)).toEqual(["missed", "on_time"]);
  });
});
