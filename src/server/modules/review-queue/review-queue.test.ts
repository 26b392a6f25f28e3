import { beforeAll, describe, expect, it } from "vitest";
import type {
  ReviewQueueItem,
  TimelineEvent,
  ToolInstance,
  ToolInstanceDetail,
} from "../../../contracts/participation.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { json, setUpTestApp } from "../../test/app.js";
import { type Session, signedIn } from "../../test/factories.js";
import { answerOpenObservations } from "../../test/progress.js";
import { PROJECT_CARD, SAMPLE_PNG, samplePdf } from "../../test/samples.js";
import { registerAgreement } from "../agreements/service.js";

const ctx = setUpTestApp({ now: () => clock });
const reviewer = ctx.session("reviewer");
const liaisons = new Map<string, Session>();
const tools = new Map<string, ToolInstance[]>();
let clock = new Date("2026-11-20T17:00:00Z");

beforeAll(async () => {
  for (const [cvegeo, cohort] of [
    ["15106", "Cohorte 2022"],
    ["15054", "Cohorte 2023"],
  ] as const) {
    await registerAgreement(
      ctx.handle.db,
      { municipality: cvegeo, signedOn: "2022-11-16", cohort },
      SYSTEM_ACTOR,
      clock,
    );
    const session = (await signedIn(ctx.app, "liaison", { municipality: cvegeo })).session;
    liaisons.set(cvegeo, session);
    tools.set(
      cvegeo,
      json<ToolInstance[]>(await ctx.get(`/api/municipalities/${cvegeo}/tools`, session)),
    );
  }
});

const idOf = (cvegeo: string, tool: string) =>
  tools.get(cvegeo)?.find((t) => t.tool === tool)?.id ?? "";

async function uploadAndSubmit(cvegeo: string, tool: string, file: Buffer, name: string) {
  const session = liaisons.get(cvegeo) as Session;
  const upload = await ctx.upload(
    `/api/tool-instances/${idOf(cvegeo, tool)}/evidence`,
    session,
    name,
    file,
  );
  expect(upload.statusCode).toBe(201);
  await answerOpenObservations(ctx, session, idOf(cvegeo, tool));
  const submit = await ctx.send(
    "POST",
    `/api/tool-instances/${idOf(cvegeo, tool)}/submit`,
    session,
  );
  expect(submit.statusCode).toBe(200);
  return json<ToolInstanceDetail>(upload).evidence.at(-1)?.id ?? "";
}

const queue = async (query = "") =>
  json<ReviewQueueItem[]>(await ctx.get(`/api/review-queue${query}`, reviewer));

describe("GET /api/review-queue", () => {
  it("lists submitted tools, the longest waiting first, with filters", async () => {
    await uploadAndSubmit(
      "15054",
      "C4",
      await samplePdf("Política de datos abiertos"),
      "datos.pdf",
    );
    clock = new Date("2026-11-23T17:00:00Z");
    await uploadAndSubmit("15106", "E2", await samplePdf(), "politica.pdf");
    clock = new Date("2026-11-25T17:00:00Z");
    const all = await queue();
    expect(all.map((i) => [i.municipality.name, i.tool, i.daysWaiting])).toEqual([
      ["Metepec", "C4", 5],
      ["Toluca", "E2", 2],
    ]);
    expect((await queue("?cohort=Cohorte%202022")).map((i) => i.tool)).toEqual(["E2"]);
    expect((await queue("?dimension=C")).map((i) => i.tool)).toEqual(["C4"]);
    expect((await queue("?municipality=15106&tool=E2")).map((i) => i.municipality.cvegeo)).toEqual([
      "15106",
    ]);
  });
});

