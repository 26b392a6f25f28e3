import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { MunicipalDashboard } from "../../../contracts/dashboard.js";
import type { Extension } from "../../../contracts/extensions.js";
import type { ToolInstance } from "../../../contracts/participation.js";
import { deadlineExtensions, notifications } from "../../db/schema/index.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import {
  registerTestAgreement,
  type Session,
  signedIn,
  toolInstanceOf,
} from "../../test/factories.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";

// E2's deadline is three months after the signing (2022-11-16): 2023-02-16.
const BEFORE_DEADLINE = new Date("2023-02-10T18:00:00Z");
const AFTER_DEADLINE = new Date("2023-03-10T18:00:00Z");

let clock = BEFORE_DEADLINE;
const ctx = setUpTestApp({ now: () => clock });
beforeAll(async () => {
  for (const cvegeo of [TOLUCA, METEPEC]) {
    await registerTestAgreement(ctx.handle.db, cvegeo, { now: BEFORE_DEADLINE });
  }
});
const { liaison, liaisonUser, collaborator, otherLiaison, reviewer } = ctx.cast(TOLUCA, METEPEC);
let e2: ToolInstance;

beforeAll(async () => {
  e2 = await toolInstanceOf(ctx.app, liaison, "E2");
});

const ask = (session: Session, instanceId: string, payload: Record<string, unknown>) =>
  ctx.send("POST", `/api/tool-instances/${instanceId}/extensions`, session, payload);
const decide = (id: string, payload: Record<string, unknown>, session = reviewer) =>
  ctx.send("POST", `/api/extensions/${id}/decision`, session, payload);

async function submitAndValidate(session: Session, instance: ToolInstance) {
  const uploaded = await ctx.upload(
    `/api/tool-instances/${instance.id}/evidence`,
    session,
    "politica.png",
  );
  expect(uploaded.statusCode).toBe(201);
  const submitted = await ctx.send("POST", `/api/tool-instances/${instance.id}/submit`, session);
  expect(submitted.statusCode).toBe(200);
  const validated = await ctx.send("POST", `/api/tool-instances/${instance.id}/review`, reviewer, {
    decision: "validate",
    expectedVersion: json<{ version: number }>(submitted).version,
  });
  expect(validated.statusCode).toBe(200);
}

async function onTime(cvegeo: string): Promise<MunicipalDashboard["onTime"]> {
  const response = await ctx.get(`/api/municipalities/${cvegeo}/dashboard`, reviewer);
  return json<MunicipalDashboard>(response).onTime;
}

describe("POST /api/tool-instances/:id/extensions", () => {
  it("should refuse a date not after the deadline in force, with nothing recorded", async () => {
    const response = await ask(liaison, e2.id, { requestedOn: "2023-02-16", reason: "Cambio" });
    expect(response.statusCode).toBe(422);
    expect(errorCode(response)).toBe("extension_date_not_after_deadline");
    expect(json<{ error: { message: string } }>(response).error.message).toContain("16/02/2023");
    expect(await ctx.handle.db.select().from(deadlineExtensions)).toEqual([]);
  });

  it("should let only the designated liaison of the municipality ask", async () => {
    const payload = { requestedOn: "2023-03-31", reason: "Cambio de titular" };
    expect((await ask(collaborator, e2.id, payload)).statusCode).toBe(403);
    expect((await ask(otherLiaison, e2.id, payload)).statusCode).toBe(404);
    expect((await ask(reviewer, e2.id, payload)).statusCode).toBe(403);
  });

  it("should record a request, audited, and tell the staff; a second one is refused", async () => {
    const response = await ask(liaison, e2.id, {
      requestedOn: "2023-03-31",
      reason: "Cambio de titular de la Unidad de Transparencia",
    });
    expect(response.statusCode).toBe(201);
    const created = json<Extension>(response);
    expect(created).toMatchObject({
      status: "pending",
      deadlineBefore: "2023-02-16",
      requestedOn: "2023-03-31",
      municipality: { cvegeo: TOLUCA },
    });
    expect(created.tool).toContain("E2");
    const [event] = await auditEventsOf(ctx.handle.db, "extension.requested");
    expect(event?.municipalityCvegeo).toBe(TOLUCA);
    const told = await ctx.handle.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, "extension_requested"));
    expect(told.length).toBeGreaterThan(0);

    const again = await ask(liaison, e2.id, { requestedOn: "2023-04-30", reason: "Otra vez" });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("extension_already_pending");
  });

  it("should list the pending requests for staff only, and the instance's to its municipality", async () => {
    const pending = await ctx.get("/api/extensions?status=pending", reviewer);
    expect(json<Extension[]>(pending).map((request) => request.requestedOn)).toEqual([
      "2023-03-31",
    ]);
    const forbidden = await ctx.get("/api/extensions", liaison);
    expect(forbidden.statusCode).toBe(403);
    const own = await ctx.get(`/api/tool-instances/${e2.id}/extensions`, collaborator);
    expect(json<Extension[]>(own)).toHaveLength(1);
    const other = await ctx.get(`/api/tool-instances/${e2.id}/extensions`, otherLiaison);
    expect(other.statusCode).toBe(404);
  });
});

