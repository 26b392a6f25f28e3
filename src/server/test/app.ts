import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { buildApp } from "../app.js";
import { type Config, loadConfig } from "../config.js";
import type { DatabaseHandle } from "../db/client.js";
import { createBlobStore } from "../storage/index.js";
import type { App } from "../types.js";
import { getTestDatabase, resetDatabase } from "./db.js";

export interface TestContext {
  app: App;
  handle: DatabaseHandle;
  config: Config;
}

/** A fresh app over the worker's database, reset to reference data only (no users). */
export async function createTestContext(
  overrides: Partial<Config> = {},
  options: { now?: () => Date } = {},
): Promise<TestContext> {
  const handle = await getTestDatabase();
  await resetDatabase(handle);
  // Blobs and staged uploads go to a folder of this context's own, removed when the app closes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-test-"));
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: "silent" }),
    uploadTempDir: path.join(dir, "tmp"),
    blobStore: { kind: "disk", root: path.join(dir, "blobs") },
    ...overrides,
  };
  const app = await buildApp(
    {
      db: handle.db,
      databaseKind: handle.kind,
      config,
      blobs: createBlobStore(config),
      now: options.now ?? (() => new Date()),
    },
    { logger: false },
  );
  app.addHook("onClose", async () => fs.rmSync(dir, { recursive: true, force: true }));
  await app.ready();
  return { app, handle, config };
}

/** The parsed JSON body of an injected response. */
export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

/** The `error.code` of an error response, for one-line assertions. */
export function errorCode(response: LightMyRequestResponse): string | undefined {
  return json<{ error?: { code?: string } }>(response).error?.code;
}
