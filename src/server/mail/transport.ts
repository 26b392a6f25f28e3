import { nodemailer } from "../lib/lazy-modules.js";

/** One e-mail as the outbox holds it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Delivers e-mail; the SMTP one in production, any other in tests. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer, from a connection URL: `smtp://user:password@host:587` (STARTTLS when
 * the server offers it) or `smtps://user:password@host:465` (TLS from the start). Connections are
 * pooled; a rejected recipient or an unreachable server rejects `send`.
 */
export function createSmtpTransport(options: { smtpUrl: string; from: string }): MailTransport {
  const url = new URL(options.smtpUrl);
  const transporter = nodemailer().createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === "smtps:" ? 465 : 587,
    secure: url.protocol === "smtps:",
    auth: url.username
      ? {
          user: decodeURIComponent(url.username),
          pass: decodeURIComponent(url.password),
        }
      : undefined,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    },
    close() {
      transporter.close();
    },
  };
}
