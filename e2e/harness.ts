import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { buildApp } from "../src/server/app.js";
import { type Config, loadConfig } from "../src/server/config.js";
import { type DemoCredential, seedDemoAccounts } from "../src/server/seed/index.js";
import { createBlobStore } from "../src/server/storage/index.js";
import { getTestDatabase, resetDatabase } from "../src/server/test/db.js";
import type { App } from "../src/server/types.js";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface E2eServer {
  app: App;
  baseUrl: string;
  /** The demo accounts with their one-time passwords, as the first start prints them. */
  accounts: Record<DemoCredential["role"], DemoCredential>;
  close(): Promise<void>;
}

/** The real server (built web app included) on a free loopback port, over a freshly reset database. */
export async function startServer(): Promise<E2eServer> {
  const handle = await getTestDatabase();
  await resetDatabase(handle);
  const credentials = await seedDemoAccounts(handle.db);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-e2e-"));
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: "silent" }),
    port: 0,
    uploadTempDir: path.join(dir, "tmp"),
    blobStore: { kind: "disk", root: path.join(dir, "blobs") },
  };
  const app = await buildApp(
    {
      db: handle.db,
      databaseKind: handle.kind,
      config,
      blobs: createBlobStore(config),
      now: () => new Date(),
    },
    { logger: false },
  );
  app.addHook("onClose", async () => fs.rmSync(dir, { recursive: true, force: true }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") {
    throw new Error("no address");
  }
  const accounts = Object.fromEntries(credentials.map((c) => [c.role, c])) as E2eServer["accounts"];
  return { app, baseUrl: `http://127.0.0.1:${address.port}`, accounts, close: () => app.close() };
}

export interface E2eBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<E2eBrowser> {
  // Playwright gives every launch a new empty profile of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({
    locale: "es-MX",
    timezoneId: "America/Mexico_City",
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  // Playwright waits 30 s for an element or a page by default; a busy machine can take longer.
  // The limit only catches a hang (see vitest.config.ts).
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(120_000);
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    close: () => browser.close(),
  };
}
