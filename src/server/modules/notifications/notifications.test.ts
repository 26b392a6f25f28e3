import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type {
  Notification,
  NotificationList,
  NotificationPreferences,
  OutboxList,
} from "../../../contracts/notifications.js";
import type { ToolInstance } from "../../../contracts/participation.js";
import { mailOutbox, notifications, toolInstances, users } from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { escapeHtml } from "../../lib/html.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { addEvidenceRow, type Session, signedIn, type TestUser } from "../../test/factories.js";
import { registerAgreement } from "../agreements/service.js";
import { renderEmail } from "./email.js";
import { type NotificationDraft, notify } from "./service.js";

type Person = { user: TestUser; session: Session };

const ctx = setUpTestApp();
let liaison: Person;
let collaborator: Person;
let otherLiaison: Person;
let reviewer: Person;
let secondReviewer: Person;
let admin: Person;
let tools: ToolInstance[];

const get = <T>(url: string, person: Person) =>
  ctx.app
    .inject({ method: "GET", url, headers: { cookie: person.session.cookie } })
    .then((response) => ({ response, body: json<T>(response) }));
const post = (url: string, person: Person, payload?: unknown) =>
  ctx.app.inject({
    method: "POST",
    url,
    headers: person.session.headers,
    payload: payload as object,
  });
const put = (url: string, person: Person, payload: unknown) =>
  ctx.app.inject({
    method: "PUT",
    url,
    headers: person.session.headers,
    payload: payload as object,
  });

const tool = (code: string) => {
  const found = tools.find((t) => t.tool === code && t.part === null);
  if (!found) {
    throw new Error(`${code} missing`);
  }
  return found;
};

async function notificationsOf(person: Person) {
  return ctx.handle.db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, person.user.id))
    .orderBy(notifications.createdAt);
}

async function outboxOf(person: Person) {
  return ctx.handle.db.select().from(mailOutbox).where(eq(mailOutbox.to, person.user.email));
}

/** Moves a tool to review as the liaison would: evidence, in progress, submit. */
async function submit(instanceId: string) {
  await addEvidenceRow(ctx.handle.db, instanceId, liaison.user.id);
  await ctx.handle.db
    .update(toolInstances)
    .set({ state: "in_progress" })
    .where(eq(toolInstances.id, instanceId));
  const response = await post(`/api/tool-instances/${instanceId}/submit`, liaison);
  expect(response.statusCode).toBe(200);
  return json<{ version: number }>(response).version;
}

function draft(person: Person, key: string, overrides: Partial<NotificationDraft> = {}) {
  return {
    userId: person.user.id,
    kind: "overdue_digest" as const,
    title: `Aviso ${key}`,
    body: "Texto",
    link: "/municipios",
    dedupeKey: key,
    ...overrides,
  };
}

beforeAll(async () => {
  for (const municipality of ["15106", "15054"]) {
    await registerAgreement(
      ctx.handle.db,
      { municipality, signedOn: "2022-11-16", cohort: "Cohorte 2022" },
      SYSTEM_ACTOR,
      new Date(),
    );
  }
  liaison = await signedIn(ctx.app, "liaison", { municipality: "15106" });
  collaborator = await signedIn(ctx.app, "collaborator", { municipality: "15106" });
  otherLiaison = await signedIn(ctx.app, "liaison", { municipality: "15054" });
  reviewer = await signedIn(ctx.app, "reviewer");
  secondReviewer = await signedIn(ctx.app, "reviewer");
  admin = await signedIn(ctx.app, "admin");
  tools = (await get<ToolInstance[]>("/api/municipalities/15106/tools", liaison)).body;
});

