import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditList } from "../../../contracts/audit.js";
import { auditEvents } from "../../db/schema/index.js";
import { json, setUpTestApp } from "../../test/app.js";
import { type Session, signedIn } from "../../test/factories.js";
import { theRow } from "../../test/the-row.js";

const ctx = setUpTestApp();
let admin: Session;
let adminId: string;
/** The account the first test creates through the API. */
let auditedId: string;

beforeAll(async () => {
  const created = await signedIn(ctx.app, "admin");
  admin = created.session;
  adminId = created.user.id;
});

describe("GET /api/audit", () => {
  it("lists events newest first, filtered by action, with who, when and before/after", async () => {
    const created = await ctx.send("POST", "/api/users", admin, {
      email: "auditada@prueba.mrtm.test",
      name: "Auditada",
      role: "reviewer",
    });
    expect(created.statusCode).toBe(201);
    auditedId = json<{ user: { id: string } }>(created).user.id;
    const response = await ctx.get("/api/audit?action=user.created", admin);
    const list = json<AuditList>(response);
    expect(list.items[0]).toMatchObject({
      action: "user.created",
      entityId: auditedId,
      entityType: "user",
      actor: { label: expect.stringContaining("<admin-") },
      after: { email: "auditada@prueba.mrtm.test" },
    });
    const all = json<AuditList>(await ctx.get("/api/audit", admin));
    const ids = all.items.map((item) => item.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(all.items.some((item) => item.action === "model.published")).toBe(true);
  });

  it("searches the actor, the action and the entity", async () => {
    const byAction = json<AuditList>(await ctx.get("/api/audit?q=user.crea", admin));
    // Two accounts were created: the admin (by the system) and the one created through the API.
    expect(byAction.total).toBe(2);
    expect(byAction.items.map((item) => [item.action, item.entityId])).toEqual([
      ["user.created", auditedId],
      ["user.created", adminId],
    ]);
    const byEntity = json<AuditList>(await ctx.get(`/api/audit?q=${auditedId}`, admin));
    // The account's creation and its welcome link (newest first).
    expect(byEntity.items.map((item) => [item.action, item.entityId])).toEqual([
      ["user.welcome_link_sent", auditedId],
      ["user.created", auditedId],
    ]);
    const byActor = json<AuditList>(await ctx.get("/api/audit?q=sistema", admin));
    // The system published the model (reference data) and created the admin.
    expect(byActor.total).toBe(2);
    expect(byActor.items.map((item) => [item.action, item.actor.label, item.entityId])).toEqual([
      ["user.created", "sistema", adminId],
      ["model.published", "sistema", expect.any(String)],
    ]);
  });
});

describe("GET /api/audit by the catalogue's words", () => {
  it("finds events by the Spanish name the Bitácora shows, accents and case aside", async () => {
    const byName = json<AuditList>(
      await ctx.get(`/api/audit?q=${encodeURIComponent("CUENTA creada")}`, admin),
    );
    expect(byName.items.map((item) => [item.action, item.entityId])).toEqual([
      ["user.created", auditedId],
      ["user.created", adminId],
    ]);
  });

  it("filters by entity type and refuses an action or entity type the catalogue does not list", async () => {
    const models = json<AuditList>(await ctx.get("/api/audit?entityType=model_version", admin));
    expect(models.items.map((item) => item.action)).toEqual(["model.published"]);
    for (const query of ["action=user.borrado", "entityType=cosa"]) {
      const refused = await ctx.get(`/api/audit?${query}`, admin);
      expect(refused.statusCode).toBe(400);
      expect(json<{ error: { message: string } }>(refused).error.message).toMatch(/no permitido/);
    }
  });
});

describe("the audit trail is append-only", () => {
  it("refuses UPDATE and DELETE at the database, whoever asks", async () => {
    const first = await theRow(ctx.handle.db.select().from(auditEvents).limit(1), "no audit event");
    await expect(
      ctx.handle.db.update(auditEvents).set({ action: "nada" }).where(eq(auditEvents.id, first.id)),
    ).rejects.toThrow();
    await expect(
      ctx.handle.db.delete(auditEvents).where(eq(auditEvents.id, first.id)),
    ).rejects.toThrow();
    const [still] = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.id, first.id));
    expect(still?.action).toBe(first.action);
  });
});
