import { gunzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  MunicipalDashboard,
  RegionalDashboard,
  RegionalRanking,
  rankingRows,
} from "../../../contracts/dashboard.js";
import {
  supportActionInvitations,
  supportActions,
  supportActionTools,
} from "../../db/schema/index.js";
import type { PreparedJson } from "../../lib/prepared-json.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { type Session, signedIn } from "../../test/factories.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import {
  type CycleActors,
  cycleActors,
  joinMunicipalities,
  RETURN,
  review,
  submit,
  VALIDATE,
} from "../../test/progress.js";
import { municipalDashboardJson, regionalDashboard, regionalRanking } from "./service.js";

const NOT_SIGNED = "15001";
// A fixed clock: E2's deadline (16/02/2023) has passed; R2's cycle 1 is due, its cycle 2 open.
const NOW = new Date("2024-01-10T18:00:00Z");

const ctx = setUpTestApp({ now: () => NOW });
let actors: CycleActors;
let reviewer: Session;
let admin: Session;
let liaison: Session;
let collaborator: Session;
let otherLiaison: Session;

beforeAll(async () => {
  await joinMunicipalities(ctx, [TOLUCA], { now: NOW });
  await joinMunicipalities(ctx, [METEPEC], {
    cohort: "Cohorte 2023",
    signedOn: "2023-03-01",
    now: NOW,
  });
  actors = await cycleActors(ctx, [TOLUCA, METEPEC]);
  reviewer = actors.reviewer;
  admin = (await signedIn(ctx.app, "admin")).session;
  liaison = actors.liaisons.get(TOLUCA)?.session as Session;
  collaborator = (await signedIn(ctx.app, "collaborator", { municipality: TOLUCA })).session;
  otherLiaison = actors.liaisons.get(METEPEC)?.session as Session;
});

const get = (url: string, session: Session | null, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: "GET", url, headers: { cookie: session?.cookie ?? "", ...headers } });

async function regional(session: Session = reviewer): Promise<RegionalDashboard> {
  const response = await get("/api/dashboard/regional", session);
  expect(response.statusCode).toBe(200);
  return RegionalDashboard.parse(json(response));
}

async function ranking(session: Session = reviewer) {
  const response = await get("/api/dashboard/regional/ranking", session);
  expect(response.statusCode).toBe(200);
  return rankingRows(RegionalRanking.parse(json(response)));
}

