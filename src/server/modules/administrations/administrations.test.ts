import { describe, expect, it } from "vitest";
import type { Administration } from "../../../contracts/administrations.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import { pdfText } from "../../test/pdf.js";
import { type CycleActors, joinCycle, RETURN, review, VALIDATE } from "../../test/progress.js";

// 10 March 2026 at noon in Mexico City: the 2025–2027 administration is in office.
const NOW = new Date("2026-03-10T18:00:00Z");
const ctx = setUpTestApp({ now: () => NOW });
const admin = ctx.session("admin");
const reviewerOnly = ctx.session("reviewer");
let actors: CycleActors;

const record = (cvegeo: string, payload: Record<string, unknown>, session = admin) =>
  ctx.send("POST", `/api/municipalities/${cvegeo}/administrations`, session, payload);

describe("administrations", () => {
  it("records a municipality's successive administrations, the one in office marked", async () => {
    actors = await joinCycle(ctx, [TOLUCA, METEPEC], { now: NOW });
    expect(
      (
        await record(TOLUCA, {
          startsOn: "2022-01-01",
          endsOn: "2024-12-31",
          headName: "Raymundo Martínez Carbajal",
        })
      ).statusCode,
    ).toBe(201);
    const response = await record(TOLUCA, {
      startsOn: "2025-01-01",
      endsOn: "2027-12-31",
      headName: "Ricardo Moreno Bastida",
    });
    expect(response.statusCode).toBe(201);
    expect(
      json<Administration[]>(response).map((term) => [term.startsOn, term.headName, term.current]),
    ).toEqual([
      ["2022-01-01", "Raymundo Martínez Carbajal", false],
      ["2025-01-01", "Ricardo Moreno Bastida", true],
    ]);
    const liaison = actors.liaisons.get(TOLUCA)?.session;
    expect(
      json<Administration[]>(
        await ctx.get(`/api/municipalities/${TOLUCA}/administrations`, liaison),
      ),
    ).toHaveLength(2);
    const [, event] = await auditEventsOf(ctx.handle.db, "administration.recorded", {
      municipality: TOLUCA,
    });
    expect(event?.before).toMatchObject({ headName: "Raymundo Martínez Carbajal" });
    expect(event?.after).toMatchObject({ headName: "Ricardo Moreno Bastida" });
  });

  it("refuses an overlapping term and one that ends before it starts, recording nothing", async () => {
    const refusals = [
      [{ startsOn: "2027-01-01", endsOn: "2029-12-31" }, 409, "administration_overlaps"],
      [{ startsOn: "2030-01-01", endsOn: "2028-12-31" }, 400, "administration_dates_out_of_order"],
    ] as const;
    for (const [dates, status, code] of refusals) {
      const refused = await record(TOLUCA, { ...dates, headName: "Otra persona" });
      expect(refused.statusCode, code).toBe(status);
      expect(errorCode(refused)).toBe(code);
    }
    expect(
      json<Administration[]>(await ctx.get(`/api/municipalities/${TOLUCA}/administrations`, admin)),
    ).toHaveLength(2);
    expect(
      (
        await record(
          TOLUCA,
          { startsOn: "2028-01-01", endsOn: "2030-12-31", headName: "X" },
          reviewerOnly,
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe("GET /api/municipalities/:cvegeo/handover.pdf", () => {
  it("prints every tool's state, open observations, the administrations and the instruments", async () => {
    await review(ctx, actors, TOLUCA, "E2", VALIDATE);
    await review(ctx, actors, TOLUCA, "R4", RETURN);
    const liaison = actors.liaisons.get(TOLUCA)?.session;
    const response = await ctx.get(`/api/municipalities/${TOLUCA}/handover.pdf`, liaison);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(response.rawPayload);
    for (const line of [
      "Acta de entrega-recepción del MRTM",
      "Administración saliente: 2022–2024, Raymundo Martínez Carbajal",
      "Administración entrante: 2025–2027, Ricardo Moreno Bastida",
      "Estado de las herramientas y sus ciclos",
      "Validada",
      "Con observaciones",
      "Falta la firma del titular.",
      "Adjunte el acta de aprobación del cabildo.",
      "Próximos plazos",
      "M2 Batería de indicadores",
      "sin adoptar",
      "Firma del convenio",
    ]) {
      expect(text).toContain(line);
    }
    // Another municipality's record is not found; printing is audited.
    expect((await ctx.get(`/api/municipalities/${METEPEC}/handover.pdf`, liaison)).statusCode).toBe(
      404,
    );
    const printed = await auditEventsOf(ctx.handle.db, "handover.printed");
    expect(printed).toHaveLength(1);
    expect(printed[0]?.after).toMatchObject({ asOf: "2026-03-10", openObservations: 2 });
  });
});
