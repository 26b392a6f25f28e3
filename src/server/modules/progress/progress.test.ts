import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { scoreSnapshots, toolInstances } from "../../db/schema/index.js";
import { setUpTestApp } from "../../test/app.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import {
  type CycleActors,
  cycleActors,
  instanceId,
  joinMunicipalities,
  RETURN,
  review,
  submit,
  VALIDATE,
} from "../../test/progress.js";
import { municipalityCache, municipalValueNow, versionIn } from "./municipality-cache.js";
import { derivedReady, loadRegionalProgress, ProgressService, progressService } from "./service.js";
import { loadSnapshotTrend, scoreSnapshotJob, takeScoreSnapshot } from "./snapshots.js";

const ctx = setUpTestApp();
let actors: CycleActors;
const NOW = new Date("2024-01-10T18:00:00Z");

beforeAll(async () => {
  await joinMunicipalities(ctx, [TOLUCA, METEPEC]);
  actors = await cycleActors(ctx, [TOLUCA, METEPEC]);
});

/** A fresh computation with no cache, to compare the cache against. */
async function fresh(now = NOW) {
  return (await loadRegionalProgress(ctx.handle.db, localDay(now))).progress;
}
const localDay = (now: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(now);

describe("the progress service", () => {
  it("scores every participant: E1 is validated on signing, nothing else yet", async () => {
    const progress = await new ProgressService(ctx.handle.db).current(NOW);
    expect(progress.asOf).toBe("2024-01-10");
    expect(progress.municipalities.map((m) => m.cvegeo).sort()).toEqual([METEPEC, TOLUCA]);
    const toluca = progress.byCvegeo.get(TOLUCA);
    // E1 is one of four Estrategia tools: 25 % of one dimension of five.
    expect(toluca?.scores.dimensions.find((d) => d.code === "E")?.score).toBe(0.25);
    expect(toluca?.scores.index).toBeCloseTo(0.05, 10);
    expect(toluca?.tools).toHaveLength(18);
    expect(progress.model.dimensions.map((d) => d.code)).toEqual(["E", "R", "P", "C", "M"]);
    expect(progress.summary.participants).toBe(2);
  });

  it("answers from the cache while nothing changes", async () => {
    const service = new ProgressService(ctx.handle.db);
    const first = await service.current(NOW);
    const [second, third] = await Promise.all([service.current(NOW), service.current(NOW)]);
    expect(second).toBe(first);
    expect(third).toBe(first);
  });

  it("shows a validation in the next request and recomputes only that municipality", async () => {
    const service = new ProgressService(ctx.handle.db);
    const before = await service.current(NOW);
    await review(ctx, actors, TOLUCA, "E2", VALIDATE);
    const after = await service.current(NOW);
    expect(after).not.toBe(before);
    expect(after.byCvegeo.get(TOLUCA)?.scores.dimensions[0]?.score).toBe(0.5);
    // Metepec did not change: its figures are reused, not recomputed.
    expect(after.byCvegeo.get(METEPEC)).toBe(before.byCvegeo.get(METEPEC));
    const reference = await fresh();
    expect(after.municipalities).toEqual(reference.municipalities);
    expect(after.summary).toEqual(reference.summary);
  });

  it("gives the region's index without the summary, and the summary's own once computed", async () => {
    const progress = await new ProgressService(ctx.handle.db).current(NOW);
    // Asked for first, before anything computed the summary: the same figures as the summary's.
    const index = progress.index;
    expect(index.mean).toBeCloseTo(
      progress.municipalities.reduce((sum, m) => sum + m.scores.index, 0) / 2,
      10,
    );
    expect(index).toEqual(progress.summary.index);
    expect(progress.summary).toBe(progress.summary);
    const later = await fresh();
    expect(later.summary.index).toEqual(later.index);
    expect(later.index).toBe(later.summary.index);
  });

  it("counts open observations and the days instances wait in review", async () => {
    const service = new ProgressService(ctx.handle.db);
    await review(ctx, actors, METEPEC, "C1", RETURN);
    await submit(ctx, actors, METEPEC, "C2");
    const progress = await service.current(NOW);
    const metepec = progress.byCvegeo.get(METEPEC);
    expect(metepec?.openObservations).toBe(2);
    expect(metepec?.reviewWaits).toHaveLength(1);
    expect(progress.summary.reviewBacklog.submitted).toBe(1);
    expect(progress.summary.openObservations).toBe(2);
    expect(metepec?.tools.find((t) => t.toolCode === "C1")?.state).toBe("changes_requested");
  });

  it("counts only the latest review's observations, and waits from the latest submission", async () => {
    const service = new ProgressService(ctx.handle.db);
    const before = (await service.current(NOW)).byCvegeo.get(METEPEC);
    // Returned twice: first with two observations, then with one. Then sent a third time.
    await review(ctx, actors, METEPEC, "C3", RETURN);
    const id = await review(ctx, actors, METEPEC, "C3", {
      decision: "request_changes",
      observations: [{ type: "observacion", text: "Falta el sello." }],
    });
    const returned = (await service.current(NOW)).byCvegeo.get(METEPEC);
    expect(returned?.openObservations).toBe((before?.openObservations ?? 0) + 1);
    await submit(ctx, actors, METEPEC, "C3");
    // The earlier rounds long ago, the latest two days before NOW (10/01/2024).
    await ctx.handle.db.execute(
      sql`update submissions set submitted_at = case when submitted_at = (select max(submitted_at) from submissions where tool_instance_id = ${id}) then '2024-01-08T18:00:00Z'::timestamptz else '2023-06-01T18:00:00Z'::timestamptz end where tool_instance_id = ${id}`,
    );
    // A change stamp moves only with tracked writes: read afresh rather than through the cache.
    const metepec = (await fresh()).byCvegeo.get(METEPEC);
    expect(metepec?.openObservations).toBe(before?.openObservations);
    expect(metepec?.reviewWaits).toContain(2);
    expect(metepec?.reviewWaits).not.toContain(223);
  });

  it("scores P2 by the maturity level the reviewer measured", async () => {
    const service = new ProgressService(ctx.handle.db);
    await review(ctx, actors, TOLUCA, "P2", { ...VALIDATE, maturityLevel: 1 });
    const progress = await service.current(NOW);
    const p2 = progress.byCvegeo.get(TOLUCA)?.scores.tools.find((t) => t.code === "P2");
    const [row] = await ctx.handle.db
      .select({ maturity: toolInstances.maturity })
      .from(toolInstances)
      .where(eq(toolInstances.id, await instanceId(ctx, TOLUCA, "P2")));
    expect(row?.maturity).not.toBeNull();
    expect(p2?.score).toBe(row?.maturity);
    expect(p2?.score).toBeGreaterThan(0);
    expect(p2?.score).toBeLessThan(1);
  });

  it("recomputes everyone on a new day: deadlines pass at midnight in Mexico City", async () => {
    const service = new ProgressService(ctx.handle.db);
    // E2's deadline is 16/02/2023 for an agreement of 16/11/2022.
    const dayBefore = await service.current(new Date("2023-02-16T20:00:00Z"));
    const dayAfter = await service.current(new Date("2023-02-17T07:00:00Z"));
    expect(dayBefore.asOf).toBe("2023-02-16");
    expect(dayAfter.asOf).toBe("2023-02-17");
    const e2 = (p: typeof dayBefore) =>
      p.byCvegeo.get(METEPEC)?.tools.find((t) => t.toolCode === "E2")?.overdue;
    expect(e2(dayBefore)).toBe(false);
    expect(e2(dayAfter)).toBe(true);
  });

  it("sees a change made outside the service (another process) through the stamps", async () => {
    const service = new ProgressService(ctx.handle.db);
    const before = await service.current(NOW);
    await ctx.handle.db
      .update(toolInstances)
      .set({ state: "validated" })
      .where(eq(toolInstances.id, await instanceId(ctx, METEPEC, "R4")));
    const after = await service.current(NOW);
    expect(after.stamp).not.toBe(before.stamp);
    expect(after.byCvegeo.get(METEPEC)?.scores.index).toBeGreaterThan(
      before.byCvegeo.get(METEPEC)?.scores.index ?? 1,
    );
    expect(after.byCvegeo.get(TOLUCA)).toBe(before.byCvegeo.get(TOLUCA));
  });

  it("adds a municipality that signs and keeps the others' figures", async () => {
    const service = new ProgressService(ctx.handle.db);
    const before = await service.current(NOW);
    await joinMunicipalities(ctx, ["15001"], { cohort: "Cohorte 2023", signedOn: "2023-03-01" });
    const after = await service.current(NOW);
    expect(after.municipalities).toHaveLength(3);
    expect(after.byCvegeo.get(TOLUCA)).toBe(before.byCvegeo.get(TOLUCA));
    expect(after.summary.cohorts.map((c) => c.cohort)).toEqual(["Cohorte 2022", "Cohorte 2023"]);
    expect(after.summary).toEqual((await fresh()).summary);
  });

  it("does not keep the progress it was built on, nor that one's cached bodies", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const db = ctx.handle.db;
    let first: Awaited<ReturnType<typeof loadRegionalProgress>> | null = await loadRegionalProgress(
      db,
      localDay(NOW),
    );
    first.progress.derived.set("a cached body", Buffer.alloc(1024));
    const earlier = new WeakRef(first);
    const second = await loadRegionalProgress(db, localDay(NOW), first);
    first = null;
    // Its getters made (the summary asked for), as every read does.
    expect(second.progress.summary.index).toEqual(second.progress.index);
    // A WeakRef keeps its target until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(earlier.deref()).toBeUndefined();
    expect(second.progress.municipalities.length).toBeGreaterThan(0);
  });

  it("stays equal to a computation from scratch over several changes, reading the moved stamps", async () => {
    const db = ctx.handle.db;
    const service = new ProgressService(db);
    const check = async () => {
      const { progress, stamps } = await service.snapshot(NOW);
      const reference = await loadRegionalProgress(db, localDay(NOW));
      // The stamps a change moved, read alone and merged, are those of a read of them all.
      expect(stamps).toEqual(reference.stamps);
      expect(progress.municipalities).toEqual(reference.progress.municipalities);
      expect(progress.ranks).toEqual(reference.progress.ranks);
      expect(progress.summary).toEqual(reference.progress.summary);
    };
    const instances = async (cvegeo: string) =>
      (
        await db
          .select({ id: toolInstances.id })
          .from(toolInstances)
          .where(eq(toolInstances.municipalityCvegeo, cvegeo))
          .orderBy(toolInstances.toolCode, toolInstances.partCode, toolInstances.cycle)
      ).map((row) => row.id);
    const [toluca, metepec] = [await instances(TOLUCA), await instances(METEPEC)];
    const setState = (id: string | undefined, state: "validated" | "in_progress") =>
      db
        .update(toolInstances)
        .set({ state })
        .where(eq(toolInstances.id, id ?? ""));
    await check();
    await setState(toluca[3], "validated");
    await check();
    await setState(metepec[5], "in_progress");
    await check();
    await setState(toluca[7], "validated");
    await setState(metepec[8], "validated");
    await check();
    // A stamp that disappears (nothing in the app removes one): the stamps are read whole.
    await db.execute(sql`delete from progress_stamps where scope = ${METEPEC}`);
    await setState(toluca[9], "validated");
    await check();
  });
});

