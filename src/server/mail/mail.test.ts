import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutboxList, OutboxMessageDetail } from "../../contracts/notifications.js";
import type { ToolInstance } from "../../contracts/participation.js";
import { MAIL_MAX_ATTEMPTS } from "../../domain/notifications.js";
import { loadConfig } from "../config.js";
import { mailOutbox, toolInstances } from "../db/schema/index.js";
import { notify } from "../modules/notifications/service.js";
import { createTestContext, errorCode, json, type TestContext } from "../test/app.js";
import {
  addEvidenceRow,
  registerTestAgreement,
  type Session,
  signedIn,
  type TestUser,
  toolInstanceOf,
} from "../test/factories.js";
import { OutboxSender } from "./sender.js";
import { startTestSmtpServer, type TestSmtpServer } from "./test-smtp.js";
import { createSmtpTransport } from "./transport.js";

const PUBLIC_URL = "https://mrtm.ejemplo.gob.mx";
const FROM = "MRTM Infoem <mrtm@ejemplo.gob.mx>";
const CREDENTIALS = { username: "mrtm", password: "clave secreta:/@" };

let ctx: TestContext;
let smtp: TestSmtpServer;
let liaison: { user: TestUser; session: Session };
let collaborator: { user: TestUser; session: Session };
let reviewer: { user: TestUser; session: Session };
let admin: Session;
let e2: ToolInstance;
let clock: Date;

const senders: OutboxSender[] = [];
function sender(transport: "smtp" | "none" = "smtp"): OutboxSender {
  const created = new OutboxSender(
    ctx.handle.db,
    transport === "smtp" ? createSmtpTransport({ smtpUrl: smtp.url, from: FROM }) : null,
    { now: () => clock },
  );
  senders.push(created);
  return created;
}

/**
 * Notifies as a service would, inside a transaction: each notice ("tool validated") queues its
 * e-mail in the outbox, to be sent after commit by a sender.
 */
async function queueMail(
  notices: { userId: string; title: string; body: string; link: string; dedupeKey: string }[],
) {
  await ctx.handle.db.transaction((tx) =>
    notify(
      tx,
      notices.map((notice) => ({ ...notice, kind: "tool_validated" as const })),
    ),
  );
}

/** Queues one notice for one person; `dedupeKey` tells the test's notices apart. */
function queueNotice(
  person: { user: TestUser },
  dedupeKey: string,
  notice: { title: string; body: string; link: string },
) {
  return queueMail([{ userId: person.user.id, dedupeKey, ...notice }]);
}

async function outboxRows() {
  return ctx.handle.db.select().from(mailOutbox).orderBy(mailOutbox.createdAt);
}

beforeAll(async () => {
  smtp = await startTestSmtpServer(CREDENTIALS);
  ctx = await createTestContext({
    publicUrl: PUBLIC_URL,
    mail: { smtpUrl: smtp.url, from: FROM },
  });
  await registerTestAgreement(ctx.handle.db);
  liaison = await signedIn(ctx.app, "liaison", { municipality: "15106" });
  collaborator = await signedIn(ctx.app, "collaborator", { municipality: "15106" });
  reviewer = await signedIn(ctx.app, "reviewer");
  admin = (await signedIn(ctx.app, "admin")).session;
  e2 = await toolInstanceOf(ctx.app, liaison.session, "E2");
});

beforeEach(async () => {
  // The app writes rows at the real time; the sender's clock runs an hour ahead, so every row a
  // test writes is due however long the test takes on a busy machine.
  clock = new Date(Date.now() + 3_600_000);
  smtp.received.length = 0;
  smtp.reject.clear();
  await ctx.handle.db.delete(mailOutbox);
});

afterEach(async () => {
  await Promise.all(senders.splice(0).map((s) => s.stop()));
});

afterAll(async () => {
  await ctx.app.close();
  await smtp.close();
});

