import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance, ToolInstanceDetail } from "../../../contracts/participation.js";
import { auditEvents, toolInstances } from "../../db/schema/index.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";
import { addEvidenceRow, type Session, toolInstanceOf } from "../../test/factories.js";

const ctx = setUpTestApp({ agreements: ["15106"] });
const liaison = ctx.signedIn("liaison");
const collaborator = ctx.signedIn("collaborator");
const reviewer = ctx.session("reviewer");
const secondReviewer = ctx.session("admin");
const outsider = ctx.session("liaison", { municipality: "15054" });
let e2: ToolInstance;

beforeAll(async () => {
  e2 = await toolInstanceOf(ctx.app, liaison.session, "E2");
});

const post = (url: string, session: Session, payload?: unknown) =>
  ctx.app.inject({ method: "POST", url, headers: session.headers, payload: payload as object });
const detail = async (session: Session) =>
  json<ToolInstanceDetail>(await ctx.get(`/api/tool-instances/${e2.id}`, session));

describe("the review cycle of one tool", () => {
  it("refuses submitting with nothing to review, and refuses a collaborator's submit", async () => {
    const empty = await post(`/api/tool-instances/${e2.id}/submit`, liaison.session);
    expect(errorOf(empty, 409)).toMatchObject({
      code: "conflict",
      message: "Suba al menos un documento antes de enviar a revisión.",
    });
    await addEvidenceRow(ctx.handle.db, e2.id, collaborator.user.id);
    const byCollaborator = await post(`/api/tool-instances/${e2.id}/submit`, collaborator.session);
    expect(byCollaborator.statusCode).toBe(403);
    expect(errorCode(byCollaborator)).toBe("forbidden");
    expect(await detail(reviewer)).toMatchObject({ state: "pending", history: [] });
  });

  it("submits once: a double-clicked submit gets 409", async () => {
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "in_progress" })
      .where(eq(toolInstances.id, e2.id));
    const [first, second] = await Promise.all([
      post(`/api/tool-instances/${e2.id}/submit`, liaison.session),
      post(`/api/tool-instances/${e2.id}/submit`, liaison.session),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    expect(errorCode(first.statusCode === 409 ? first : second)).toBe("conflict");
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
    expect(errorCode(bare)).toBe("validation_error");
    expect((await detail(reviewer)).state).toBe("submitted");
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
    expect(errorCode(byReviewer)).toBe("forbidden");
    expect(
      (await detail(liaison.session)).history[0]?.review?.observations[0]?.answer ?? null,
    ).toBeNull();
    const response = await post(
      `/api/observations/${observation?.id}/answer`,
      collaborator.session,
      { answer: "Se adjunta el acta firmada." },
    );
    expect(response.statusCode).toBe(200);
    expect(json<ToolInstanceDetail>(response).history[0]?.review?.observations[0]).toMatchObject({
      answer: "Se adjunta el acta firmada.",
      answeredBy: "Persona collaborator",
    });
  });

  it("of two reviewers deciding at once, one succeeds and the other gets 409 conflict", async () => {
    // The resubmission answers the whole return: the other observation, and a new version.
    const recommendation = (await detail(liaison.session)).history[0]?.review?.observations[1];
    expect(
      (
        await post(`/api/observations/${recommendation?.id}/answer`, liaison.session, {
          answer: "Se incluye el organigrama.",
        })
      ).statusCode,
    ).toBe(200);
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
    // The winner's decision stands, and only it.
    const decided = await detail(reviewer);
    expect(decided.state).toBe(a.statusCode === 200 ? "validated" : "changes_requested");
    expect(decided.history).toHaveLength(2);
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
    // One return before the race, then the race's one decision.
    expect(
      actions.filter(
        (a) => a === "tool_instance.changes_requested" || a === "tool_instance.validated",
      ),
    ).toHaveLength(2);
    expect(actions).toContain("tool_instance.changes_requested");
  });

  it("hides the instance from another municipality (404) and refuses it the submit", async () => {
    const hidden = await ctx.get(`/api/tool-instances/${e2.id}`, outsider);
    expect(hidden.statusCode).toBe(404);
    expect(errorCode(hidden)).toBe("not_found");
    const before = await detail(reviewer);
    const submit = await post(`/api/tool-instances/${e2.id}/submit`, outsider);
    expect(submit.statusCode).toBe(404);
    expect(errorCode(submit)).toBe("not_found");
    expect(await detail(reviewer)).toEqual(before);
  });
});
