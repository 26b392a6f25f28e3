/**
 * The daily snapshot of every participant's scores, behind the trends. Trends start when the
 * snapshots start: nothing is back-filled.
 */
import { and, eq, lt, notInArray, sql } from "drizzle-orm";
import type { TrendPoint } from "../../../domain/dashboard.js";
import type { LocalDate } from "../../../domain/dates.js";
import type { Database, Executor } from "../../db/client.js";
import { scoreSnapshots } from "../../db/schema/index.js";
import type { DailyJob } from "../../jobs/runner.js";
import { loadRegionalProgress, progressService, type RegionalProgress } from "./service.js";

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters (5 per row). */
const BATCH = 1000;

/**
 * Writes the snapshot of `progress` (its day, America/Mexico_City) for every participant: one row
 * per municipality, upserted on (day, municipality), so running it twice a day leaves one row
 * each with the latest figures. Rows of that day for a municipality that no longer takes part are
 * removed. Call it inside a transaction (the daily job's, or `takeScoreSnapshot`'s).
 */
export async function writeScoreSnapshot(
  tx: Executor,
  progress: RegionalProgress,
): Promise<{ takenOn: LocalDate; municipalities: number }> {
  const takenOn = progress.asOf;
  const rows = progress.municipalities.map((row) => ({
    takenOn,
    municipalityCvegeo: row.cvegeo,
    implementationIndex: row.scores.index,
    onTimeRate: row.scores.onTime.rate,
    dimensions: Object.fromEntries(row.scores.dimensions.map((d) => [d.code, d.score])),
  }));
  for (let start = 0; start < rows.length; start += BATCH) {
    await tx
      .insert(scoreSnapshots)
      .values(rows.slice(start, start + BATCH))
      .onConflictDoUpdate({
        target: [scoreSnapshots.takenOn, scoreSnapshots.municipalityCvegeo],
        set: {
          implementationIndex: sql`excluded.implementation_index`,
          onTimeRate: sql`excluded.on_time_rate`,
          dimensions: sql`excluded.dimensions`,
        },
      });
  }
  await tx.delete(scoreSnapshots).where(
    and(
      eq(scoreSnapshots.takenOn, takenOn),
      rows.length > 0
        ? notInArray(
            scoreSnapshots.municipalityCvegeo,
            rows.map((row) => row.municipalityCvegeo),
          )
        : undefined,
    ),
  );
  return { takenOn, municipalities: rows.length };
}

/** Today's snapshot from the current (cached) progress, in a transaction of its own. */
export async function takeScoreSnapshot(
  db: Database,
  now: Date,
): Promise<{ takenOn: LocalDate; municipalities: number }> {
  const progress = await progressService(db).current(now);
  return db.transaction((tx) => writeScoreSnapshot(tx, progress));
}

/** The daily job: today's snapshot, computed inside the job's own transaction. */
export const scoreSnapshotJob: DailyJob = {
  name: "score-snapshot",
  async run({ tx, today }): Promise<string> {
    const { progress } = await loadRegionalProgress(tx, today);
    const { municipalities } = await writeScoreSnapshot(tx, progress);
    return `instantánea de ${municipalities} municipio(s) del ${today}`;
  },
};

/**
 * The regional daily means from the snapshots taken before `today`, oldest first. A dimension
 * absent from a municipality's row (another model version) is left out of that dimension's mean.
 */
export async function loadSnapshotTrend(db: Database, today: LocalDate): Promise<TrendPoint[]> {
  const [days, dimensions] = await Promise.all([
    db
      .select({
        takenOn: scoreSnapshots.takenOn,
        municipalities: sql<number>`count(*)::int`,
        index: sql<number>`avg(${scoreSnapshots.implementationIndex})::float8`,
      })
      .from(scoreSnapshots)
      .where(lt(scoreSnapshots.takenOn, today))
      .groupBy(scoreSnapshots.takenOn)
      .orderBy(scoreSnapshots.takenOn),
    db.execute(sql`
      select s.taken_on::text as taken_on, d.key as code, avg(d.value::float8)::float8 as mean
      from ${scoreSnapshots} s, jsonb_each_text(s.dimensions) d
      where s.taken_on < ${today}
      group by s.taken_on, d.key`),
  ]);
  const byDay = new Map<string, Record<string, number>>();
  for (const row of rowsOf<{ taken_on: string; code: string; mean: number }>(dimensions)) {
    const day = byDay.get(row.taken_on) ?? {};
    day[row.code] = Number(row.mean);
    byDay.set(row.taken_on, day);
  }
  return days.map((day) => ({
    takenOn: day.takenOn,
    municipalities: Number(day.municipalities),
    index: Number(day.index),
    dimensions: byDay.get(day.takenOn) ?? {},
  }));
}

/** Today's point of the trend, from the live figures rather than from a snapshot. */
export function livePoint(progress: RegionalProgress): TrendPoint | null {
  if (progress.municipalities.length === 0) {
    return null;
  }
  const dimensions: Record<string, number> = {};
  for (const dimension of progress.summary.dimensions) {
    if (dimension.mean !== null) {
      dimensions[dimension.code] = dimension.mean;
    }
  }
  return {
    takenOn: progress.asOf,
    municipalities: progress.municipalities.length,
    index: progress.summary.index.mean ?? 0,
    dimensions,
  };
}

/** node-postgres and PGlite both answer raw SQL with `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
