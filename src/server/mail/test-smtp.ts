/**
 * For tests: a real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps what it
 * receives, and a small reader of the MIME messages nodemailer writes (multipart/alternative with
 * quoted-printable or base64 parts, RFC 2047 encoded subjects).
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** Recipients the server refuses (550), to exercise retries. */
  reject: Set<string>;
  /** Credentials the server saw, if the client authenticated. */
  logins: { username: string; password: string }[];
  close(): Promise<void>;
}

export async function startTestSmtpServer(
  credentials: { username: string; password: string } | null = null,
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const reject = new Set<string>();
  const logins: { username: string; password: string }[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: credentials ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !credentials,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? "", password: auth.password ?? "" });
      if (
        credentials &&
        auth.username === credentials.username &&
        auth.password === credentials.password
      ) {
        callback(null, { user: auth.username });
        return;
      }
      callback(new Error("Credenciales no válidas"));
    },
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address)) {
        const error = new Error(`Buzón no disponible: ${address.address}`) as Error & {
          responseCode: number;
        };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMessage(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const auth = credentials
    ? `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@`
    : "";
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    received,
    reject,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function splitHead(part: string): { headers: Map<string, string>; body: string } {
  const index = part.search(/\r?\n\r?\n/);
  const head = index === -1 ? part : part.slice(0, index);
  const body = index === -1 ? "" : part.slice(index).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  // Unfold continuation lines, then read "Name: value".
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  return { headers, body };
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    const char = soft[i];
    if (char === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? "7bit").toLowerCase()) {
    case "quoted-printable":
      return decodeQuotedPrintable(body);
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    default:
      return body;
  }
}

/** RFC 2047: `=?UTF-8?Q?Observaciones_en_E2?=` → "Observaciones en E2". */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_match, _charset, kind: string, data: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}

function parseMessage(raw: string): { subject: string; text: string; html: string } {
  const { headers, body } = splitHead(raw);
  const subject = decodeWords(headers.get("subject") ?? "");
  const parts: { type: string; content: string }[] = [];
  const collect = (partHeaders: Map<string, string>, partBody: string) => {
    const type = partHeaders.get("content-type") ?? "text/plain";
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (type.toLowerCase().startsWith("multipart/") && boundary) {
      const sections = partBody.split(`--${boundary}`).slice(1);
      for (const section of sections) {
        if (section.startsWith("--")) {
          break;
        }
        const inner = splitHead(section.replace(/^\r?\n/, ""));
        collect(inner.headers, inner.body);
      }
      return;
    }
    parts.push({
      type: type.toLowerCase(),
      content: decodeBody(partBody, partHeaders.get("content-transfer-encoding")),
    });
  };
  collect(headers, body);
  return {
    subject,
    text: parts.find((p) => p.type.startsWith("text/plain"))?.content.trim() ?? "",
    html: parts.find((p) => p.type.startsWith("text/html"))?.content.trim() ?? "",
  };
}