describe("POST /api/extensions/:id/decision", () => {
  it("should refuse a refusal without reason and an approval not after the deadline", async () => {
    const [pending] = await ctx.handle.db.select().from(deadlineExtensions);
    const id = pending?.id ?? "";
    const refusal = await decide(id, { decision: "refuse", reason: "" });
    expect(refusal.statusCode).toBe(400);
    const early = await decide(id, { decision: "approve", grantedOn: "2023-02-01" });
    expect(errorCode(early)).toBe("extension_date_not_after_deadline");
    expect(
      (await decide(id, { decision: "approve", grantedOn: "2023-03-15" }, liaison)).statusCode,
    ).toBe(403);
    const [still] = await ctx.handle.db.select().from(deadlineExtensions);
    expect(still?.status).toBe("pending");
  });

  it("should approve another date: the deadline in force moves, the original is kept, the liaison is told", async () => {
    const [pending] = await ctx.handle.db.select().from(deadlineExtensions);
    const id = pending?.id ?? "";
    const response = await decide(id, { decision: "approve", grantedOn: "2023-03-15" });
    expect(response.statusCode).toBe(200);
    expect(json<Extension>(response)).toMatchObject({
      status: "approved",
      grantedOn: "2023-03-15",
    });
    const tool = await toolInstanceOf(ctx.app, liaison, "E2");
    expect(tool).toMatchObject({ deadline: "2023-03-15", originalDeadline: "2023-02-16" });
    const told = await ctx.handle.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.kind, "extension_decided"), eq(notifications.userId, liaisonUser.id)),
      );
    expect(told.map((notice) => notice.title)).toEqual([
      `Prórroga aprobada: ${tool.tool} · ${tool.toolName}`,
    ]);

    const twice = await decide(id, { decision: "refuse", reason: "Cambio de opinión" });
    expect(twice.statusCode).toBe(409);
    expect(errorCode(twice)).toBe("extension_already_decided");
  });

  it("should judge on time against the extension: validated after the original deadline", async () => {
    clock = AFTER_DEADLINE;
    const before = { toluca: await onTime(TOLUCA), metepec: await onTime(METEPEC) };
    const otherUser = await signedIn(ctx.app, "liaison", { municipality: METEPEC });
    await submitAndValidate(liaison, e2);
    await submitAndValidate(
      otherUser.session,
      await toolInstanceOf(ctx.app, otherUser.session, "E2", { municipality: METEPEC }),
    );
    const after = { toluca: await onTime(TOLUCA), metepec: await onTime(METEPEC) };
    // Toluca's E2 is now due and on time (its extension); Metepec's was already due, and stays late.
    expect(after.toluca.onTime).toBe(before.toluca.onTime + 1);
    expect(after.toluca.due).toBe(before.toluca.due + 1);
    expect(after.metepec.onTime).toBe(before.metepec.onTime);
  });

  it("should not extend a validated tool", async () => {
    const response = await ask(liaison, e2.id, { requestedOn: "2023-06-30", reason: "Más" });
    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("extension_tool_validated");
  });
});