describe("GET /api/evidence/:id/preview", () => {
  it("shows a PDF or image inline, framable only by our own pages", async () => {
    const id = await uploadAndSubmit("15106", "R4", SAMPLE_PNG, "oficina.png");
    const response = await ctx.get(`/api/evidence/${id}/preview`, reviewer);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(response.headers["content-disposition"]).toMatch(/^inline;/);
    expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'self'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("E4's deadline from its project cards", () => {
  it("takes the end date of the municipality's project card", async () => {
    const session = liaisons.get("15106") as Session;
    const created = await ctx.send(
      "POST",
      "/api/municipalities/15106/project-cards",
      session,
      PROJECT_CARD,
    );
    expect(created.statusCode).toBe(201);
    const response = await ctx.get(`/api/tool-instances/${idOf("15106", "E4")}`, session);
    expect(json<ToolInstanceDetail>(response)).toMatchObject({
      deadline: "2027-03-31",
      overdue: false,
      daysLeft: 126,
    });
  });
});

describe("GET /api/municipalities/:cvegeo/timeline", () => {
  it("tells everything that happened in the municipality, newest first, without sign-ins", async () => {
    const response = await ctx.app.inject({
      method: "GET",
      url: "/api/municipalities/15106/timeline",
      headers: { cookie: liaisons.get("15106")?.cookie ?? "" },
    });
    const { items, total } = json<{ items: TimelineEvent[]; total: number }>(response);
    expect(total).toBe(items.length);
    const paged = json<{ items: TimelineEvent[]; total: number }>(
      await ctx.app.inject({
        method: "GET",
        url: "/api/municipalities/15106/timeline?pageSize=3&page=2",
        headers: { cookie: liaisons.get("15106")?.cookie ?? "" },
      }),
    );
    // Sign-ins are left out in the query itself: the page is full and the total counts only the rest.
    expect(paged.items.map((e) => e.action)).toEqual(items.slice(3, 6).map((e) => e.action));
    expect(paged.total).toBe(total);
    expect(items.map((e) => e.action)).toEqual([
      "tool_instance.deadline_set",
      "project_card.created",
      "evidence.downloaded",
      "tool_instance.submitted",
      "evidence.uploaded",
      "tool_instance.submitted",
      "evidence.uploaded",
      "user.created",
      "tool_instance.validated",
      "agreement.registered",
    ]);
    const other = await ctx.app.inject({
      method: "GET",
      url: "/api/municipalities/15106/timeline",
      headers: { cookie: liaisons.get("15054")?.cookie ?? "" },
    });
    expect(other.statusCode).toBe(404);
  });
});

describe("GET /api/review-queue after a return", () => {
  it("marks a resubmission and counts its wait from the latest submission", async () => {
    const [item] = (await queue("?municipality=15106&tool=E2")) as [ReviewQueueItem];
    const returned = await ctx.send(
      "POST",
      `/api/tool-instances/${item.instanceId}/review`,
      reviewer,
      {
        decision: "request_changes",
        observations: [{ type: "observacion", text: "Falta la firma." }],
        expectedVersion: item.version,
      },
    );
    expect(returned.statusCode).toBe(200);
    expect((await queue()).map((i) => i.tool)).toEqual(["C4", "R4"]);
    try {
      clock = new Date("2026-11-26T17:00:00Z");
      await uploadAndSubmit("15106", "E2", await samplePdf(), "politica-v2.pdf");
      clock = new Date("2026-11-27T17:00:00Z");
      expect(
        (await queue()).map((i) => [i.tool, i.daysWaiting, i.resubmission, i.submittedAt]),
      ).toEqual([
        ["C4", 7, false, "2026-11-20T17:00:00.000Z"],
        ["R4", 2, false, "2026-11-25T17:00:00.000Z"],
        ["E2", 1, true, "2026-11-26T17:00:00.000Z"],
      ]);
    } finally {
      clock = new Date("2026-11-25T17:00:00Z");
    }
  });
});

describe("yearly cycles opening as time passes", () => {
  it("opens the next cycle of each annual tool on the first visit after the anniversary", async () => {
    const list = async () =>
      json<ToolInstance[]>(await ctx.get("/api/municipalities/15106/tools", reviewer));
    expect((await list()).filter((t) => t.tool === "M3").map((t) => t.cycle)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    clock = new Date("2027-11-16T18:00:00Z");
    const after = await list();
    expect(after.filter((t) => t.tool === "M3").map((t) => [t.cycle, t.deadline])).toContainEqual([
      6,
      "2028-11-16",
    ]);
    expect(after.filter((t) => t.cycle === 6)).toHaveLength(4);
    // Listing again opens nothing more.
    expect((await list()).length).toBe(after.length);
  });
});
