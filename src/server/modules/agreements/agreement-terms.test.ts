import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Agreement, AgreementChange, ToolInstance } from "../../../contracts/participation.js";
import type { PublicMunicipality, PublicRankingPage } from "../../../contracts/public.js";
import { agreementChanges } from "../../db/schema/index.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import { samplePdf } from "../../test/samples.js";

// 10 March 2026 at noon in Mexico City.
const NOW = new Date("2026-03-10T18:00:00Z");
const ctx = setUpTestApp({ now: () => NOW, agreements: [TOLUCA, METEPEC] });
const admin = ctx.session("admin");
const reviewer = ctx.session("reviewer");
const liaison = ctx.session("liaison", { municipality: TOLUCA });

const agreementOf = async (cvegeo: string) =>
  json<Agreement>(await ctx.get(`/api/municipalities/${cvegeo}/agreement`, admin));
const change = async (cvegeo: string, payload: Record<string, unknown>, session = admin) =>
  ctx.send("POST", `/api/agreements/${(await agreementOf(cvegeo)).id}/changes`, session, payload);
const changes = async (cvegeo: string, session = admin) =>
  json<AgreementChange[]>(
    await ctx.get(`/api/municipalities/${cvegeo}/agreement/changes`, session),
  );
const ranking = async () =>
  json<PublicRankingPage>(await ctx.get("/api/public/ranking?page=1&pageSize=50"));
const publicPage = async (cvegeo: string) =>
  json<PublicMunicipality>(await ctx.get(`/api/public/municipalities/${cvegeo}`));

describe("POST /api/agreements/:id/changes", () => {
  it("ratifies an agreement with its new document; participation does not change", async () => {
    const response = await change(TOLUCA, { kind: "ratification", effectiveOn: "2025-01-15" });
    expect(response.statusCode).toBe(201);
    const ratification = json<AgreementChange>(response);
    expect(ratification).toMatchObject({
      kind: "ratification",
      effectiveOn: "2025-01-15",
      reason: "",
      document: null,
    });
    const attached = await ctx.upload(
      `/api/agreement-changes/${ratification.id}/document`,
      admin,
      "Ratificación 2025.pdf",
      await samplePdf("Ratificación"),
    );
    expect(attached.statusCode).toBe(204);
    const [listed] = await changes(TOLUCA, liaison);
    expect(listed?.document?.fileName).toBe("Ratificación 2025.pdf");
    const download = await ctx.get(`/api/agreement-changes/${ratification.id}/document`, liaison);
    expect(download.statusCode).toBe(200);
    expect((await agreementOf(TOLUCA)).participation).toEqual({
      status: "active",
      since: "2022-11-16",
    });
  });

  it("refuses a termination without reason, and dates out of order, changing nothing", async () => {
    const refusals = [
      [{ kind: "termination", effectiveOn: "2026-01-31" }, 400, "termination_reason_required"],
      [
        { kind: "termination", effectiveOn: "2021-01-31", reason: "Acuerdo de cabildo" },
        400,
        "agreement_dates_out_of_order",
      ],
      [
        { kind: "suspension", effectiveOn: "2026-03-11", reason: "Cambio de titular" },
        400,
        "agreement_change_in_future",
      ],
      [{ kind: "resumption", effectiveOn: "2026-01-31" }, 409, "agreement_change_not_allowed"],
    ] as const;
    for (const [payload, status, code] of refusals) {
      const refused = await change(METEPEC, payload);
      expect(refused.statusCode, code).toBe(status);
      expect(errorCode(refused)).toBe(code);
    }
    expect(await changes(METEPEC)).toEqual([]);
    expect((await agreementOf(METEPEC)).participation.status).toBe("active");
  });

  it("takes a terminated municipality out of the ranking; its public page says since when", async () => {
    expect((await ranking()).items.map((item) => item.cvegeo).sort()).toEqual([METEPEC, TOLUCA]);
    const terminated = await change(METEPEC, {
      kind: "termination",
      effectiveOn: "2026-02-28",
      reason: "El cabildo acordó no continuar",
    });
    expect(terminated.statusCode).toBe(201);
    expect((await agreementOf(METEPEC)).participation).toEqual({
      status: "ended",
      since: "2026-02-28",
    });
    expect((await ranking()).items.map((item) => item.cvegeo)).toEqual([TOLUCA]);
    const page = await publicPage(METEPEC);
    expect(page).toMatchObject({
      participating: false,
      left: { status: "ended", since: "2026-02-28", signedOn: "2022-11-16" },
      scores: null,
    });
    // Its history stays: staff still read its tools.
    const tools = json<ToolInstance[]>(
      await ctx.get(`/api/municipalities/${METEPEC}/tools`, admin),
    );
    expect(tools.find((tool) => tool.tool === "E1")?.state).toBe("validated");
    // Audited with before and after.
    const [event] = await auditEventsOf(ctx.handle.db, "agreement.changed", {
      municipality: METEPEC,
    });
    expect(event?.before).toEqual({ participation: "active", since: "2022-11-16" });
    expect(event?.after).toMatchObject({
      change: "termination",
      reason: "El cabildo acordó no continuar",
      participation: "ended",
    });
  });

  it("brings a municipality back with a new agreement; no suspension after termination", async () => {
    const suspend = await change(METEPEC, {
      kind: "suspension",
      effectiveOn: "2026-03-01",
      reason: "x",
    });
    expect(errorCode(suspend)).toBe("agreement_change_not_allowed");
    const renewed = await change(METEPEC, {
      kind: "renewal",
      effectiveOn: "2026-03-02",
      validUntil: "2027-12-31",
    });
    expect(renewed.statusCode).toBe(201);
    expect(json<AgreementChange>(renewed).validUntil).toBe("2027-12-31");
    expect((await agreementOf(METEPEC)).participation).toEqual({
      status: "active",
      since: "2026-03-02",
    });
    expect((await ranking()).items.map((item) => item.cvegeo).sort()).toEqual([METEPEC, TOLUCA]);
    expect((await publicPage(METEPEC)).left).toBeNull();
    const kinds = (await changes(METEPEC)).map((c) => c.kind);
    expect(kinds).toEqual(["termination", "renewal"]);
  });

  it("suspends and resumes, refusing a suspension without reason", async () => {
    const noReason = await change(TOLUCA, { kind: "suspension", effectiveOn: "2026-03-03" });
    expect(errorCode(noReason)).toBe("suspension_reason_required");
    expect(
      (
        await change(TOLUCA, {
          kind: "suspension",
          effectiveOn: "2026-03-03",
          reason: "Proceso electoral extraordinario",
        })
      ).statusCode,
    ).toBe(201);
    expect((await publicPage(TOLUCA)).left).toMatchObject({
      status: "suspended",
      since: "2026-03-03",
    });
    expect(
      (await change(TOLUCA, { kind: "resumption", effectiveOn: "2026-03-09" })).statusCode,
    ).toBe(201);
    expect((await agreementOf(TOLUCA)).participation).toEqual({
      status: "active",
      since: "2026-03-09",
    });
  });

  it("is for admins only; a municipality reads its own changes, not another's", async () => {
    const refused = await change(TOLUCA, { kind: "renewal", effectiveOn: "2026-03-10" }, reviewer);
    expect(refused.statusCode).toBe(403);
    expect(
      (await ctx.get(`/api/municipalities/${METEPEC}/agreement/changes`, liaison)).statusCode,
    ).toBe(404);
    const rows = await ctx.handle.db
      .select()
      .from(agreementChanges)
      .where(eq(agreementChanges.effectiveOn, "2026-03-10"));
    expect(rows).toEqual([]);
  });
});
