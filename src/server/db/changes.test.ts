import { describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { SYSTEM_ACTOR } from "../lib/audit.js";
import { registerAgreement } from "../modules/agreements/service.js";
import { createBlobStore } from "../storage/index.js";
import { json, setUpTestApp } from "../test/app.js";
import type { Session } from "../test/factories.js";
import type { App } from "../types.js";
import { ChangeFeed, mayWrite } from "./changes.js";
import { type DatabaseHandle, openDatabase } from "./client.js";

describe("the change feed", () => {
  it("tells reads from statements that may write", () => {
    expect(mayWrite("select 1")).toBe(false);
    expect(mayWrite("  SELECT * from x")).toBe(false);
    expect(mayWrite("begin isolation level repeatable read read only")).toBe(false);
    expect(mayWrite("insert into x values (1)")).toBe(true);
    expect(mayWrite("update x set a = 1")).toBe(true);
    expect(mayWrite("with t as (select 1) delete from x")).toBe(true);
    expect(mayWrite("commit")).toBe(true);
    expect(mayWrite("truncate x")).toBe(true);
  });

  it("moves the progress or the auth counter by notification, and both on anything else", () => {
    const feed = ChangeFeed.local();
    expect(feed.live).toBe(true);
    feed.notified("progress");
    expect([feed.progress, feed.auth]).toEqual([1, 0]);
    feed.notified("auth");
    expect([feed.progress, feed.auth]).toEqual([1, 1]);
    feed.notified("something new");
    expect([feed.progress, feed.auth]).toEqual([2, 2]);
  });
});

/**
 * Two server processes on one PostgreSQL database, as with MRTM_WORKERS: two apps, each with its
 * own pool, caches and listening connection. What one changes, the other learns by notification,
 * without asking per request. (PGlite allows one process: nothing to show there.)
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("two processes on one PostgreSQL", () => {
  const ctx = setUpTestApp({ agreements: ["15106"] });
  const admin = ctx.session("admin");
  const reviewer = ctx.signedIn("reviewer");
  const leaving = ctx.signedIn("collaborator");
  const deactivated = ctx.signedIn("collaborator");
  const promoted = ctx.signedIn("collaborator");

  async function secondApp(): Promise<{
    app: App;
    handle: DatabaseHandle;
    checkouts: () => number;
  }> {
    const url = (ctx.handle.db as unknown as { $client: { options: { connectionString: string } } })
      .$client.options.connectionString;
    const handle = await openDatabase({ kind: "postgres", url });
    let checkouts = 0;
    (handle.db as unknown as { $client: NodeJS.EventEmitter }).$client.on("acquire", () => {
      checkouts++;
    });
    const app = await buildApp(
      {
        db: handle.db,
        databaseKind: handle.kind,
        config: ctx.config,
        blobs: createBlobStore(ctx.config),
        now: () => new Date(),
      },
      { logger: false },
    );
    await app.ready();
    return { app, handle, checkouts: () => checkouts };
  }

  const me = (app: App, session: Pick<Session, "cookie">) =>
    app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie: session.cookie } });

  /**
   * Polls until `check` holds (a notification takes a moment to arrive), for up to 30 s: less than
   * the session cache's lifetime, so a pass is the notification's doing, not the cache expiring.
   */
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    const until = Date.now() + 30_000;
    while (!(await check())) {
      if (Date.now() > until) {
        throw new Error("the other process never saw the change");
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("serves cached reads without a database round trip, and sees a change made elsewhere", async () => {
    const other = await secondApp();
    try {
      await eventually(async () => other.handle.changes.live);
      const dashboard = async () =>
        json<{ participants: number }>(
          await other.app.inject({
            method: "GET",
            url: "/api/dashboard/regional",
            headers: { cookie: reviewer.session.cookie },
          }),
        ).participants;
      expect(await dashboard()).toBe(1);
      // Warm: the session and the stamp are read once; then nothing goes to the database.
      await dashboard();
      await dashboard();
      const before = other.checkouts();
      for (let i = 0; i < 20; i++) {
        expect(await dashboard()).toBe(1);
        expect(json(await me(other.app, reviewer.session))).toMatchObject({
          session: { user: { email: reviewer.user.email } },
        });
      }
      expect(other.checkouts()).toBe(before);

      // A new participant registered through the first process shows in the second.
      await registerAgreement(
        ctx.handle.db,
        { municipality: "15001", signedOn: "2022-11-16", cohort: "Cohorte 2022" },
        SYSTEM_ACTOR,
        new Date(),
      );
      await eventually(async () => (await dashboard()) === 2);
    } finally {
      await other.app.close();
      await other.handle.close();
    }
  });

  it("ends a session in every process at once on sign-out, deactivation and role change", async () => {
    const other = await secondApp();
    try {
      await eventually(async () => other.handle.changes.live);
      const people = [leaving, deactivated, promoted];
      for (const person of people) {
        // Cached in the second process.
        expect(json(await me(other.app, person.session))).toMatchObject({
          session: { user: { email: person.user.email, role: "collaborator" } },
        });
      }

      const signedOut = await ctx.send("POST", "/api/auth/logout", leaving.session);
      expect(signedOut.statusCode).toBeLessThan(300);
      expect((await me(ctx.app, leaving.session)).json()).toEqual({ session: null });
      await eventually(async () => (await me(other.app, leaving.session)).json().session === null);

      const off = await ctx.send("PATCH", `/api/users/${deactivated.user.id}`, admin, {
        active: false,
      });
      expect(off.statusCode).toBe(200);
      await eventually(
        async () => (await me(other.app, deactivated.session)).json().session === null,
      );

      const role = await ctx.send("PATCH", `/api/users/${promoted.user.id}`, admin, {
        role: "reviewer",
        municipality: null,
      });
      expect(role.statusCode).toBe(200);
      await eventually(async () => {
        const session = (await me(other.app, promoted.session)).json().session;
        return session === null || session.user.role === "reviewer";
      });
    } finally {
      await other.app.close();
      await other.handle.close();
    }
  });
});
