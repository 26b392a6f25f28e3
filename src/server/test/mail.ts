import { afterAll, beforeAll } from "vitest";
import { OutboxSender } from "../mail/sender.js";
import { startTestSmtpServer, type TestSmtpServer } from "../mail/test-smtp.js";
import { createSmtpTransport } from "../mail/transport.js";
import { createTestContext, type TestContext } from "./app.js";

export const PUBLIC_URL = "https://mrtm.ejemplo.gob.mx";
const FROM = "MRTM <mrtm@ejemplo.gob.mx>";

/** An app that mails through a test SMTP server, and a sender that delivers its outbox. */
export interface MailTestApp extends TestContext {
  smtp: TestSmtpServer;
  sender: OutboxSender;
}

/**
 * Before the file's tests: a test SMTP server, a fresh app (`createTestContext`) at PUBLIC_URL
 * mailing through it from FROM, and an outbox sender; after them, all three closed. The object
 * it returns is filled in by its `beforeAll`: read it inside tests and hooks only.
 */
export function setUpMailTestApp(): MailTestApp {
  const testApp = {} as MailTestApp;
  beforeAll(async () => {
    const smtp = await startTestSmtpServer();
    const mail = { smtpUrl: smtp.url, from: FROM };
    const ctx = await createTestContext({ publicUrl: PUBLIC_URL, mail });
    const sender = new OutboxSender(ctx.handle.db, createSmtpTransport(mail), {
      // Rows are written at the real time; the sender looks an hour ahead so all are due.
      now: () => new Date(Date.now() + 3_600_000),
    });
    Object.assign(testApp, ctx, { smtp, sender });
  });
  afterAll(async () => {
    await testApp.sender.stop();
    await testApp.app.close();
    await testApp.smtp.close();
  });
  return testApp;
}
