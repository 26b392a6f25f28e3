import { describe, expect, it, vi } from "vitest";
import { OPEN_DATASETS } from "../contracts/public.js";
import { regionalDashboard } from "./modules/dashboard/service.js";
import { progressService } from "./modules/progress/service.js";
import { datasetName, datasetVersion, openDataBytes } from "./modules/public/service.js";
import { setUpTestApp } from "./test/app.js";
import { registerTestAgreement } from "./test/factories.js";
import { refreshAfterChanges, warmUp } from "./warm-up.js";

/** Two participants (their tools opened), one municipality without an agreement. */
const ctx = setUpTestApp({ agreements: ["15106", "15013"] });

describe("warm-up after start", () => {
  it("builds every open dataset before the first person asks, and serves them as built", async () => {
    const db = ctx.handle.db;
    const bytes = openDataBytes(db);
    const names = OPEN_DATASETS.flatMap((id) =>
      (["csv", "json"] as const).map((format) => datasetName(id, format)),
    );
    // Test files share the database (and its caches) in a worker: what was built before is not
    // of the data as it is now.
    const version = datasetVersion(await progressService(db).current(new Date()));
    for (const name of names) {
      expect(bytes.builtVersion(name), name).not.toBe(version);
    }

    await warmUp(db, () => new Date(), ctx.app.log);

    expect(datasetVersion(await progressService(db).current(new Date()))).toBe(version);
    const build = vi.fn(() => Promise.reject(new Error("built again")));
    for (const name of names) {
      expect(bytes.builtVersion(name), name).toBe(version);
      const url = `/api/public/open-data/${name}`;
      const response = await ctx.get(url);
      expect(response.statusCode, url).toBe(200);
      // The bytes the request got are those warm-up built: asking again builds nothing.
      const kept = await bytes.get(name, version, build);
      expect(response.headers.etag, url).toBe(kept.etag);
      expect(response.rawPayload.equals(kept.body), url).toBe(true);
    }
    expect(build).not.toHaveBeenCalled();
    const tools = await ctx.get("/api/public/open-data/tools.csv");
    expect(
      tools.body.split("\n").filter((line) => line.startsWith("15106")).length,
    ).toBeGreaterThan(0);
  });

  it("computes the most read bodies again after a change, before anyone asks", async () => {
    const db = ctx.handle.db;
    const before = await progressService(db).current(new Date());
    expect(before.municipalities).toHaveLength(2);
    const stop = refreshAfterChanges(db, () => new Date(), ctx.app.log);
    try {
      await registerTestAgreement(db, "15054");
      // Nobody asks for the dashboard: the refresh after the change computes it.
      await vi.waitFor(
        async () => {
          const progress = await progressService(db).current(new Date());
          expect(progress).not.toBe(before);
          expect(progress.derived.has("dashboard.regional")).toBe(true);
          expect(progress.derived.has("public.summary")).toBe(true);
          // The public page of the municipality that changed is built first.
          const pages = progress.derived.get("public.pages") as Map<string, unknown> | undefined;
          expect(pages?.has("15054")).toBe(true);
        },
        { timeout: 30_000, interval: 20 },
      );
      const dashboard = JSON.parse((await regionalDashboard(db, new Date())).body.toString());
      expect(dashboard.participants).toBe(3);
    } finally {
      await stop();
    }
  });
});