describe("e-mail through a real SMTP server", () => {
  it("delivers the e-mails of a submission and a return with observations: recipients, subject, both parts, links", async () => {
    await addEvidenceRow(ctx.handle.db, e2.id, liaison.user.id);
    // An upload through the API would have moved it to in_progress; the row alone does not.
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "in_progress" })
      .where(eq(toolInstances.id, e2.id));
    const submit = await ctx.app.inject({
      method: "POST",
      url: `/api/tool-instances/${e2.id}/submit`,
      headers: liaison.session.headers,
    });
    expect(submit.statusCode).toBe(200);
    const review = await ctx.app.inject({
      method: "POST",
      url: `/api/tool-instances/${e2.id}/review`,
      headers: reviewer.session.headers,
      payload: {
        decision: "request_changes",
        expectedVersion: json<{ version: number }>(submit).version,
        observations: [{ type: "requerimiento", text: "Falta la firma del cabildo." }],
      },
    });
    expect(review.statusCode).toBe(200);
    // Written in the transactions, not sent yet: sending happens after commit, from the outbox.
    expect((await outboxRows()).map((row) => row.status)).toEqual([
      "pending",
      "pending",
      "pending",
    ]);
    expect(smtp.received).toHaveLength(0);

    const result = await sender().drain();
    expect(result).toEqual({ sent: 3, retried: 0, failed: 0, held: 0 });
    expect(smtp.logins.at(-1)).toEqual(CREDENTIALS);

    const toReviewer = smtp.received.filter((mail) => mail.to.includes(reviewer.user.email));
    expect(toReviewer).toHaveLength(1);
    expect(toReviewer[0]?.from).toBe("mrtm@ejemplo.gob.mx");
    expect(toReviewer[0]?.subject).toBe("Nuevo envío a revisión: E2 · Toluca");
    expect(toReviewer[0]?.text).toContain(`${PUBLIC_URL}/herramientas/${e2.id}`);

    const municipal = smtp.received.filter((mail) => !mail.to.includes(reviewer.user.email));
    expect(municipal.map((mail) => mail.to).sort()).toEqual(
      [[liaison.user.email], [collaborator.user.email]].sort(),
    );
    for (const mail of municipal) {
      expect(mail.subject).toBe(
        "Observaciones en E2 · Política de Transparencia y Acceso a la Información Pública",
      );
      expect(mail.raw).toMatch(/multipart\/alternative/i);
      expect(mail.text).toContain("fue devuelta con 1 observación.");
      expect(mail.text).toContain(`Ver las observaciones: ${PUBLIC_URL}/herramientas/${e2.id}`);
      expect(mail.text).toContain(`${PUBLIC_URL}/notificaciones/preferencias`);
      expect(mail.html).toContain(`<a href="${PUBLIC_URL}/herramientas/${e2.id}"`);
      expect(mail.html).toContain("fue devuelta con 1 observación.");
      expect(mail.html).toContain('<html lang="es">');
    }

    const rows = await outboxRows();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({ status: "sent", attempts: 1, sentAt: expect.any(Date) });
    }
    // Draining again sends nothing more.
    expect(await sender().drain()).toEqual({ sent: 0, retried: 0, failed: 0, held: 0 });
    expect(smtp.received).toHaveLength(3);
  });

  it("escapes everything in the HTML part and keeps the subject on one line", async () => {
    await queueNotice(liaison, "escape-test", {
      title: 'Aviso <b>negrita</b>\r\nBcc: intruso@ejemplo.com "x"',
      body: "Texto con <img src=x onerror=\"alert(1)\"> & comillas 'simples'.",
      link: "/herramientas/abc?x=1&y=<2>",
    });
    await sender().drain();
    const [mail] = smtp.received;
    expect(mail?.to).toEqual([liaison.user.email]);
    expect(mail?.subject).toBe('Aviso <b>negrita</b> Bcc: intruso@ejemplo.com "x"');
    expect(mail?.raw).not.toMatch(/^Bcc:/im);
    expect(mail?.html).not.toContain("<img");
    expect(mail?.html).not.toContain("<b>");
    expect(mail?.html).toContain(
      "Texto con &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; comillas &#39;simples&#39;.",
    );
    expect(mail?.html).toContain(`href="${PUBLIC_URL}/herramientas/abc?x=1&amp;y=&lt;2&gt;"`);
    expect(mail?.text).toContain('Texto con <img src=x onerror="alert(1)">');
  });

  it("retries a refused recipient with backoff, marks it failed after the last attempt, and an admin can retry it", async () => {
    smtp.reject.add(liaison.user.email);
    await queueNotice(liaison, "retry-test", {
      title: "Herramienta validada: E2",
      body: "Validada.",
      link: `/herramientas/${e2.id}`,
    });
    const drainer = sender();
    expect(await drainer.drain()).toEqual({ sent: 0, retried: 1, failed: 0, held: 0 });
    let [row] = await outboxRows();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row?.lastError).toContain("550");
    expect(row?.nextAttemptAt.getTime()).toBe(clock.getTime() + 60_000);

    // Not due yet: nothing happens until the backoff has passed.
    expect(await drainer.drain()).toEqual({ sent: 0, retried: 0, failed: 0, held: 0 });
    for (let attempt = 2; attempt <= MAIL_MAX_ATTEMPTS; attempt++) {
      clock = new Date(clock.getTime() + 3 * 3_600_000);
      await drainer.drain();
      [row] = await outboxRows();
      expect(row?.attempts).toBe(attempt);
    }
    expect(row?.status).toBe("failed");
    clock = new Date(clock.getTime() + 24 * 3_600_000);
    expect(await drainer.drain()).toEqual({ sent: 0, retried: 0, failed: 0, held: 0 });

    // The admin sees it failed, with the server's reply, and sends it again once fixed.
    const list = json<OutboxList>(
      await ctx.app.inject({
        method: "GET",
        url: "/api/mail-outbox?status=failed",
        headers: { cookie: admin.cookie },
      }),
    );
    expect(list.items).toHaveLength(1);
    expect(list.items[0]?.lastError).toContain("550");
    expect(list.smtpConfigured).toBe(true);
    smtp.reject.clear();
    const retried = await ctx.app.inject({
      method: "POST",
      url: `/api/mail-outbox/${row?.id}/retry`,
      headers: admin.headers,
    });
    expect(retried.statusCode).toBe(200);
    expect(json<OutboxMessageDetail>(retried)).toMatchObject({ status: "pending", attempts: 0 });
    const again = await ctx.app.inject({
      method: "POST",
      url: `/api/mail-outbox/${row?.id}/retry`,
      headers: admin.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("conflict");
    expect(await drainer.drain()).toEqual({ sent: 1, retried: 0, failed: 0, held: 0 });
    expect(smtp.received.map((mail) => mail.to)).toEqual([[liaison.user.email]]);
  });

  it("with several senders draining at once, sends each e-mail exactly once", async () => {
    await queueMail(
      Array.from({ length: 30 }, (_, index) => ({
        userId: index % 2 === 0 ? liaison.user.id : collaborator.user.id,
        title: `Aviso ${index}`,
        body: `Cuerpo ${index}`,
        link: "/notificaciones",
        dedupeKey: `concurrent-${index}`,
      })),
    );
    const results = await Promise.all([sender().drain(), sender().drain(), sender().drain()]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(30);
    const subjects = smtp.received.map((mail) => mail.subject).sort();
    expect(subjects).toHaveLength(30);
    expect(new Set(subjects).size).toBe(30);
    expect((await outboxRows()).map((row) => row.status)).toEqual(Array(30).fill("sent"));
  });

  it("reports an unreachable server as a failure to retry, keeping the message", async () => {
    await queueNotice(liaison, "unreachable", {
      title: "Sin servidor",
      body: "x",
      link: "/",
    });
    const dead = new OutboxSender(
      ctx.handle.db,
      createSmtpTransport({ smtpUrl: "smtp://127.0.0.1:1", from: FROM }),
      { now: () => clock },
    );
    senders.push(dead);
    expect(await dead.drain()).toEqual({ sent: 0, retried: 1, failed: 0, held: 0 });
    const [row] = await outboxRows();
    expect(row).toMatchObject({ status: "pending", attempts: 1, subject: "Sin servidor" });
    expect(row?.lastError).toMatch(/ECONNREFUSED|connect/i);
  });
});