describe("a read that need not wait", () => {
  // Moves a municipality's stamp (and this process's change feed) without changing its figures.
  const touch = async (cvegeo: string) =>
    ctx.handle.db
      .update(toolInstances)
      .set({ state: sql`${toolInstances.state}` })
      .where(eq(toolInstances.id, await instanceId(ctx, cvegeo, "E1")));

  // The transaction a computation reads in ends with a COMMIT, which moves the feed like any
  // statement that is not a read: the next read of the `any` stamp vouches for the state.
  const settle = async (service: ProgressService) => {
    await service.snapshot(NOW);
    return service.snapshot(NOW);
  };

  it("is settled only after a read, on its day, while nothing was written since", async () => {
    const service = new ProgressService(ctx.handle.db);
    expect(service.settled(NOW)).toBeNull();
    const state = await settle(service);
    expect(service.settled(NOW)).toBe(state);
    expect(service.ready(NOW)).toBe(state);
    expect(service.settled(new Date(NOW.getTime() + 24 * 3_600_000))).toBeNull();
    await touch(METEPEC);
    expect(service.settled(NOW)).toBeNull();
    const ready = service.ready(NOW);
    expect(ready).toBeInstanceOf(Promise);
    expect(await ready).not.toBe(state);
    const after = await settle(service);
    expect(service.settled(NOW)).toBe(after);
  });

  it("gives a value derived from the progress in the same turn once computed, once per progress", async () => {
    const db = ctx.handle.db;
    await settle(progressService(db));
    let computed = 0;
    const read = () =>
      derivedReady(db, NOW, "test.derived-ready", async (progress) => {
        computed++;
        return `${progress.stamp}`;
      });
    const first = read();
    expect(first).toBeInstanceOf(Promise);
    const value = await first;
    expect(read()).toBe(value);
    expect(computed).toBe(1);
    // A write: the progress is asked for again, and the value computed for the new one.
    await touch(METEPEC);
    const after = read();
    expect(after).toBeInstanceOf(Promise);
    expect(await after).not.toBe(value);
    expect(computed).toBe(2);
  });

  it("keeps no failed computation: the next read computes again", async () => {
    const db = ctx.handle.db;
    await settle(progressService(db));
    let attempts = 0;
    const read = () =>
      derivedReady(db, NOW, "test.derived-failing", async () => {
        attempts++;
        if (attempts === 1) {
          throw new Error("falló");
        }
        return "listo";
      });
    await expect(read()).rejects.toThrow("falló");
    expect(await read()).toBe("listo");
    expect(read()).toBe("listo");
    expect(attempts).toBe(2);
  });

  it("gives a municipality's kept value while its own version holds, whatever moves elsewhere", async () => {
    const db = ctx.handle.db;
    const name = "test.municipal-now";
    const cache = municipalityCache<string>(db, name);
    const keep = async (expiresAt?: number) => {
      const version = versionIn(await settle(progressService(db)), TOLUCA);
      await cache.get(TOLUCA, version.key, NOW, async () => ({ value: version.key, expiresAt }));
      return version.key;
    };
    expect(municipalValueNow(db, name, TOLUCA, NOW)).toBeUndefined();
    const key = await keep();
    expect(municipalValueNow(db, name, TOLUCA, NOW)).toBe(key);
    expect(municipalValueNow(db, name, METEPEC, NOW)).toBeUndefined();
    // Another municipality's change: a new progress, the same version of Toluca.
    await touch(METEPEC);
    expect(municipalValueNow(db, name, TOLUCA, NOW)).toBeUndefined();
    await settle(progressService(db));
    expect(municipalValueNow(db, name, TOLUCA, NOW)).toBe(key);
    // Toluca's own change: its version moves, the kept value is not handed out.
    await touch(TOLUCA);
    await settle(progressService(db));
    expect(municipalValueNow(db, name, TOLUCA, NOW)).toBeUndefined();
    // A value with an end is not handed out from that instant on.
    const ending = await keep(NOW.getTime() + 1_000);
    expect(municipalValueNow(db, name, TOLUCA, NOW)).toBe(ending);
    expect(municipalValueNow(db, name, TOLUCA, new Date(NOW.getTime() + 1_000))).toBeUndefined();
  });
});

