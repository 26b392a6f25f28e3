import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import type { Role } from "../../domain/roles.js";
import { buildApp } from "../app.js";
import { type Config, loadConfig } from "../config.js";
import type { DatabaseHandle } from "../db/client.js";
import { createBlobStore } from "../storage/index.js";
import type { App } from "../types.js";
import { getTestDatabase, resetDatabase } from "./db.js";
import { registerTestAgreement, type Session, signedIn, type TestUser } from "./factories.js";
import { postFile, SAMPLE_PNG } from "./samples.js";

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

/**
 * The `error` of an error response, for assertions on it: expects the status, and a body that
 * holds the error and nothing else.
 */
export function errorOf(response: LightMyRequestResponse, status: number): unknown {
  expect(response.statusCode).toBe(status);
  const body = json(response);
  expect(Object.keys(body)).toEqual(["error"]);
  return body.error;
}

/** The `error.code` of an error response, for one-line assertions. */
export function errorCode(response: LightMyRequestResponse): string | undefined {
  return json<{ error?: { code?: string } }>(response).error?.code;
}

/** What a test file's people are: a role and, for municipal roles, options as `signedIn` takes. */
type PersonOptions = { municipality?: string; designated?: boolean };

/** `own`'s liaison (and their account) and collaborator, `other`'s liaison, and a reviewer. */
export interface MunicipalCast {
  liaisonUser: TestUser;
  liaison: Session;
  collaborator: Session;
  otherLiaison: Session;
  reviewer: Session;
}

/** The app of a test file (see `setUpTestApp`), with helpers that sign people in before its tests. */
export interface TestApp extends TestContext {
  /** A session of a new user of the role, signed in before the file's tests. */
  session(role: Role, options?: PersonOptions): Session;
  /** A new user of the role and their session, signed in before the file's tests. */
  signedIn(role: Role, options?: PersonOptions): { user: TestUser; session: Session };
  /** The people a municipal feature is tried with, signed in before the file's tests. */
  cast(own: string, other: string): MunicipalCast;
  /** A GET as `session` (its cookie), or without a session. */
  get(url: string, session?: Pick<Session, "cookie"> | null): Promise<LightMyRequestResponse>;
  /** A write as `session` (its cookie and CSRF token), with an optional JSON body. */
  send(
    method: "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    session: Pick<Session, "headers">,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  /** A POST of one file (a small PNG unless told) as `session`, as the upload forms send it. */
  upload(
    url: string,
    session: Pick<Session, "headers">,
    fileName: string,
    data?: Buffer,
  ): Promise<LightMyRequestResponse>;
}

/**
 * The set-up most API test files share: before the file's tests a fresh app (`createTestContext`)
 * with the given agreements registered, after them the app closed. The object it returns, and the
 * people its `session`/`signedIn` return, are filled in by `beforeAll` hooks run in the order they
 * were asked for: read them inside tests and hooks only. Municipal roles default to Toluca.
 */
export function setUpTestApp(
  setup: { config?: Partial<Config>; now?: () => Date; agreements?: string[] } = {},
): TestApp {
  const testApp = {
    session(role: Role, options: PersonOptions = {}): Session {
      const session = {} as Session;
      beforeAll(async () => {
        Object.assign(session, (await signedIn(testApp.app, role, options)).session);
      });
      return session;
    },
    signedIn(role: Role, options: PersonOptions = {}) {
      const person = { user: {} as TestUser, session: {} as Session };
      beforeAll(async () => {
        const { user, session } = await signedIn(testApp.app, role, options);
        Object.assign(person.user, user);
        Object.assign(person.session, session);
      });
      return person;
    },
    cast(own: string, other: string): MunicipalCast {
      const liaison = testApp.signedIn("liaison", { municipality: own });
      return {
        liaisonUser: liaison.user,
        liaison: liaison.session,
        collaborator: testApp.session("collaborator", { municipality: own }),
        otherLiaison: testApp.session("liaison", { municipality: other }),
        reviewer: testApp.session("reviewer"),
      };
    },
    get(url: string, session?: Pick<Session, "cookie"> | null) {
      return testApp.app.inject({
        method: "GET",
        url,
        headers: session ? { cookie: session.cookie } : {},
      });
    },
    send(
      method: "POST" | "PUT" | "PATCH" | "DELETE",
      url: string,
      session: Pick<Session, "headers">,
      payload?: object,
    ) {
      return testApp.app.inject({ method, url, headers: session.headers, payload });
    },
    upload(url: string, session: Pick<Session, "headers">, fileName: string, data = SAMPLE_PNG) {
      return postFile(testApp.app, url, session, fileName, data);
    },
  } as TestApp;
  beforeAll(async () => {
    Object.assign(testApp, await createTestContext(setup.config, { now: setup.now }));
    for (const cvegeo of setup.agreements ?? []) {
      await registerTestAgreement(testApp.handle.db, cvegeo);
    }
  });
  afterAll(() => testApp.app.close());
  return testApp;
}