describe("without an SMTP server", () => {
  it("holds every e-mail in the outbox for admins to read", async () => {
    await queueNotice(collaborator, "held-test", {
      title: "Herramienta validada: E2 · Política",
      body: "La herramienta fue validada.",
      link: `/herramientas/${e2.id}`,
    });
    expect(await sender("none").drain()).toEqual({ sent: 0, retried: 0, failed: 0, held: 1 });
    expect(smtp.received).toHaveLength(0);
    const [row] = await outboxRows();
    expect(row?.status).toBe("held");

    const detail = await ctx.app.inject({
      method: "GET",
      url: `/api/mail-outbox/${row?.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(detail.statusCode).toBe(200);
    expect(json<OutboxMessageDetail>(detail)).toMatchObject({
      to: collaborator.user.email,
      status: "held",
      subject: "Herramienta validada: E2 · Política",
    });
    expect(json<OutboxMessageDetail>(detail).text).toContain(`${PUBLIC_URL}/herramientas/${e2.id}`);
    const html = await ctx.app.inject({
      method: "GET",
      url: `/api/mail-outbox/${row?.id}/html`,
      headers: { cookie: admin.cookie },
    });
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(html.headers["content-security-policy"]).toContain("sandbox");
    expect(html.body).toContain(`href="${PUBLIC_URL}/herramientas/${e2.id}"`);
  });
});

describe("mail configuration", () => {
  it("needs a sender address with an SMTP URL, and reads both", () => {
    expect(() => loadConfig({ MRTM_SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow(/MRTM_MAIL_FROM/);
    expect(() => loadConfig({ MRTM_SMTP_URL: "http://correo", MRTM_MAIL_FROM: "a@b.c" })).toThrow(
      /MRTM_SMTP_URL/,
    );
    expect(
      loadConfig({ MRTM_SMTP_URL: "smtps://u:p@smtp.ejemplo.org:465", MRTM_MAIL_FROM: FROM }).mail,
    ).toEqual({ smtpUrl: "smtps://u:p@smtp.ejemplo.org:465", from: FROM });
    expect(loadConfig({}).mail).toBeNull();
  });

  it("links to MRTM_PUBLIC_URL, or to localhost on the configured port", () => {
    expect(loadConfig({ MRTM_PUBLIC_URL: "https://mrtm.ejemplo.org/" }).publicUrl).toBe(
      "https://mrtm.ejemplo.org",
    );
    expect(loadConfig({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(() => loadConfig({ MRTM_PUBLIC_URL: "mrtm.ejemplo.org" })).toThrow(/MRTM_PUBLIC_URL/);
  });
});