describe("the daily score snapshot", () => {
  it("writes one row per participant and day, idempotently", async () => {
    const yesterday = new Date("2024-01-09T18:00:00Z");
    const first = await takeScoreSnapshot(ctx.handle.db, yesterday);
    const again = await takeScoreSnapshot(ctx.handle.db, yesterday);
    expect(first).toEqual({ takenOn: "2024-01-09", municipalities: 3 });
    expect(again).toEqual(first);
    const rows = await ctx.handle.db
      .select()
      .from(scoreSnapshots)
      .where(eq(scoreSnapshots.takenOn, "2024-01-09"));
    expect(rows).toHaveLength(3);
    const toluca = rows.find((row) => row.municipalityCvegeo === TOLUCA);
    const live = (await fresh(yesterday)).byCvegeo.get(TOLUCA);
    expect(toluca?.implementationIndex).toBeCloseTo(live?.scores.index ?? -1, 10);
    expect(Object.keys(toluca?.dimensions ?? {}).sort()).toEqual(["C", "E", "M", "P", "R"]);
  });

  it("updates the day's rows on a second run with the latest figures", async () => {
    const day = new Date("2024-01-09T23:00:00Z");
    await review(ctx, actors, METEPEC, "R1", VALIDATE, "a");
    await takeScoreSnapshot(ctx.handle.db, day);
    const [row] = await ctx.handle.db
      .select()
      .from(scoreSnapshots)
      .where(sql`${scoreSnapshots.takenOn} = '2024-01-09' and municipality_cvegeo = ${METEPEC}`);
    const live = (await fresh(day)).byCvegeo.get(METEPEC);
    expect(row?.implementationIndex).toBeCloseTo(live?.scores.index ?? -1, 10);
  });

  it("runs as a daily job inside the job's transaction", async () => {
    const summary = await ctx.handle.db.transaction((tx) =>
      scoreSnapshotJob.run({
        tx,
        today: "2024-01-08",
        lastRunOn: null,
        now: new Date("2024-01-08T12:00:00Z"),
      }),
    );
    expect(summary).toContain("3 municipio(s)");
    const count = await ctx.handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(scoreSnapshots)
      .where(eq(scoreSnapshots.takenOn, "2024-01-08"));
    expect(Number(count[0]?.n)).toBe(3);
  });

  it("gives the trend from the days before today, oldest first, with means per dimension", async () => {
    const trend = await loadSnapshotTrend(ctx.handle.db, "2024-01-10");
    expect(trend.map((point) => point.takenOn)).toEqual(["2024-01-08", "2024-01-09"]);
    const rows = await ctx.handle.db
      .select()
      .from(scoreSnapshots)
      .where(eq(scoreSnapshots.takenOn, "2024-01-09"));
    const meanIndex = rows.reduce((sum, row) => sum + row.implementationIndex, 0) / rows.length;
    const meanE = rows.reduce((sum, row) => sum + (row.dimensions.E ?? 0), 0) / rows.length;
    expect(trend[1]?.municipalities).toBe(3);
    expect(trend[1]?.index).toBeCloseTo(meanIndex, 10);
    expect(trend[1]?.dimensions.E).toBeCloseTo(meanE, 10);
    expect(await loadSnapshotTrend(ctx.handle.db, "2024-01-09")).toHaveLength(1);
  });
});
