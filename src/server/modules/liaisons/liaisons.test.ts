import { beforeAll, describe, expect, it } from "vitest";
import type { SessionInfo } from "../../../contracts/auth.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import {
  addEvidenceRow,
  buildUser,
  type Session,
  signedIn,
  signIn,
  type TestUser,
  toolInstanceOf,
} from "../../test/factories.js";
import { TOLUCA } from "../../test/municipalities.js";

/**
 * Liaison powers follow the municipality's current designation (decision 0012): an account with
 * the liaison role that is not the designated liaison (handed over and reactivated, or never
 * designated) works as a collaborator of its municipality.
 */
const ctx = setUpTestApp({ agreements: ["15106"] });
const admin = ctx.session("admin");
let former: TestUser;
let successor: TestUser;

beforeAll(async () => {
  former = await buildUser(ctx.handle.db, "liaison", { designated: false });
  successor = await buildUser(ctx.handle.db, "liaison", { designated: false });
});

const post = (url: string, session: Session, payload?: unknown) =>
  ctx.app.inject({ method: "POST", url, headers: session.headers, payload: payload as object });
const designate = (user: TestUser, designatedOn: string) =>
  post(`/api/municipalities/${TOLUCA}/liaison`, admin, { userId: user.id, designatedOn });
const me = async (session: Session) =>
  json<SessionInfo>(
    await ctx.app.inject({ method: "GET", url: "/api/auth/me", headers: session.headers }),
  ).user;

/** A tool of Toluca holding a file of the former liaison's, and a new upload to it by `session`. */
async function uploadTo(code: string, session: Session, fileName: string) {
  const tool = await toolInstanceOf(ctx.app, session, code);
  await addEvidenceRow(ctx.handle.db, tool.id, former.id);
  return {
    tool,
    uploaded: await ctx.upload(`/api/tool-instances/${tool.id}/evidence`, session, fileName),
  };
}

/** Every liaison-only action on Toluca, as a status per action. */
async function liaisonActions(session: Session) {
  const { tool, uploaded } = await uploadTo("C2", session, "carta.png");
  const draft = (json<{ evidence: { id: string }[] }>(uploaded).evidence ?? [])[0]?.id ?? "";
  const deleted = await ctx.send("DELETE", `/api/evidence/${draft}`, session);
  const submitted = await post(`/api/tool-instances/${tool.id}/submit`, session);
  const diagnostic = await post(`/api/municipalities/${TOLUCA}/diagnostic/submit`, session);
  const card = await post(`/api/municipalities/${TOLUCA}/report-cards`, session);
  return {
    upload: uploaded.statusCode,
    deleteDraft: deleted.statusCode,
    submit: submitted.statusCode,
    submitCode: errorCode(submitted) ?? null,
    diagnostic: diagnostic.statusCode,
    card: card.statusCode,
  };
}

/** What `liaisonActions` gets without the designation: a collaborator's powers. */
const COLLABORATOR_POWERS = {
  upload: 201,
  deleteDraft: 403,
  submit: 403,
  diagnostic: 403,
  card: 403,
};

describe("liaison powers follow the current designation", () => {
  it("should give a liaison account never designated a collaborator's powers (403 to submit)", async () => {
    const session = await signIn(ctx.app, former);
    expect(await me(session)).toMatchObject({ role: "liaison", designatedLiaison: false });
    expect(await liaisonActions(session)).toEqual({
      ...COLLABORATOR_POWERS,
      submitCode: "forbidden",
    });
  });

  it("should give the designated liaison the liaison's powers", async () => {
    expect((await designate(former, "2022-11-20")).statusCode).toBe(200);
    const session = await signIn(ctx.app, former);
    expect(await me(session)).toMatchObject({ role: "liaison", designatedLiaison: true });
    const { tool, uploaded } = await uploadTo("C3", session, "guia.png");
    expect(uploaded.statusCode).toBe(201);
    expect((await post(`/api/tool-instances/${tool.id}/submit`, session)).statusCode).toBe(200);
    expect((await post(`/api/municipalities/${TOLUCA}/report-cards`, session)).statusCode).toBe(
      201,
    );
  });

  it("should take the powers away from a handed-over liaison whose account is reactivated", async () => {
    expect((await designate(successor, "2025-01-01")).statusCode).toBe(200);
    const reactivated = await ctx.send("PATCH", `/api/users/${former.id}`, admin, { active: true });
    expect(reactivated.statusCode).toBe(200);
    const session = await signIn(ctx.app, former);
    expect(await me(session)).toMatchObject({ role: "liaison", designatedLiaison: false });
    // It still works on its municipality as a collaborator would: it sees and uploads.
    expect(await liaisonActions(session)).toMatchObject(COLLABORATOR_POWERS);
    const current = await signIn(ctx.app, successor);
    expect(await me(current)).toMatchObject({ designatedLiaison: true });
    const card = await post(`/api/municipalities/${TOLUCA}/report-cards`, current);
    expect(card.statusCode).toBe(201);
  });

  it("should never mark staff or collaborators as designated liaisons", async () => {
    expect(await me(admin)).toMatchObject({ role: "admin", designatedLiaison: false });
    const collaborator = (await signedIn(ctx.app, "collaborator")).session;
    expect(await me(collaborator)).toMatchObject({ designatedLiaison: false });
  });
});
