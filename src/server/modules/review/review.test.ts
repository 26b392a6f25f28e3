import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance, ToolInstanceDetail } from "../../../contracts/participation.js";
import { auditEvents } from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { createTestContext, errorCode, json, type TestContext } from "../../test/app.js";
import { addEvidenceRow, type Session, signedIn, type TestUser } from "../../test/factories.js";
import { registerAgreement } from "../agreements/service.js";

let ctx: TestContext;
let liaison: { user: TestUser; session: Session };
let collaborator: { user: TestUser; session: Session };
let reviewer: Session;
let secondReviewer: Session;
let outsider: Session;
let e2: ToolInstance;

beforeAll(async () => {
  ctx = await createTestContext();
  await registerAgreement(
    ctx.handle.db,
    { municipality: "15106", signedOn: "2022-11-16", cohort: "Cohorte 2022" },
    SYSTEM_ACTOR,
    new Date(),
  );
  liaison = await signedIn(ctx.app, "liaison", { municipality: "15106" });
  collaborator = await signedIn(ctx.app, "collaborator", { municipality: "15106" });
  reviewer = (await signedIn(ctx.app, "reviewer")).session;
  secondReviewer = (await signedIn(ctx.app, "admin")).session;
  outsider = (await signedIn(ctx.app, "liaison", { municipality: "15054" })).session;
  const tools = json<ToolInstance[]>(
    await ctx.app.inject({
      method: "GET",
      url: "/api/municipalities/15106/tools",
      headers: { cookie: liaison.session.cookie },
    }),
  );
  const found = tools.find((t) => t.tool === "E2");
  if (!found) {
    throw new Error("E2 missing");
  }
  e2 = found;
});
afterAll(() => ctx.app.close());

const post = (url: string, session: Session, payload?: unknown) =>
  ctx.app.inject({ method: "POST", url, headers: session.headers, payload: payload as object });
const detail = async (session: Session) =>
  json<ToolInstanceDetail>(
    await ctx.app.inject({
      method: "GET",
      url: `/api/tool-instances/${e2.id}`,
      headers: { cookie: session.cookie },
    }),
  );

describe("the review cycle of one tool", () => {
  it("refuses submitting with nothing to review, and refuses a collaborator's submit", async () => {
    const empty = await post(`/api/tool-instances/${e2.id}/submit`, liaison.session);
    expect(empty.statusCode).toBe(409);
    expect(json(empty)).toMatchObject({
      error: {
        code: "conflict",
        message: "Suba al menos un documento antes de enviar a revisión.",
      },
    });
    await addEvidenceRow(ctx.handle.db, e2.id, collaborator.user.id);
    const byCollaborator = await post(`/api/tool-instances/${e2.id}/submit`, collaborator.session);
    expect(byCollaborator.statusCode).toBe(403);
  });

  it("submits once: a double-clicked submit gets 409", async () => {
    await ctx.handle.db
      .update((await import("../../db/schema/index.js")).toolInstances)
      .set({ state: "in_progress" })
      .where(eq((await import("../../db/schema/index.js")).toolInstances.id, e2.id));
    const [first, second] = await Promise.all([
      post(`/api/tool-instances/${e2.id}/submit`, liaison.session),
      post(`/api/tool-instances/${e2.id}/submit`, liaison.session),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const state = await detail(reviewer);
    expect(state).toMatchObject({ state: "submitted", history: [{ review: null }] });
  });

  it("returns with observations; returning needs at least one", async () => {
    const { version } = await detail(reviewer);
    const bare = await post(`/api/tool-instances/${e2.id}/review`, reviewer, {
      decision: "request_changes",
      expectedVersion: version,
    });
    expect(bare.statusCode).toBe(400);
    const response = await post(`/api/tool-instances/${e2.id}/review`, reviewer, {
      decision: "request_changes",
      expectedVersion: version,
      observations: [
        { type: "requerimiento", text: "Falta la firma del cabildo." },
        { type: "recomendacion", text: "Incluya el organigrama." },
      ],
    });
    expect(response.statusCode).toBe(200);
    const body = json<ToolInstanceDetail>(response);
    expect(body.state).toBe("changes_requested");
    expect(body.history[0]?.review?.observations.map((o) => o.type)).toEqual([
      "requerimiento",
      "recomendacion",
    ]);
  });

  it("lets the municipality answer an observation, not the reviewer", async () => {
    const observation = (await detail(liaison.session)).history[0]?.review?.observations[0];
    const byReviewer = await post(`/api/observations/${observation?.id}/answer`, reviewer, {
      answer: "x",
    });
    expect(byReviewer.statusCode).toBe(403);
    const response = await post(
      `/api/observations/${observation?.id}/answer`,
      collaborator.session,
      { answer: "Se adjunta el acta firmada." },
    );
    expect(json<ToolInstanceDetail>(response).history[0]?.review?.observations[0]).toMatchObject({
      answer: "Se adjunta el acta firmada.",
      answeredBy: "Persona collaborator",
    });
  });

  it("of two reviewers deciding at once, one succeeds and the other gets 409 conflict", async () => {
    await addEvidenceRow(ctx.handle.db, e2.id, liaison.user.id);
    expect((await post(`/api/tool-instances/${e2.id}/submit`, liaison.session)).statusCode).toBe(
      200,
    );
    const { version } = await detail(reviewer);
    const [a, b] = await Promise.all([
      post(`/api/tool-instances/${e2.id}/review`, reviewer, {
        decision: "validate",
        expectedVersion: version,
      }),
      post(`/api/tool-instances/${e2.id}/review`, secondReviewer, {
        decision: "request_changes",
        expectedVersion: version,
        observations: [{ type: "observacion", text: "x" }],
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(errorCode(a.statusCode === 409 ? a : b)).toBe("conflict");
  });

  it("keeps every submission, review, observation and answer visible, and audits each transition", async () => {
    const final = await detail(liaison.session);
    expect(final.evidence.map((e) => e.version)).toEqual([1, 2]);
    expect(final.history).toHaveLength(2);
    expect(final.history[0]?.review?.observations[0]?.answer).toBe("Se adjunta el acta firmada.");
    const actions = (
      await ctx.handle.db.select().from(auditEvents).where(eq(auditEvents.entityId, e2.id))
    ).map((e) => e.action);
    expect(actions.filter((a) => a === "tool_instance.submitted")).toHaveLength(2);
    expect(actions).toContain("tool_instance.changes_requested");
  });

  it("hides the instance from another municipality (404) and refuses it the submit", async () => {
    expect(
      (
        await ctx.app.inject({
          method: "GET",
          url: `/api/tool-instances/${e2.id}`,
          headers: { cookie: outsider.cookie },
        })
      ).statusCode,
    ).toBe(404);
    expect((await post(`/api/tool-instances/${e2.id}/submit`, outsider)).statusCode).toBe(404);
  });
});