describe("GET /api/dashboard/regional", () => {
  it("should answer 401 without a session and 403 to municipal users", async () => {
    for (const url of ["/api/dashboard/regional", "/api/dashboard/regional/ranking"]) {
      expect((await get(url, null)).statusCode).toBe(401);
      for (const session of [liaison, collaborator]) {
        const response = await get(url, session);
        expect(response.statusCode).toBe(403);
        expect(errorCode(response)).toBe("forbidden");
      }
    }
  });

  it("should give staff the region's figures in the documented shape", async () => {
    const dashboard = await regional(admin);
    expect(dashboard.asOf).toBe("2024-01-10");
    expect(dashboard.participants).toBe(2);
    expect(dashboard.municipalitiesInCatalog).toBe(125);
    expect(dashboard.model.dimensions.map((d) => d.name)).toEqual([
      "Estrategia",
      "Recursos",
      "Procesos",
      "Ciudadanía",
      "Mejora continua",
    ]);
    // Only E1 (validated on signing) counts: 1 of 4 Estrategia tools, 1 of 5 dimensions.
    expect((await ranking(admin)).map((row) => [row.cvegeo, row.rank, row.index])).toEqual([
      [METEPEC, 1, 5],
      [TOLUCA, 1, 5],
    ]);
    expect(dashboard.index).toEqual({ mean: 5, median: 5 });
    expect(dashboard.histogram[0]).toEqual({ from: 0, to: 10, count: 2 });
    expect(dashboard.tools.find((tool) => tool.code === "E1")?.states.validated).toBe(2);
    expect(dashboard.cohorts.map((c) => [c.cohort, c.municipalities])).toEqual([
      ["Cohorte 2022", 1],
      ["Cohorte 2023", 1],
    ]);
    expect(dashboard.overdue.municipalities).toBe(2);
    expect(dashboard.trend).toEqual([
      expect.objectContaining({ takenOn: "2024-01-10", live: true, index: 5 }),
    ]);
  });

  it("should change in the very next request after a review (no stale cache)", async () => {
    const before = await get("/api/dashboard/regional", reviewer);
    const rankingBefore = await get("/api/dashboard/regional/ranking", reviewer);
    await review(ctx, actors, TOLUCA, "E2", VALIDATE);
    const after = await get("/api/dashboard/regional", reviewer);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const dashboard = RegionalDashboard.parse(json(after));
    const rankingAfter = await get("/api/dashboard/regional/ranking", reviewer);
    expect(rankingAfter.headers.etag).not.toBe(rankingBefore.headers.etag);
    const rows = rankingRows(RegionalRanking.parse(json(rankingAfter)));
    // E1 and E2 validated: half of Estrategia, a tenth of the index.
    const toluca = rows.find((row) => row.cvegeo === TOLUCA);
    // Overdue: E3, R1, R4, P1, P2, C1–C4, M2, M4 (E2 validated, E4 undated), and the yearly
    // R2, R3, M1, M3, whose cycle 1 (due 16/11/2023) was missed while cycle 2 is under way.
    expect(toluca).toMatchObject({ rank: 1, index: 10, overdueTools: 15 });
    expect(toluca?.dimensions.E).toBe(50);
    expect(rows[1]).toMatchObject({ cvegeo: METEPEC, rank: 2, index: 5 });
    expect(dashboard.dimensions[0]).toMatchObject({ code: "E", mean: 37.5, median: 37.5 });
  });

  it("should count the review backlog and open observations", async () => {
    await submit(ctx, actors, METEPEC, "E2");
    await review(ctx, actors, TOLUCA, "C1", RETURN);
    const dashboard = await regional();
    expect(dashboard.reviewBacklog).toEqual({
      submitted: 1,
      medianDaysWaiting: 0,
      longestDaysWaiting: 0,
    });
    expect(dashboard.openObservations).toBe(2);
    const c1 = dashboard.tools.find((tool) => tool.code === "C1");
    expect(c1?.states.changes_requested).toBe(1);
    const rows = await ranking();
    expect(rows.find((row) => row.cvegeo === TOLUCA)?.openObservations).toBe(2);
    expect(rows.find((row) => row.cvegeo === METEPEC)?.inReview).toBe(1);
  });

  it("should send gzip to clients that accept it and 304 when the ETag matches", async () => {
    for (const url of ["/api/dashboard/regional", "/api/dashboard/regional/ranking"]) {
      const plain = await get(url, reviewer);
      const zipped = await get(url, reviewer, { "accept-encoding": "gzip" });
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(zipped.headers.vary).toContain("accept-encoding");
      expect(gunzipSync(zipped.rawPayload).toString("utf8")).toBe(plain.body);
      const etag = String(plain.headers.etag);
      const again = await get(url, reviewer, { "if-none-match": etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe("");
    }
  });
});

describe("GET /api/municipalities/:cvegeo/dashboard", () => {
  const url = (cvegeo: string) => `/api/municipalities/${cvegeo}/dashboard`;

  it("should show a municipality to its own people and to staff, and 404 to others", async () => {
    for (const session of [liaison, collaborator, reviewer, admin]) {
      expect((await get(url(TOLUCA), session)).statusCode).toBe(200);
    }
    const hidden = await get(url(TOLUCA), otherLiaison);
    expect(hidden.statusCode).toBe(404);
    expect(errorCode(hidden)).toBe("not_found");
    expect((await get(url(TOLUCA), null)).statusCode).toBe(401);
    expect((await get(url("15999"), reviewer)).statusCode).toBe(404);
  });

  it("should set the index and dimensions against the regional median", async () => {
    const dashboard = MunicipalDashboard.parse(json(await get(url(TOLUCA), liaison)));
    expect(dashboard).toMatchObject({
      participating: true,
      cohort: "Cohorte 2022",
      signedOn: "2022-11-16",
      participants: 2,
      rank: 1,
      index: 10,
      regionalMedianIndex: 7.5,
    });
    expect(dashboard.dimensions[0]).toEqual({
      code: "E",
      name: "Estrategia",
      score: 50,
      regionalMedian: 37.5,
    });
    expect(dashboard.tools).toHaveLength(18);
    expect(dashboard.tools.find((tool) => tool.code === "E2")).toMatchObject({
      state: "validated",
      score: 100,
      overdue: false,
    });
  });

  it("should list past and upcoming deadlines with the overdue ones marked", async () => {
    const { deadlines } = MunicipalDashboard.parse(json(await get(url(TOLUCA), reviewer)));
    const sorted = [...deadlines].sort((a, b) => a.deadline.localeCompare(b.deadline));
    expect(deadlines).toEqual(sorted);
    const r4 = deadlines.find((d) => d.tool === "R4");
    expect(r4).toMatchObject({ deadline: "2023-02-16", overdue: true, state: "pending" });
    expect(r4?.daysLeft).toBeLessThan(0);
    // R2 is annual: its first cycle is past, the second is due on the next anniversary.
    const r2 = deadlines.filter((d) => d.tool === "R2");
    expect(r2.map((d) => [d.cycle, d.deadline])).toEqual([
      [1, "2023-11-16"],
      [2, "2024-11-16"],
    ]);
    expect(r2[1]?.overdue).toBe(false);
    expect(r2[1]?.daysLeft).toBeGreaterThan(0);
    expect(deadlines.find((d) => d.tool === "E2")?.overdue).toBe(false);
  });

  it("should list the open observations with links to their tool", async () => {
    const { openObservations } = MunicipalDashboard.parse(json(await get(url(TOLUCA), liaison)));
    expect(openObservations.map((o) => [o.tool, o.type, o.text, o.answered])).toEqual([
      ["C1", "observacion", "Falta la firma del titular.", false],
      ["C1", "requerimiento", "Adjunte el acta de aprobación del cabildo.", false],
    ]);
    const tool = await get(`/api/tool-instances/${openObservations[0]?.instanceId}`, liaison);
    expect(json(tool)).toMatchObject({ tool: "C1", state: "changes_requested" });
  });

  it("should list the support actions the municipality is invited to that have not ended", async () => {
    const action = async (title: string, startsAt: string, status = "planned" as const) => {
      const [row] = await ctx.handle.db
        .insert(supportActions)
        .values({
          type: "training",
          title,
          startsAt: new Date(startsAt),
          durationMinutes: 120,
          modality: "virtual",
          status,
        })
        .returning({ id: supportActions.id });
      const id = row?.id ?? "";
      await ctx.handle.db
        .insert(supportActionInvitations)
        .values({ actionId: id, municipalityCvegeo: TOLUCA });
      await ctx.handle.db.insert(supportActionTools).values([
        { actionId: id, toolCode: "R2" },
        { actionId: id, toolCode: "C1" },
      ]);
      return id;
    };
    await action("Capacitación pasada", "2024-01-05T16:00:00Z");
    await action("Capacitación cancelada", "2024-02-05T16:00:00Z", "cancelled" as "planned");
    const later = await action("Capacitación de febrero", "2024-02-20T16:00:00Z");
    const now = await action("Capacitación en curso", "2024-01-10T17:30:00Z");
    const { supportActions: listed } = MunicipalDashboard.parse(
      json(await get(url(TOLUCA), liaison)),
    );
    expect(listed.map((a) => a.id)).toEqual([now, later]);
    expect(listed[1]).toMatchObject({ title: "Capacitación de febrero", tools: ["C1", "R2"] });
    const other = MunicipalDashboard.parse(json(await get(url(METEPEC), otherLiaison)));
    expect(other.supportActions).toEqual([]);
  });

  it("should say a municipality without an agreement does not take part", async () => {
    const dashboard = MunicipalDashboard.parse(json(await get(url(NOT_SIGNED), reviewer)));
    expect(dashboard).toMatchObject({
      municipality: { cvegeo: NOT_SIGNED, name: "Acambay de Ruíz Castañeda" },
      participating: false,
      index: null,
      rank: null,
      dimensions: [],
      tools: [],
      deadlines: [],
    });
  });
});

describe("«Mi municipio»'s reads served as prepared bytes", () => {
  const dashboardUrl = (cvegeo: string) => `/api/municipalities/${cvegeo}/dashboard`;
  const toolsUrl = (cvegeo: string) => `/api/municipalities/${cvegeo}/tools`;

  it("should send gzip and 304, and still check who asks on every request", async () => {
    for (const url of [dashboardUrl(TOLUCA), toolsUrl(TOLUCA)]) {
      const plain = await get(url, liaison);
      expect(plain.statusCode).toBe(200);
      const zipped = await get(url, liaison, { "accept-encoding": "gzip" });
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(zipped.rawPayload).toString("utf8")).toBe(plain.body);
      const etag = String(plain.headers.etag);
      expect((await get(url, liaison, { "if-none-match": etag })).statusCode).toBe(304);
      // The bytes are kept, the authorisation is not: another municipality's liaison and a
      // visitor without a session are refused, even with the ETag.
      const other = await get(url, otherLiaison, { "if-none-match": etag });
      expect(other.statusCode).toBe(404);
      expect((await get(url, null, { "if-none-match": etag })).statusCode).toBe(401);
    }
  });

  it("should show a change of the municipality in the very next request", async () => {
    const before = await get(toolsUrl(METEPEC), otherLiaison);
    const dashboardBefore = await get(dashboardUrl(METEPEC), otherLiaison);
    const id = await submit(ctx, actors, METEPEC, "R4");
    const tools = await get(toolsUrl(METEPEC), otherLiaison);
    expect(tools.headers.etag).not.toBe(before.headers.etag);
    expect(
      (json(tools) as { id: string; state: string }[]).find((tool) => tool.id === id)?.state,
    ).toBe("submitted");
    const dashboard = MunicipalDashboard.parse(json(await get(dashboardUrl(METEPEC), reviewer)));
    expect(dashboard.deadlines.find((item) => item.instanceId === id)?.state).toBe("submitted");
    expect(
      (
        await get(dashboardUrl(METEPEC), otherLiaison, {
          "if-none-match": String(dashboardBefore.headers.etag),
        })
      ).statusCode,
    ).toBe(200);
  });

  it("should show a support action's new title and time once it is edited", async () => {
    const [row] = await ctx.handle.db
      .insert(supportActions)
      .values({
        type: "working_meeting",
        title: "Reunión de seguimiento",
        startsAt: new Date("2024-03-01T16:00:00Z"),
        durationMinutes: 60,
        modality: "virtual",
        status: "planned",
      })
      .returning({ id: supportActions.id });
    const id = row?.id ?? "";
    await ctx.handle.db
      .insert(supportActionInvitations)
      .values({ actionId: id, municipalityCvegeo: METEPEC });
    const listed = MunicipalDashboard.parse(json(await get(dashboardUrl(METEPEC), otherLiaison)));
    expect(listed.supportActions.find((action) => action.id === id)?.title).toBe(
      "Reunión de seguimiento",
    );
    // Only the action's own row changes: its invited municipality's dashboard follows.
    await ctx.handle.db
      .update(supportActions)
      .set({
        title: "Reunión de seguimiento (nueva fecha)",
        startsAt: new Date("2024-03-08T16:00:00Z"),
      })
      .where(eq(supportActions.id, id));
    const edited = MunicipalDashboard.parse(json(await get(dashboardUrl(METEPEC), otherLiaison)));
    expect(edited.supportActions.find((action) => action.id === id)).toMatchObject({
      title: "Reunión de seguimiento (nueva fecha)",
      startsAt: "2024-03-08T16:00:00.000Z",
    });
    await ctx.handle.db
      .update(supportActions)
      .set({ status: "cancelled" })
      .where(eq(supportActions.id, id));
    const cancelled = MunicipalDashboard.parse(
      json(await get(dashboardUrl(METEPEC), otherLiaison)),
    );
    expect(cancelled.supportActions.map((action) => action.id)).not.toContain(id);
  });
});

describe("a cached read answers in the same turn (decision 0039)", () => {
  const reads = [
    { url: "/api/dashboard/regional", read: () => regionalDashboard(ctx.handle.db, NOW) },
    { url: "/api/dashboard/regional/ranking", read: () => regionalRanking(ctx.handle.db, NOW) },
    {
      url: `/api/municipalities/${TOLUCA}/dashboard`,
      read: () => municipalDashboardJson(ctx.handle.db, TOLUCA, NOW),
    },
  ];

  it("should hand out the bytes it served, with no promise, until something is written", async () => {
    const etags = new Map<string, string>();
    for (const { url } of reads) {
      await get(url, reviewer);
      etags.set(url, String((await get(url, reviewer)).headers.etag));
    }
    for (const { url, read } of reads) {
      const ready = read();
      expect(ready).not.toBeInstanceOf(Promise);
      expect((ready as PreparedJson).etag).toBe(etags.get(url));
    }
    await submit(ctx, actors, TOLUCA, "C1");
    for (const { read } of reads) {
      const after = read();
      expect(after).toBeInstanceOf(Promise);
      await after;
    }
  });
});
