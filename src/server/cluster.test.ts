import http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, spawnServer } from "./test/server-process.js";

/**
 * The real server as production runs it on PostgreSQL: `MRTM_WORKERS=2`, a primary that forks two
 * workers sharing the port (decision 0027). Both start on an empty database at once (migrations
 * and the seed take their advisory lock, so one does them and the other waits), both answer, and
 * a session both have cached is refused by both as soon as it is closed through either: the
 * revocation reaches the other process by notification, not by its cache expiring. Stopping the
 * primary stops the workers. PGlite is one process by design, so this runs with
 * TEST_DATABASE_URL (CI's PostgreSQL phase) and is skipped on PGlite.
 */

const testUrl = process.env.TEST_DATABASE_URL;
const WORKERS = 2;
/** Starts and steps may take minutes on a busy machine; these limits only catch a hang. */
const LIMIT_MS = 600_000;
/** Fresh connections per check: the primary hands them to the workers in turn. */
const CONNECTIONS = 3 * WORKERS;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let databaseName: string | undefined;
let server: ServerProcess | null = null;

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** The output so far, whole. */
const output = () => server?.output.join("") ?? "";

async function waitFor(what: string, ready: () => boolean): Promise<void> {
  const deadline = Date.now() + LIMIT_MS;
  while (!ready()) {
    if (server?.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${what} (exit ${server?.child.exitCode}):\n${output()}`);
    }
    await sleep(50);
  }
}

interface Answer {
  status: number;
  body: string;
  setCookie: string[];
}

/** One request on a connection of its own, closed after it (`agent: false`). */
function request(
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: "127.0.0.1",
        port: server?.port,
        method,
        path: pathname,
        agent: false,
        headers: {
          ...headers,
          ...(payload === undefined ? {} : { "content-type": "application/json" }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            setCookie: response.headers["set-cookie"] ?? [],
          }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(payload);
  });
}

/** `/api/auth/me` through fresh connections, one after another: the statuses. */
async function whoAmI(cookie: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < CONNECTIONS; index++) {
    statuses.push((await request("GET", "/api/auth/me", { cookie })).status);
  }
  return statuses;
}

beforeAll(async () => {
  if (!testUrl) {
    return;
  }
  databaseName = `mrtm_cluster_${process.pid}_${Date.now()}`;
  await adminQuery(`create database "${databaseName}"`);
  const target = new URL(testUrl);
  target.pathname = `/${databaseName}`;
  server = await spawnServer({
    DATABASE_URL: target.toString(),
    MRTM_WORKERS: String(WORKERS),
    // Node's default on Linux, said here: the primary hands connections out in turn.
    NODE_CLUSTER_SCHED_POLICY: "rr",
    MRTM_JOBS: "off",
    MRTM_SEED_DEMO: "true",
    LOG_LEVEL: "warn",
  });
  await waitFor(
    "the workers did not both start",
    () => output().split("MRTM escuchando").length - 1 === WORKERS,
  );
}, LIMIT_MS + 60_000);

afterAll(async () => {
  const current = server;
  if (current && current.child.exitCode === null) {
    const exited = new Promise((resolve) => current.child.once("exit", resolve));
    current.child.kill("SIGKILL");
    await exited;
  }
  if (databaseName) {
    // Workers a SIGKILLed primary left behind hold connections: `with (force)` ends them.
    await adminQuery(`drop database if exists "${databaseName}" with (force)`);
  }
}, LIMIT_MS);

describe.skipIf(!testUrl)(`MRTM_WORKERS=${WORKERS} on PostgreSQL`, { timeout: LIMIT_MS }, () => {
  it("starts both workers on an empty database, seeded once", () => {
    // The demo accounts are created and their passwords printed by the one worker that seeded.
    const printed = [...output().matchAll(/(\S+@mrtm\.test)\s+(\S+)/g)].map((match) => match[1]);
    expect(printed.length).toBeGreaterThan(0);
    expect(new Set(printed).size).toBe(printed.length);
    expect(output()).not.toMatch(/terminó .* se reinicia/);
  });

  it("refuses a session in every worker once it is closed through one", async () => {
    const [, email, password] = /(\S+@mrtm\.test)\s+(\S+)/.exec(output()) ?? [];
    const login = await request("POST", "/api/auth/login", {}, { email, password });
    expect(login.status).toBe(200);
    const cookie = /mrtm_session=[^;]+/.exec(login.setCookie.join("; "))?.[0] ?? "";
    const { csrfToken } = JSON.parse(login.body) as { csrfToken: string };
    // Every worker reads the session (and keeps it in its cache).
    expect(await whoAmI(cookie)).toEqual(Array(CONNECTIONS).fill(200));

    const logout = await request("POST", "/api/auth/logout", {
      cookie,
      "x-csrf-token": csrfToken,
    });
    expect(logout.status).toBe(200);
    // Within the cache's lifetime (60 s), so only the notification can explain a refusal; a
    // busy machine may take a moment to deliver it.
    const deadline = Date.now() + 30_000;
    let statuses = await whoAmI(cookie);
    while (statuses.some((status) => status !== 401) && Date.now() < deadline) {
      await sleep(100);
      statuses = await whoAmI(cookie);
    }
    expect(statuses).toEqual(Array(CONNECTIONS).fill(401));
  });

  it("stops the workers when the primary is stopped", async () => {
    const child = server?.child;
    const exited = new Promise<number | null>((resolve) => child?.once("exit", resolve));
    child?.kill("SIGTERM");
    expect(await exited).toBe(0);
    await expect(request("GET", "/api/health")).rejects.toThrow(/ECONNREFUSED/);
    // A worker stops once the demo progress it writes is complete: one worker wrote it.
    expect(output().split("Datos de demostración listos.").length - 1).toBe(1);
  });
});
