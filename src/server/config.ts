import { isIP } from "node:net";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

/** Where the package lives: the same from src/ (tsx, tests) and dist/ (built). */
export const PACKAGE_ROOT = path.resolve(import.meta.dirname, "../..");

/** Unset and empty are the same for optional settings: compose files often pass `VAR=`. */
const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

// AWS' bucket naming rules, which S3-compatible servers follow too.
const BUCKET_NAME = /^(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const Env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL debe empezar por postgres://")
      .optional(),
    MRTM_DATA_DIR: z.string().default("./data"),
    MRTM_BLOB_DIR: optionalText(z.string()),
    MRTM_S3_ENDPOINT: optionalText(
      z.url({
        protocol: /^https?$/,
        error: "MRTM_S3_ENDPOINT debe ser una URL http:// o https://",
      }),
    ),
    MRTM_S3_BUCKET: optionalText(
      z.string().regex(BUCKET_NAME, "MRTM_S3_BUCKET no es un nombre de bucket válido"),
    ),
    MRTM_S3_REGION: optionalText(z.string()).transform((value) => value ?? "us-east-1"),
    MRTM_S3_ACCESS_KEY_ID: optionalText(z.string()),
    MRTM_S3_SECRET_ACCESS_KEY: optionalText(z.string()),
    MRTM_S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("true"),
    MRTM_SEED_DEMO: z.enum(["true", "false"]).default("true"),
    MRTM_MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(25),
    MRTM_SESSION_DAYS: z.coerce.number().positive().max(90).default(7),
    MRTM_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
    MRTM_LOGIN_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(100),
    MRTM_LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
    MRTM_LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().max(1440).default(15),
    MRTM_API_TOKEN_MAX_PER_MINUTE: z.coerce.number().int().positive().max(100_000).default(120),
    MRTM_TRUST_PROXY: z
      .string()
      .default("false")
      .transform((value, context) => {
        const trust = parseTrustProxy(value);
        if (trust === null) {
          context.addIssue({
            code: "custom",
            message:
              "MRTM_TRUST_PROXY debe ser false, true (un proxy), un número de proxies o una lista de direcciones o redes (10.0.0.1,10.1.0.0/16)",
          });
          return z.NEVER;
        }
        return trust;
      }),
    MRTM_EFFECTIVENESS_DAYS: z.coerce.number().int().min(1).max(730).default(90),
    MRTM_SURVEY_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(30),
    MRTM_PUBLIC_URL: optionalText(
      z.url({
        protocol: /^https?$/,
        error: "MRTM_PUBLIC_URL debe ser una URL http:// o https://",
      }),
    ),
    MRTM_SMTP_URL: optionalText(
      z.url({
        protocol: /^smtps?$/,
        error:
          "MRTM_SMTP_URL debe ser una URL smtp:// o smtps:// (p. ej. smtp://usuario:clave@host:587)",
      }),
    ),
    MRTM_MAIL_FROM: optionalText(z.string()),
    MRTM_JOBS: z.enum(["on", "off"]).default("on"),
    MRTM_WORKERS: z.coerce
      .number()
      .int("MRTM_WORKERS debe ser un número entero de procesos")
      .min(1, "MRTM_WORKERS debe ser al menos 1")
      .max(256, "MRTM_WORKERS admite a lo más 256 procesos")
      .optional(),
    MRTM_AUDIT_ANCHOR_KEY: optionalText(
      z.string().min(32, "MRTM_AUDIT_ANCHOR_KEY debe tener al menos 32 caracteres"),
    ),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
  })
  .superRefine((e, ctx) => {
    if (e.MRTM_SMTP_URL && !e.MRTM_MAIL_FROM) {
      ctx.addIssue({
        code: "custom",
        path: ["MRTM_MAIL_FROM"],
        message: "es obligatorio con MRTM_SMTP_URL: el remitente, p. ej. MRTM <mrtm@ejemplo.org>",
      });
    }
    // An S3 setting without a bucket would silently fall back to the local disk: refuse it.
    const s3Set = [e.MRTM_S3_ENDPOINT, e.MRTM_S3_ACCESS_KEY_ID, e.MRTM_S3_SECRET_ACCESS_KEY];
    if (!e.MRTM_S3_BUCKET && s3Set.some((value) => value !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["MRTM_S3_BUCKET"],
        message: "es obligatorio cuando se configura alguna otra variable MRTM_S3_*",
      });
    }
    if ((e.MRTM_S3_ACCESS_KEY_ID === undefined) !== (e.MRTM_S3_SECRET_ACCESS_KEY === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["MRTM_S3_SECRET_ACCESS_KEY"],
        message:
          "MRTM_S3_ACCESS_KEY_ID y MRTM_S3_SECRET_ACCESS_KEY van juntas: indique las dos o ninguna",
      });
    }
  });

