import { and, desc, eq, sql } from "drizzle-orm";
import { nextCheckAt } from "../../domain/daily-schedule.js";
import { type LocalDate, localDateOf } from "../../domain/dates.js";
import type { Database, Transaction } from "../db/client.js";
import { jobRuns } from "../db/schema/index.js";

/** What a daily job is given for one run. */
export interface DailyJobContext {
  /** The run's transaction: everything the job writes commits with its job_runs row, or nothing. */
  tx: Transaction;
  /** The day being run, in the institution's time zone. */
  today: LocalDate;
  /** The last day this job completed, if ever: a job that must make up missed days starts here. */
  lastRunOn: LocalDate | null;
  now: Date;
}

/**
 * A job that runs once per calendar day (America/Mexico_City): at start and shortly after each
 * local midnight. It must be idempotent in what it delivers (dedupe keys), since a failed run is
 * retried, and return a one-line summary for job_runs.
 */
export interface DailyJob {
  /** Stable name: the key of its job_runs rows and of its advisory lock. */
  name: string;
  run(context: DailyJobContext): Promise<string>;
}

export type JobOutcome =
  | { status: "ran"; summary: string }
  /** Today's run was already done (by this process or another). */
  | { status: "done" }
  /** Another process is running it right now. */
  | { status: "busy" };

// The first key of the two-key advisory lock: MRTM's daily jobs (the migration lock uses a one-key
// lock of its own). The second key is the job name's hash.
const JOB_LOCK_NAMESPACE = 7_210_302;

/** 32-bit FNV-1a of the job name, as a signed int4 for pg_try_advisory_xact_lock. */
export function jobLockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const char of name) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * Runs one job for the day of `now`, unless that day's run is done. The whole run is one
 * transaction holding a transaction-level advisory lock: among several server processes on one
 * PostgreSQL, one runs and the others answer "busy" without waiting; the job_runs row commits
 * with the job's writes, so a crash mid-run leaves nothing half-done and the run is retried.
 */
export async function runDailyJob(db: Database, job: DailyJob, now: Date): Promise<JobOutcome> {
  const today = localDateOf(now);
  return db.transaction(async (tx): Promise<JobOutcome> => {
    const locked = await tx.execute(
      sql`select pg_try_advisory_xact_lock(${JOB_LOCK_NAMESPACE}::int4, ${jobLockKey(job.name)}::int4) as locked`,
    );
    if (!firstRow<{ locked: boolean }>(locked)?.locked) {
      return { status: "busy" };
    }
    const [done] = await tx
      .select({ runOn: jobRuns.runOn })
      .from(jobRuns)
      .where(and(eq(jobRuns.job, job.name), eq(jobRuns.runOn, today)));
    if (done) {
      return { status: "done" };
    }
    const [last] = await tx
      .select({ runOn: jobRuns.runOn })
      .from(jobRuns)
      .where(eq(jobRuns.job, job.name))
      .orderBy(desc(jobRuns.runOn))
      .limit(1);
    await tx.insert(jobRuns).values({ job: job.name, runOn: today, startedAt: now });
    const summary = await job.run({ tx, today, lastRunOn: last?.runOn ?? null, now });
    await tx
      .update(jobRuns)
      .set({ finishedAt: new Date(), summary })
      .where(and(eq(jobRuns.job, job.name), eq(jobRuns.runOn, today)));
    return { status: "ran", summary };
  });
}

/** node-postgres answers `{ rows }`, PGlite too; read the first row of either. */
function firstRow<T>(result: unknown): T | undefined {
  const rows = (result as { rows?: T[] }).rows ?? (result as T[]);
  return Array.isArray(rows) ? rows[0] : undefined;
}

export interface JobRunnerOptions {
  db: Database;
  jobs: readonly DailyJob[];
  now?: () => Date;
  /** After each round of runs (e.g. deliver the e-mail the jobs queued). */
  afterRound?: () => Promise<unknown>;
  log?: {
    info(data: object, message: string): void;
    error(data: object, message: string): void;
  };
}

/**
 * Runs every due job, one after another. A failing job is logged and retried at the next check;
 * it does not keep the others from running.
 */
export async function runDueJobs(options: JobRunnerOptions): Promise<Record<string, JobOutcome>> {
  const now = options.now ?? (() => new Date());
  const outcomes: Record<string, JobOutcome> = {};
  for (const job of options.jobs) {
    try {
      const started = Date.now();
      const outcome = await runDailyJob(options.db, job, now());
      outcomes[job.name] = outcome;
      if (outcome.status === "ran") {
        options.log?.info(
          { job: job.name, ms: Date.now() - started, summary: outcome.summary },
          "daily job ran",
        );
      }
    } catch (error) {
      options.log?.error({ job: job.name, err: error }, "daily job failed");
    }
  }
  try {
    await options.afterRound?.();
  } catch (error) {
    options.log?.error({ err: error }, "after daily jobs failed");
  }
  return outcomes;
}

/**
 * Starts the daily jobs of this process: a round now, then at each check (shortly after local
 * midnight, and hourly in between so that a failed run is retried the same day). Returns `stop`,
 * which waits for a round in progress.
 */
export function startDailyJobs(options: JobRunnerOptions): { stop(): Promise<void> } {
  const now = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<unknown> | null = null;
  let stopped = false;
  const schedule = () => {
    if (stopped) {
      return;
    }
    const delay = Math.max(1000, nextCheckAt(now()).getTime() - now().getTime());
    timer = setTimeout(tick, delay);
    timer.unref();
  };
  const tick = () => {
    round = runDueJobs(options).finally(() => {
      round = null;
      schedule();
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) {
        clearTimeout(timer);
      }
      await round;
    },
  };
}
