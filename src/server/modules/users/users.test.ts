import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, users } from "../../db/schema/index.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { buildUser, type Session, signIn } from "../../test/factories.js";

const ctx = setUpTestApp();
const { user: adminUser, session: admin } = ctx.signedIn("admin");

const create = (payload: Record<string, unknown>, session = admin) =>
  ctx.send("POST", "/api/users", session, payload);
const patch = (id: string, payload: Record<string, unknown>, session = admin) =>
  ctx.send("PATCH", `/api/users/${id}`, session, payload);
/** Who a session is, as the web app asks on every load (401 once the session is ended). */
const me = (session: Pick<Session, "cookie">) => ctx.get("/api/auth/me", session);
/** The account as the admin screens show it. */
const userOf = async (id: string) =>
  json<{ role: string; active: boolean; municipality: unknown }>(
    await ctx.get(`/api/users/${id}`, admin),
  );
/** The actions the audit trail records about an account. */
const auditedActions = async (id: string) =>
  (await ctx.handle.db.select().from(auditEvents).where(eq(auditEvents.entityId, id))).map(
    (e) => e.action,
  );

describe("POST /api/users", () => {
  it("creates a liaison of a municipality with a temporary password to be changed at first sign-in", async () => {
    const response = await create({
      email: "Enlace.Metepec@Prueba.mrtm.test",
      name: "Enlace de Metepec",
      role: "liaison",
      municipality: "15054",
    });
    expect(response.statusCode).toBe(201);
    const body = json<{
      user: { id: string; email: string; municipality: unknown; mustChangePassword: boolean };
      temporaryPassword: string;
    }>(response);
    expect(body.user).toMatchObject({
      email: "enlace.metepec@prueba.mrtm.test",
      municipality: { cvegeo: "15054", name: "Metepec" },
      mustChangePassword: true,
    });
    expect(body.temporaryPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    expect(response.body).not.toContain("passwordHash");
    const session = await signIn(ctx.app, {
      email: body.user.email,
      password: body.temporaryPassword,
    });
    const current = await me(session);
    expect(json<{ user: { mustChangePassword: boolean } }>(current).user.mustChangePassword).toBe(
      true,
    );
  });

  it("audits the creation in the same transaction, without any password material", async () => {
    const response = await create({
      email: "revisor.nuevo@prueba.mrtm.test",
      name: "Revisor Nuevo",
      role: "reviewer",
    });
    const { user } = json<{ user: { id: string } }>(response);
    const [event] = await auditEventsOf(ctx.handle.db, "user.created", { entityId: user.id });
    expect(event).toMatchObject({
      actorId: adminUser.id,
      entityType: "user",
      after: { role: "reviewer", municipality: null, active: true },
    });
    expect(JSON.stringify(event)).not.toMatch(/argon2|password/i);
  });

  it("refuses a duplicate e-mail with 409 conflict, whatever its case", async () => {
    await create({ email: "duplicado@prueba.mrtm.test", name: "Uno", role: "reviewer" });
    const again = await create({
      email: "DUPLICADO@prueba.mrtm.test",
      name: "Dos",
      role: "reviewer",
    });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("conflict");
  });

  it("refuses a liaison without a municipality, staff with one, and an unknown municipality", async () => {
    const cases = [
      { role: "liaison", municipality: null },
      { role: "reviewer", municipality: "15106" },
      { role: "collaborator", municipality: "15999" },
    ];
    for (const [i, fields] of cases.entries()) {
      const response = await create({
        email: `caso${i}@prueba.mrtm.test`,
        name: "Caso",
        ...fields,
      });
      expect(errorOf(response, 400)).toMatchObject({
        code: "validation_error",
        details: [{ field: "municipality" }],
      });
    }
    const [row] = await ctx.handle.db
      .select()
      .from(users)
      .where(eq(users.email, "caso0@prueba.mrtm.test"));
    expect(row).toBeUndefined();
  });

  it("refuses an explicit password that breaks the policy", async () => {
    const response = await create({
      email: "debil@prueba.mrtm.test",
      name: "Débil",
      role: "reviewer",
      password: "123",
    });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("password_policy");
  });
});

describe("GET /api/users", () => {
  it("filters by role, municipality and text, and pages", async () => {
    await buildUser(ctx.handle.db, "collaborator", {
      municipality: "15033",
      name: "Colaboradora de Ecatepec",
    });
    const byMunicipality = await ctx.get("/api/users?municipality=15033", admin);
    const list = json<{ items: { municipality: { name: string } }[]; total: number }>(
      byMunicipality,
    );
    expect(list.total).toBe(1);
    expect(list.items[0]?.municipality.name).toBe("Ecatepec de Morelos");

    const byText = await ctx.get("/api/users?q=ecatepec&role=collaborator", admin);
    expect(json<{ total: number }>(byText).total).toBe(1);

    const paged = await ctx.get("/api/users?pageSize=1&page=2", admin);
    expect(json<{ items: unknown[]; page: number }>(paged)).toMatchObject({
      page: 2,
      items: [expect.anything()],
    });
  });

  it("rejects a page size over 200 naming the parameter", async () => {
    const response = await ctx.get("/api/users?pageSize=5000", admin);
    expect(errorOf(response, 400)).toMatchObject({ details: [{ field: "pageSize" }] });
  });
});

describe("PATCH /api/users/:id", () => {
  it("deactivating a user ends their sessions at once and blocks sign-in; reactivating restores it", async () => {
    const user = await buildUser(ctx.handle.db, "liaison");
    const session = await signIn(ctx.app, user);
    const response = await patch(user.id, { active: false });
    expect(json<{ active: boolean }>(response).active).toBe(false);
    const current = await me(session);
    expect(current.statusCode).toBe(401);
    const [event] = await auditEventsOf(ctx.handle.db, "user.deactivated", { entityId: user.id });
    expect(event).toMatchObject({ before: { active: true }, after: { active: false } });

    await patch(user.id, { active: true });
    expect((await signIn(ctx.app, user)).cookie).toContain("mrtm_session=");
  });

  it("records a role change with before and after, and ends the sessions that carried the old role", async () => {
    const user = await buildUser(ctx.handle.db, "collaborator", { municipality: "15106" });
    const session = await signIn(ctx.app, user);
    const response = await patch(user.id, { role: "liaison" });
    expect(response.statusCode).toBe(200);
    const [event] = await auditEventsOf(ctx.handle.db, "user.role_changed", { entityId: user.id });
    expect(event).toMatchObject({
      before: { role: "collaborator" },
      after: { role: "liaison" },
      municipalityCvegeo: "15106",
    });
    expect((await me(session)).statusCode).toBe(401);
  });

  it("refuses turning staff into a liaison without naming the municipality", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    const response = await patch(user.id, { role: "liaison" });
    expect(errorOf(response, 400)).toMatchObject({
      code: "validation_error",
      details: [{ field: "municipality" }],
    });
    expect(await userOf(user.id)).toMatchObject({ role: "reviewer", municipality: null });
    const moved = await patch(user.id, { role: "liaison", municipality: "15001" });
    expect(json<{ municipality: { name: string } }>(moved).municipality.name).toBe(
      "Acambay de Ruíz Castañeda",
    );
  });

  it("does not let an admin deactivate or demote themself", async () => {
    const before = await auditedActions(adminUser.id);
    const deactivate = await patch(adminUser.id, { active: false });
    expect(deactivate.statusCode).toBe(403);
    expect(errorCode(deactivate)).toBe("forbidden");
    const demote = await patch(adminUser.id, { role: "reviewer" });
    expect(demote.statusCode).toBe(403);
    expect(errorCode(demote)).toBe("forbidden");
    expect(await userOf(adminUser.id)).toMatchObject({ role: "admin", active: true });
    expect(await auditedActions(adminUser.id)).toEqual(before);
    // The session still works: nothing ended it.
    expect((await me(admin)).statusCode).toBe(200);
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    expect((await patch("7d3c1e7e-4f00-4a55-9a55-000000000000", { name: "X" })).statusCode).toBe(
      404,
    );
    const malformed = await patch("no-es-uuid", { name: "X" });
    expect(errorOf(malformed, 400)).toMatchObject({ details: [{ field: "id" }] });
  });

  it("refuses an empty change", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    const before = await userOf(user.id);
    const response = await patch(user.id, {});
    expect(errorOf(response, 400)).toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("No hay cambios que guardar."),
    });
    expect(await userOf(user.id)).toEqual(before);
    expect(await auditedActions(user.id)).toEqual(["user.created"]);
  });
});

describe("POST /api/users/:id/reset-password", () => {
  it("replaces the password with a temporary one and ends the user's sessions", async () => {
    const user = await buildUser(ctx.handle.db, "reviewer");
    const session = await signIn(ctx.app, user);
    const response = await ctx.send("POST", `/api/users/${user.id}/reset-password`, admin);
    const body = json<{ temporaryPassword: string; user: { mustChangePassword: boolean } }>(
      response,
    );
    expect(body.user.mustChangePassword).toBe(true);
    expect((await me(session)).statusCode).toBe(401);
    await expect(signIn(ctx.app, user)).rejects.toThrow(/401/);
    await expect(
      signIn(ctx.app, { email: user.email, password: body.temporaryPassword }),
    ).resolves.toMatchObject({ csrfToken: expect.any(String) });
  });
});
