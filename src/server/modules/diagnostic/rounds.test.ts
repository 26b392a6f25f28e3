import { describe, expect, it } from "vitest";
import type { Diagnostic, DiagnosticComparison } from "../../../contracts/participation.js";
import { diagnosticRounds } from "../../db/schema/index.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";

const NOW = new Date("2026-03-10T18:00:00Z");
const ctx = setUpTestApp({ agreements: ["15106"], now: () => NOW });
const liaison = ctx.session("liaison");
const collaborator = ctx.session("collaborator");
const admin = ctx.session("admin");
const reviewer = ctx.session("reviewer");

const url = "/api/municipalities/15106/diagnostic";
const get = async () => json<Diagnostic>(await ctx.get(url, liaison));
const startRound = (session = liaison) => ctx.send("POST", `${url}/rounds`, session);
const recordAdministration = (startsOn: string, endsOn: string, headName: string) =>
  ctx.send("POST", "/api/municipalities/15106/administrations", admin, {
    startsOn,
    endsOn,
    headName,
  });
/** Answers every asked row: the listed tools pending, the others pending too, then submits. */
const answerAndSubmit = async (answers: Record<string, "pending">) => {
  const diagnostic = await get();
  const asked = diagnostic.items.filter((i) => i.tool !== "E1");
  const saved = await ctx.send("PUT", url, liaison, {
    answers: asked.map((i) => ({ instanceId: i.instanceId, answer: answers[i.tool] ?? "pending" })),
  });
  expect(saved.statusCode).toBe(200);
  const submitted = await ctx.send("POST", `${url}/submit`, liaison);
  expect(submitted.statusCode).toBe(200);
};

describe("a new round of the diagnostic, once per administration", () => {
  it("refuses a new round while the first is a draft (409), writing nothing", async () => {
    await recordAdministration("2022-01-01", "2024-12-31", "Presidencia anterior");
    const response = await startRound();
    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("diagnostic_round_not_submitted");
    expect(await ctx.handle.db.select().from(diagnosticRounds)).toHaveLength(0);
    expect((await get()).newRound.allowed).toBe(false);
  });

  it("refuses a second round under the administration that answered the first (409)", async () => {
    await answerAndSubmit({});
    const diagnostic = await get();
    expect(diagnostic).toMatchObject({ status: "submitted", round: 1 });
    expect(diagnostic.newRound.allowed).toBe(false);
    const response = await startRound();
    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("diagnostic_round_same_administration");
    const comparison = await ctx.get(`${url}/comparison`, liaison);
    expect(comparison.statusCode).toBe(404);
  });

  it("lets only the liaison start it once a new administration is recorded", async () => {
    expect(
      (await recordAdministration("2025-01-01", "2027-12-31", "Presidencia actual")).statusCode,
    ).toBe(201);
    expect((await get()).newRound).toEqual({ allowed: true, reason: null });
    for (const session of [collaborator, reviewer, admin]) {
      expect((await startRound(session)).statusCode).toBe(403);
    }
    const response = await startRound();
    expect(response.statusCode).toBe(200);
    const diagnostic = json<Diagnostic>(response);
    expect(diagnostic).toMatchObject({ status: "draft", round: 2, submittedAt: null });
    expect(diagnostic.items.every((i) => i.answer === null)).toBe(true);
    const [kept] = await ctx.handle.db.select().from(diagnosticRounds);
    expect(kept?.round).toBe(1);
    expect(Object.keys(kept?.answers ?? {})).toHaveLength(22);
    const [event] = await auditEventsOf(ctx.handle.db, "diagnostic.round_started");
    expect(event).toMatchObject({
      entityId: "15106",
      before: { round: 1, answered: 22 },
      after: { round: 2 },
    });
    // Started: a second start is refused, the first round is not archived twice.
    expect(errorCode(await startRound())).toBe("diagnostic_round_not_submitted");
  });

  it("shows the previous round beside the new one, tool by tool, changes marked", async () => {
    const diagnostic = await get();
    const e2 = diagnostic.items.find((i) => i.tool === "E2");
    const e3a = diagnostic.items.find((i) => i.tool === "E3" && i.part === "a");
    if (!e2 || !e3a) {
      throw new Error("E2 or E3 a) missing");
    }
    // A draft: an unanswered row is not a change; an answer that differs is.
    await ctx.send("PUT", url, collaborator, {
      answers: [{ instanceId: e2.instanceId, answer: "has" }],
    });
    await ctx.send("PUT", url, collaborator, {
      answers: [{ instanceId: e3a.instanceId, answer: "pending" }],
    });
    for (const session of [liaison, reviewer, admin]) {
      const response = await ctx.get(`${url}/comparison`, session);
      expect(response.statusCode).toBe(200);
      const comparison = json<DiagnosticComparison>(response);
      expect(comparison.previous.round).toBe(1);
      expect(comparison.current).toMatchObject({ round: 2, status: "draft" });
      expect(comparison.changed).toBe(1);
      const row = (id: string) => comparison.rows.find((r) => r.instanceId === id);
      expect(row(e2.instanceId)).toMatchObject({
        previous: "Pendiente de elaboración",
        current: "Ya cuenta con ella",
        changed: true,
      });
      expect(row(e3a.instanceId)).toMatchObject({
        previous: "Pendiente de elaboración",
        current: "Pendiente de elaboración",
        changed: false,
      });
      expect(comparison.rows[0]).toMatchObject({ previous: "No se preguntó", changed: false });
    }
  });
});