describe("events of the implementation cycle", () => {
  let version: number;

  it("tells every active reviewer of a submission, once, and nobody else", async () => {
    const inactive = await signedIn(ctx.app, "reviewer");
    await ctx.handle.db.update(users).set({ active: false }).where(eq(users.id, inactive.user.id));
    version = await submit(tool("E2").id);
    for (const person of [reviewer, secondReviewer]) {
      const [notification] = await notificationsOf(person);
      expect(notification).toMatchObject({
        kind: "submission_received",
        title: "Nuevo envío a revisión: E2 · Toluca",
        body: "Toluca envió a revisión E2 · Política de Transparencia y Acceso a la Información Pública.",
        link: `/herramientas/${tool("E2").id}`,
        readAt: null,
      });
      expect(await outboxOf(person)).toHaveLength(1);
    }
    for (const person of [inactive, admin, liaison, collaborator, otherLiaison]) {
      expect(await notificationsOf(person)).toEqual([]);
    }
  });

  it("tells the municipality's liaison and collaborators of observations, not another municipality", async () => {
    const response = await post(`/api/tool-instances/${tool("E2").id}/review`, reviewer, {
      decision: "request_changes",
      expectedVersion: version,
      observations: [
        { type: "requerimiento", text: "Falta la firma." },
        { type: "recomendacion", text: "Agregue el organigrama." },
      ],
    });
    expect(response.statusCode).toBe(200);
    for (const person of [liaison, collaborator]) {
      const [notification] = await notificationsOf(person);
      expect(notification).toMatchObject({
        kind: "observations_received",
        title: "Observaciones en E2 · Política de Transparencia y Acceso a la Información Pública",
        link: `/herramientas/${tool("E2").id}`,
      });
      expect(notification?.body).toContain("fue devuelta con 2 observaciones.");
    }
    expect(await notificationsOf(otherLiaison)).toEqual([]);
  });

  it("announces a resubmission as such, and a validation to the municipality", async () => {
    const again = await submit(tool("E2").id);
    const latest = (await notificationsOf(reviewer)).at(-1);
    expect(latest?.title).toBe("Reenvío a revisión: E2 · Toluca");
    const validated = await post(`/api/tool-instances/${tool("E2").id}/review`, secondReviewer, {
      decision: "validate",
      expectedVersion: again,
    });
    expect(validated.statusCode).toBe(200);
    const last = (await notificationsOf(liaison)).at(-1);
    expect(last).toMatchObject({
      kind: "tool_validated",
      title:
        "Herramienta validada: E2 · Política de Transparencia y Acceso a la Información Pública",
    });
    expect(await notificationsOf(liaison)).toHaveLength(2);
  });

  it("does not notify when the change is refused (the transaction rolls back)", async () => {
    const before = (await notificationsOf(liaison)).length;
    const stale = await post(`/api/tool-instances/${tool("E2").id}/review`, reviewer, {
      decision: "validate",
      expectedVersion: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(await notificationsOf(liaison)).toHaveLength(before);
  });
});

describe("notify", () => {
  beforeEach(async () => {
    await ctx.handle.db.delete(mailOutbox);
    await ctx.handle.db.delete(notifications);
  });

  it("delivers each dedupe key once per person, even when called again (a retry)", async () => {
    const first = await ctx.handle.db.transaction((tx) =>
      notify(tx, [draft(liaison, "k1"), draft(liaison, "k1"), draft(collaborator, "k1")]),
    );
    expect(first).toEqual({ created: 2, emails: 2 });
    const second = await ctx.handle.db.transaction((tx) =>
      notify(tx, [draft(liaison, "k1"), draft(collaborator, "k1")]),
    );
    expect(second).toEqual({ created: 0, emails: 0 });
    expect(await notificationsOf(liaison)).toHaveLength(1);
    expect(await outboxOf(liaison)).toHaveLength(1);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    await expect(
      ctx.handle.db.transaction(async (tx) => {
        await notify(tx, [draft(liaison, "rolled-back")]);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await notificationsOf(liaison)).toEqual([]);
    expect(await outboxOf(liaison)).toEqual([]);
  });

  it("queues no e-mail for a deactivated account (the notification stays in the app)", async () => {
    const gone = await signedIn(ctx.app, "collaborator", { municipality: "15106" });
    await ctx.handle.db.update(users).set({ active: false }).where(eq(users.id, gone.user.id));
    expect(await ctx.handle.db.transaction((tx) => notify(tx, [draft(gone, "k2")]))).toEqual({
      created: 1,
      emails: 0,
    });
  });

  it("renders every e-mail in Spanish with the escaped body and an absolute link", () => {
    const email = renderEmail({
      recipientName: "Ana <López>",
      kind: "commitment_due",
      title: "Acuerdo próximo a vencer",
      body: "Primera línea\nsegunda & <tercera>\n\nOtro párrafo",
      link: "/acompanamiento/1",
    });
    expect(email.subject).toBe("Acuerdo próximo a vencer");
    expect(email.text).toMatch(/^Hola, Ana <López>:\n\nPrimera línea\nsegunda & <tercera>/);
    expect(email.text).toContain("Abrir en MRTM: http://localhost:3000/acompanamiento/1");
    expect(email.text).toContain("«Acuerdo próximo a vencer»");
    expect(email.html).toContain("Hola, Ana &lt;López&gt;:");
    expect(email.html).toContain(
      '<p style="margin:0 0 16px">Primera línea<br>segunda &amp; &lt;tercera&gt;</p>',
    );
    expect(email.html).toContain('<p style="margin:0 0 16px">Otro párrafo</p>');
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe(
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;",
    );
  });
});

describe("the notification centre", () => {
  const readEvents = () => auditEventsOf(ctx.handle.db, "notification.read");

  beforeAll(async () => {
    await ctx.handle.db.delete(mailOutbox);
    await ctx.handle.db.delete(notifications);
    // Five for the liaison (two read), one for the collaborator.
    await ctx.handle.db.transaction((tx) =>
      notify(tx, [
        ...["a", "b", "c", "d", "e"].map((key) => draft(liaison, key)),
        draft(collaborator, "mine"),
      ]),
    );
    const rows = await notificationsOf(liaison);
    // Distinct creation times: a is oldest, e newest.
    for (const [index, row] of rows.entries()) {
      await ctx.handle.db
        .update(notifications)
        .set({ createdAt: new Date(Date.UTC(2025, 0, 1 + index)) })
        .where(eq(notifications.id, row.id));
    }
    await ctx.handle.db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, liaison.user.id), eq(notifications.title, "Aviso b")));
    await ctx.handle.db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, liaison.user.id), eq(notifications.title, "Aviso e")));
  });

  it("lists only one's own, unread first and newest first, paged, with the unread count", async () => {
    const { response, body } = await get<NotificationList>(
      "/api/notifications?pageSize=3",
      liaison,
    );
    expect(response.statusCode).toBe(200);
    expect(body.items.map((n) => n.title)).toEqual(["Aviso d", "Aviso c", "Aviso a"]);
    expect(body).toMatchObject({ total: 5, unread: 3, page: 1, pageSize: 3 });
    const second = await get<NotificationList>("/api/notifications?pageSize=3&page=2", liaison);
    expect(second.body.items.map((n) => n.title)).toEqual(["Aviso e", "Aviso b"]);
    const unreadOnly = await get<NotificationList>("/api/notifications?unread=true", liaison);
    expect(unreadOnly.body.items.map((n) => n.title)).toEqual(["Aviso d", "Aviso c", "Aviso a"]);
    expect(unreadOnly.body.total).toBe(3);
    const theirs = await get<NotificationList>("/api/notifications", collaborator);
    expect(theirs.body.items.map((n) => n.title)).toEqual(["Aviso mine"]);
    const count = await get<{ unread: number }>("/api/notifications/unread-count", liaison);
    expect(count.body).toEqual({ unread: 3 });
  });

  it("gives each notice its body as structured content, with the name of its link", async () => {
    const { body } = await get<NotificationList>("/api/notifications?pageSize=1", liaison);
    expect(body.items[0]?.content).toEqual({
      blocks: [{ type: "text", text: "Texto" }],
      action: "Abrir",
    });
    await ctx.handle.db.transaction((tx) =>
      notify(tx, [
        draft(collaborator, "digest", {
          body: "Vencidas:\n\n- T1 Portal\n- M3 Encuesta\n\nResponsable: Ana.",
          link: "/municipios/15106",
        }),
      ]),
    );
    const theirs = await get<NotificationList>("/api/notifications", collaborator);
    const digest = theirs.body.items.find((n) => n.title === "Aviso digest");
    expect(digest?.body).toBe("Vencidas:\n\n- T1 Portal\n- M3 Encuesta\n\nResponsable: Ana.");
    expect(digest?.content).toEqual({
      blocks: [
        { type: "text", text: "Vencidas:" },
        { type: "list", items: ["T1 Portal", "M3 Encuesta"] },
        { type: "facts", facts: [{ label: "Responsable", value: "Ana." }] },
      ],
      action: "Ver las herramientas del municipio",
    });
    // Read, so the unread counts of the tests below stay as they were.
    await ctx.handle.db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(eq(notifications.dedupeKey, "digest"));
  });

  it("marks one's own notification read; someone else's is 404 and stays unread", async () => {
    const { body } = await get<NotificationList>("/api/notifications", liaison);
    const target = body.items[0] as Notification;
    const theirs = await post(`/api/notifications/${target.id}/read`, collaborator);
    expect(theirs.statusCode).toBe(404);
    expect(errorCode(theirs)).toBe("not_found");
    const mine = await post(`/api/notifications/${target.id}/read`, liaison);
    expect(mine.statusCode).toBe(200);
    const readAt = json<Notification>(mine).readAt;
    expect(readAt).not.toBeNull();
    // Reading again keeps the first time it was read.
    const again = await post(`/api/notifications/${target.id}/read`, liaison);
    expect(json<Notification>(again).readAt).toBe(readAt);
    expect(
      (await get<{ unread: number }>("/api/notifications/unread-count", liaison)).body,
    ).toEqual({ unread: 2 });
    // The audit trail records the reading once, by the person who read it.
    const events = await readEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: liaison.user.id,
      entityType: "notification",
      entityId: target.id,
      after: { count: 1, all: false, title: target.title, kind: target.kind },
    });
  });

  it("marks all of one's own read, leaving others' alone", async () => {
    const before = (await readEvents()).length;
    const response = await post("/api/notifications/read-all", liaison);
    expect(json(response)).toEqual({ updated: 2 });
    // One event for «marcar todas», with how many it marked; nothing left, nothing recorded.
    const events = await readEvents();
    expect(events).toHaveLength(before + 1);
    expect(events.find((e) => (e.after as { all?: boolean } | null)?.all)).toMatchObject({
      actorId: liaison.user.id,
      entityType: "notification",
      entityId: null,
      after: { count: 2, all: true },
    });
    expect(json(await post("/api/notifications/read-all", liaison))).toEqual({ updated: 0 });
    expect(await readEvents()).toHaveLength(before + 1);
    expect(
      (await get<{ unread: number }>("/api/notifications/unread-count", liaison)).body,
    ).toEqual({ unread: 0 });
    expect(
      (await get<{ unread: number }>("/api/notifications/unread-count", collaborator)).body,
    ).toEqual({ unread: 1 });
  });

  it("refuses a malformed id or page", async () => {
    expect((await post("/api/notifications/no-es-un-id/read", liaison)).statusCode).toBe(400);
    expect((await get("/api/notifications?pageSize=1000", liaison)).response.statusCode).toBe(400);
  });
});

