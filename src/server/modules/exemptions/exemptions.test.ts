import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MunicipalDashboard } from "../../../contracts/dashboard.js";
import type { Exemption } from "../../../contracts/exemptions.js";
import type { GapMatrix } from "../../../contracts/gap-matrix.js";
import { toolExemptions } from "../../db/schema/index.js";
import { createTestContext, errorCode, json, type TestContext } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { registerTestAgreement, type Session, signedIn } from "../../test/factories.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";

const NOW = new Date("2024-01-10T18:00:00Z");

let ctx: TestContext;
let reviewer: Session;
let liaison: Session;
let otherLiaison: Session;

beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => NOW });
  await registerTestAgreement(ctx.handle.db, TOLUCA, { now: NOW });
  await registerTestAgreement(ctx.handle.db, METEPEC, { now: NOW });
  reviewer = (await signedIn(ctx.app, "reviewer")).session;
  liaison = (await signedIn(ctx.app, "liaison", { municipality: TOLUCA })).session;
  otherLiaison = (await signedIn(ctx.app, "liaison", { municipality: METEPEC })).session;
});
afterAll(() => ctx.app.close());

const exempt = (session: Session, payload: Record<string, unknown>, cvegeo = TOLUCA) =>
  ctx.app.inject({
    method: "POST",
    url: `/api/municipalities/${cvegeo}/exemptions`,
    headers: session.headers,
    payload,
  });

async function dashboard(cvegeo: string): Promise<MunicipalDashboard> {
  const response = await ctx.app.inject({
    method: "GET",
    url: `/api/municipalities/${cvegeo}/dashboard`,
    headers: { cookie: reviewer.cookie },
  });
  return json<MunicipalDashboard>(response);
}

async function matrixRow(cvegeo: string) {
  const response = await ctx.app.inject({
    method: "GET",
    url: "/api/gap-matrix",
    headers: { cookie: reviewer.cookie },
  });
  const matrix = json<GapMatrix>(response);
  const row = matrix.rows.find((candidate) => candidate.municipality.cvegeo === cvegeo);
  return { row, position: matrix.columns.findIndex((column) => column.tool === "R3") };
}

describe("POST /api/municipalities/:cvegeo/exemptions", () => {
  it("should refuse a municipality's people, an empty reason and an unknown tool, with nothing written", async () => {
    expect((await exempt(liaison, { tool: "R3", reason: "No aplica" })).statusCode).toBe(403);
    expect((await exempt(reviewer, { tool: "R3", reason: " " })).statusCode).toBe(400);
    expect((await exempt(reviewer, { tool: "Z9", reason: "No aplica" })).statusCode).toBe(404);
    expect(await ctx.handle.db.select().from(toolExemptions)).toEqual([]);
  });

  it("should take the tool out of the index and show it «Exenta» in the gap matrix, audited", async () => {
    const before = await dashboard(TOLUCA);
    expect(before.tools.map((tool) => tool.code)).toContain("R3");
    const response = await exempt(reviewer, {
      tool: "R3",
      reason: "El municipio no tiene organismos descentralizados.",
    });
    expect(response.statusCode).toBe(201);
    expect(json<Exemption>(response)).toMatchObject({ tool: "R3", active: true });
    const after = await dashboard(TOLUCA);
    expect(after.tools.map((tool) => tool.code)).not.toContain("R3");
    // R3 was pending and due: without it the index can only rise, and one less delivery is due.
    expect(after.index ?? 0).toBeGreaterThanOrEqual(before.index ?? 0);
    expect(after.onTime.due).toBeLessThan(before.onTime.due);
    const { row, position } = await matrixRow(TOLUCA);
    expect(row?.exempt).toEqual(["R3"]);
    expect(row?.cells[position]).toBeNull();
    expect((await matrixRow(METEPEC)).row?.exempt).toEqual([]);
    const [event] = await auditEventsOf(ctx.handle.db, "exemption.granted");
    expect(event?.municipalityCvegeo).toBe(TOLUCA);

    const again = await exempt(reviewer, { tool: "R3", reason: "Otra vez" });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("exemption_already_active");
  });

  it("should list the municipality's exemptions to it, not to another municipality", async () => {
    const own = await ctx.app.inject({
      method: "GET",
      url: `/api/municipalities/${TOLUCA}/exemptions`,
      headers: { cookie: liaison.cookie },
    });
    expect(json<Exemption[]>(own).map((row) => row.tool)).toEqual(["R3"]);
    const other = await ctx.app.inject({
      method: "GET",
      url: `/api/municipalities/${TOLUCA}/exemptions`,
      headers: { cookie: otherLiaison.cookie },
    });
    expect(other.statusCode).toBe(404);
  });
});

describe("POST /api/exemptions/:id/lift", () => {
  it("should count the tool again, keep the history, and refuse lifting twice", async () => {
    const [row] = await ctx.handle.db.select().from(toolExemptions);
    const lift = () =>
      ctx.app.inject({
        method: "POST",
        url: `/api/exemptions/${row?.id}/lift`,
        headers: reviewer.headers,
        payload: { reason: "Creó un organismo descentralizado." },
      });
    const response = await lift();
    expect(response.statusCode).toBe(200);
    expect(json<Exemption>(response)).toMatchObject({ active: false });
    expect((await dashboard(TOLUCA)).tools.map((tool) => tool.code)).toContain("R3");
    expect((await matrixRow(TOLUCA)).row?.exempt).toEqual([]);
    const twice = await lift();
    expect(twice.statusCode).toBe(409);
    expect(errorCode(twice)).toBe("exemption_not_active");
  });
});