/**
 * Where evidence files live. The local disk needs nothing; S3 is chosen by setting
 * MRTM_S3_BUCKET, for deployments whose disk is not durable or is shared by several servers.
 */
export type BlobStoreConfig =
  | { kind: "disk"; root: string }
  | {
      kind: "s3";
      /** Absent means AWS itself (the endpoint follows from the region). */
      endpoint: string | undefined;
      bucket: string;
      region: string;
      /** Both absent means the SDK's default chain (instance role, AWS_* variables…). */
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
      /** `host/bucket/key` rather than `bucket.host/key`: what most S3-compatible servers expect. */
      forcePathStyle: boolean;
    };

export interface Config {
  port: number;
  host: string;
  /** postgres:// URL; absent means embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  /** Largest evidence file accepted, in bytes (MRTM_MAX_UPLOAD_MB, default 25 MB). */
  maxUploadBytes: number;
  /** Where uploads are staged before they reach the blob store. */
  uploadTempDir: string;
  sessionDays: number;
  /**
   * Failed attempts per account, and attempts per client address, allowed in the window; an
   * account that reaches `maxAttempts` is locked for `lockoutMinutes`.
   */
  login: {
    maxAttempts: number;
    maxPerAddress: number;
    windowMinutes: number;
    lockoutMinutes: number;
  };
  /** Requests one API token may make per minute (MRTM_API_TOKEN_MAX_PER_MINUTE, default 120). */
  apiTokenMaxPerMinute: number;
  /**
   * Which proxies may speak for the client in `X-Forwarded-*`: none (false), the nearest N hops
   * (`true` is one), or the listed addresses and networks. Never "everyone": the left-most
   * `X-Forwarded-For` value is written by the client, so trusting it would let a client choose
   * its address (and so its sign-in budget and what the audit trail records).
   */
  trustProxy: TrustProxy;
  /** Days after a support action in which its gaps count as closed (MRTM_EFFECTIVENESS_DAYS, 90). */
  effectivenessDays: number;
  /** Survey answers one client address may send per 10 minutes (MRTM_SURVEY_MAX_PER_ADDRESS, 30). */
  surveyMaxPerAddress: number;
  /** The web app's address as people reach it: the base of the links in e-mails. */
  publicUrl: string;
  /** SMTP for outgoing mail; null keeps every e-mail in the outbox for admins to read ("held"). */
  mail: { smtpUrl: string; from: string } | null;
  /** Whether this process runs the daily jobs (reminders…); MRTM_JOBS=off disables them. */
  jobs: boolean;
  /**
   * Server processes (MRTM_WORKERS): a node cluster sharing the port, on PostgreSQL only; by
   * default one per core there, one with PGlite (which allows a single process).
   */
  workers: number;
  /**
   * Signs the audit chain's daily anchor (HMAC-SHA-256; MRTM_AUDIT_ANCHOR_KEY). Kept out of the
   * database, so whoever rewrites the database cannot forge an anchor; null shows it unsigned.
   */
  auditAnchorKey: string | null;
  logLevel: string;
  /** Folder with the built web app; served when it exists. */
  webDir: string;
  blobStore: BlobStoreConfig;
}

