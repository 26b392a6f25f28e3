import path from "node:path";
import { z } from "zod";

/** Where the package lives: the same from src/ (tsx, tests) and dist/ (built). */
export const PACKAGE_ROOT = path.resolve(import.meta.dirname, "../..");

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL debe empezar por postgres://")
    .optional(),
  MRTM_DATA_DIR: z.string().default("./data"),
  MRTM_SEED_DEMO: z.enum(["true", "false"]).default("true"),
  MRTM_SESSION_DAYS: z.coerce.number().positive().max(90).default(7),
  MRTM_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  MRTM_LOGIN_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  MRTM_LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  MRTM_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  port: number;
  host: string;
  /** postgres:// URL; absent means embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  sessionDays: number;
  /** Failed attempts per account, and attempts per client address, allowed in the window. */
  login: { maxAttempts: number; maxPerAddress: number; windowMinutes: number };
  trustProxy: boolean;
  logLevel: string;
  /** Folder with the built web app; served when it exists. */
  webDir: string;
}

/** Reads and validates the environment once at start; a bad value stops the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Configuración no válida:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.MRTM_DATA_DIR),
    seedDemo: e.MRTM_SEED_DEMO === "true",
    sessionDays: e.MRTM_SESSION_DAYS,
    login: {
      maxAttempts: e.MRTM_LOGIN_MAX_ATTEMPTS,
      maxPerAddress: e.MRTM_LOGIN_MAX_PER_ADDRESS,
      windowMinutes: e.MRTM_LOGIN_WINDOW_MINUTES,
    },
    trustProxy: e.MRTM_TRUST_PROXY === "true",
    logLevel: e.LOG_LEVEL,
    webDir: path.join(PACKAGE_ROOT, "dist/web"),
  };
}