describe("preferences", () => {
  it("lists the kinds of one's role, all by e-mail until one chooses", async () => {
    const mine = await get<NotificationPreferences>("/api/notification-preferences", liaison);
    expect(mine.body.email).toBe(liaison.user.email);
    expect(mine.body.items.map((item) => [item.kind, item.email])).toEqual([
      ["observations_received", true],
      ["tool_validated", true],
      ["deadline_approaching", true],
      ["overdue_digest", true],
      ["support_action_invitation", true],
      ["commitment_due", true],
      ["improvement_action_due", true],
      ["extension_decided", true],
      ["indicator_period_due", true],
      ["announcement", true],
    ]);
    expect(mine.body.items[0]?.label).toBe("Observaciones recibidas");
    const reviewers = await get<NotificationPreferences>("/api/notification-preferences", reviewer);
    expect(reviewers.body.items.map((item) => item.kind)).toContain("submission_received");
  });

  it("are per person: turning an e-mail off stops that person's e-mail only, the app still shows it", async () => {
    const saved = await put("/api/notification-preferences", collaborator, {
      preferences: [{ kind: "observations_received", email: false }],
    });
    expect(saved.statusCode).toBe(200);
    expect(
      json<NotificationPreferences>(saved).items.find((i) => i.kind === "observations_received")
        ?.email,
    ).toBe(false);
    const [audit] = await auditEventsOf(ctx.handle.db, "notification_preferences.updated");
    expect(audit).toMatchObject({ entityId: collaborator.user.id });

    await ctx.handle.db.delete(mailOutbox);
    const result = await ctx.handle.db.transaction((tx) =>
      notify(tx, [
        draft(liaison, "pref", { kind: "observations_received" }),
        draft(collaborator, "pref", { kind: "observations_received" }),
        draft(collaborator, "pref-other-kind", { kind: "tool_validated" }),
      ]),
    );
    expect(result).toEqual({ created: 3, emails: 2 });
    expect((await outboxOf(liaison)).map((m) => m.subject)).toEqual(["Aviso pref"]);
    expect((await outboxOf(collaborator)).map((m) => m.subject)).toEqual(["Aviso pref-other-kind"]);

    // Turned back on, e-mail comes again.
    await put("/api/notification-preferences", collaborator, {
      preferences: [{ kind: "observations_received", email: true }],
    });
    await ctx.handle.db.transaction((tx) =>
      notify(tx, [draft(collaborator, "pref-2", { kind: "observations_received" })]),
    );
    expect(await outboxOf(collaborator)).toHaveLength(2);
  });

  it("refuses kinds the role does not receive, and unknown kinds", async () => {
    const foreign = await put("/api/notification-preferences", liaison, {
      preferences: [{ kind: "submission_received", email: false }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(errorCode(foreign)).toBe("validation_error");
    const unknown = await put("/api/notification-preferences", liaison, {
      preferences: [{ kind: "spam", email: false }],
    });
    expect(unknown.statusCode).toBe(400);
  });
});

describe("the mail outbox page", () => {
  it("is for admins: lists every e-mail with its status, searchable, and shows the bodies", async () => {
    await ctx.handle.db.delete(mailOutbox);
    await ctx.handle.db.transaction((tx) =>
      notify(tx, [
        draft(liaison, "outbox-1", { title: "Plazo próximo: E2" }),
        draft(collaborator, "outbox-2", { title: "Resumen semanal" }),
      ]),
    );
    expect((await get("/api/mail-outbox", reviewer)).response.statusCode).toBe(403);
    expect((await get("/api/mail-outbox", liaison)).response.statusCode).toBe(403);
    const { body } = await get<OutboxList>("/api/mail-outbox", admin);
    expect(body.total).toBe(2);
    expect(body.smtpConfigured).toBe(false);
    expect(body.counts).toEqual({ pending: 2, sent: 0, failed: 0, held: 0 });
    const search = await get<OutboxList>(
      `/api/mail-outbox?q=${encodeURIComponent("plazo")}`,
      admin,
    );
    expect(search.body.items.map((item) => item.to)).toEqual([liaison.user.email]);
    const byStatus = await get<OutboxList>("/api/mail-outbox?status=sent", admin);
    expect(byStatus.body.total).toBe(0);
    const detail = await get<{ text: string }>(
      `/api/mail-outbox/${search.body.items[0]?.id}`,
      admin,
    );
    expect(detail.body.text).toContain("Hola, Persona liaison:");
  });

  it("cannot retry without an SMTP server configured", async () => {
    const [row] = await ctx.handle.db.select().from(mailOutbox).limit(1);
    const response = await post(`/api/mail-outbox/${row?.id}/retry`, admin);
    expect(response.statusCode).toBe(409);
    expect(json<{ error: { message: string } }>(response).error.message).toContain("MRTM_SMTP_URL");
  });
});

describe("the initial diagnostic", () => {
  it("tells reviewers once for the whole diagnostic, not once per claimed tool", async () => {
    await ctx.handle.db.delete(mailOutbox);
    await ctx.handle.db.delete(notifications);
    const diagnostic = await get<{ items: { instanceId: string; tool: string }[] }>(
      "/api/municipalities/15054/diagnostic",
      otherLiaison,
    );
    const claimed = diagnostic.body.items.filter((item) => ["E2", "R4"].includes(item.tool));
    for (const item of claimed) {
      await addEvidenceRow(ctx.handle.db, item.instanceId, otherLiaison.user.id);
      await ctx.handle.db
        .update(toolInstances)
        .set({ state: "in_progress" })
        .where(eq(toolInstances.id, item.instanceId));
    }
    // E1, done by the agreement, is shown, not asked.
    const answers = diagnostic.body.items
      .filter((item) => item.tool !== "E1")
      .map((item) => ({
        instanceId: item.instanceId,
        answer: claimed.includes(item) ? "has" : "pending",
      }));
    expect(
      (await put("/api/municipalities/15054/diagnostic", otherLiaison, { answers })).statusCode,
    ).toBe(200);
    const submitted = await post("/api/municipalities/15054/diagnostic/submit", otherLiaison);
    expect(submitted.statusCode).toBe(200);
    for (const person of [reviewer, secondReviewer]) {
      const received = await notificationsOf(person);
      expect(received.map((n) => n.title)).toEqual(["Diagnóstico inicial enviado: Metepec"]);
      expect(received[0]?.body).toContain(
        "2 herramientas declaradas con documento pasan a revisión",
      );
      expect(received[0]?.link).toBe("/municipios/15054/diagnostico");
    }
  });
});