/** What Fastify's `trustProxy` gets: nothing, a hop count, or addresses and CIDR networks. */
export type TrustProxy = false | number | string[];

/**
 * The setting as Fastify takes it. A hop count becomes a function of the hop's position (0 is the
 * socket's peer): Fastify's own number form trusts no hop at all, by design.
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === "number") {
    return (_address, hop) => hop < trust;
  }
  return trust;
}

/** MRTM_TRUST_PROXY as written: false, true (= 1 hop), a hop count, or a comma-separated list. */
export function parseTrustProxy(value: string): TrustProxy | null {
  const text = value.trim();
  if (text === "" || text === "false" || text === "0") {
    return false;
  }
  if (text === "true") {
    return 1;
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 32 ? hops : null;
  }
  const entries = text.split(",").map((entry) => entry.trim());
  return entries.every(isAddressOrNetwork) ? entries : null;
}

function isAddressOrNetwork(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) {
    return false;
  }
  if (prefix === undefined) {
    return true;
  }
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/** Reads and validates the environment once at start; a bad value stops the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Configuración no válida:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (!e.DATABASE_URL && (e.MRTM_WORKERS ?? 1) > 1) {
    throw new Error(
      "Configuración no válida:\n  MRTM_WORKERS: la base integrada (PGlite) admite un solo proceso; para varios use PostgreSQL (DATABASE_URL).",
    );
  }
  const dataDir = path.resolve(e.MRTM_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    seedDemo: e.MRTM_SEED_DEMO === "true",
    maxUploadBytes: Math.round(e.MRTM_MAX_UPLOAD_MB * 1024 * 1024),
    uploadTempDir: path.join(dataDir, "tmp"),
    sessionDays: e.MRTM_SESSION_DAYS,
    login: {
      maxAttempts: e.MRTM_LOGIN_MAX_ATTEMPTS,
      maxPerAddress: e.MRTM_LOGIN_MAX_PER_ADDRESS,
      windowMinutes: e.MRTM_LOGIN_WINDOW_MINUTES,
      lockoutMinutes: e.MRTM_LOGIN_LOCKOUT_MINUTES,
    },
    apiTokenMaxPerMinute: e.MRTM_API_TOKEN_MAX_PER_MINUTE,
    trustProxy: e.MRTM_TRUST_PROXY,
    effectivenessDays: e.MRTM_EFFECTIVENESS_DAYS,
    surveyMaxPerAddress: e.MRTM_SURVEY_MAX_PER_ADDRESS,
    publicUrl: (e.MRTM_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    mail:
      e.MRTM_SMTP_URL && e.MRTM_MAIL_FROM
        ? { smtpUrl: e.MRTM_SMTP_URL, from: e.MRTM_MAIL_FROM }
        : null,
    jobs: e.MRTM_JOBS === "on",
    workers: e.MRTM_WORKERS ?? (e.DATABASE_URL ? os.availableParallelism() : 1),
    auditAnchorKey: e.MRTM_AUDIT_ANCHOR_KEY ?? null,
    logLevel: e.LOG_LEVEL,
    webDir: path.join(PACKAGE_ROOT, "dist/web"),
    blobStore: e.MRTM_S3_BUCKET
      ? {
          kind: "s3",
          endpoint: e.MRTM_S3_ENDPOINT,
          bucket: e.MRTM_S3_BUCKET,
          region: e.MRTM_S3_REGION,
          accessKeyId: e.MRTM_S3_ACCESS_KEY_ID,
          secretAccessKey: e.MRTM_S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.MRTM_S3_FORCE_PATH_STYLE === "true",
        }
      : { kind: "disk", root: path.resolve(e.MRTM_BLOB_DIR ?? path.join(dataDir, "blobs")) },
  };
}
