// First: holds a nextTick entry before anything else runs (decision 0043).
import "./lib/tick-shape-kept.js";
import cluster from "node:cluster";
import { buildApp } from "./app.js";
import { runCluster } from "./cluster.js";
import { loadConfig } from "./config.js";
import { DataDirLockedError } from "./db/data-lock.js";
import { DAILY_JOBS } from "./jobs/index.js";
import { startDailyJobs } from "./jobs/runner.js";
import { OutboxSender } from "./mail/sender.js";
import { createSmtpTransport } from "./mail/transport.js";
import { startDatabase } from "./startup.js";
import { createBlobStore } from "./storage/index.js";
import { refreshAfterChanges, warmUp } from "./warm-up.js";

/** `npm start`: open the database, migrate, seed, listen; close cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) {
    runCluster(config.workers);
    return;
  }
  const { handle, demoCredentials, demoProgress } = await startDatabase(config);
  let preparingDemo = demoProgress !== null;
  const app = await buildApp({
    db: handle.db,
    databaseKind: handle.kind,
    config,
    blobs: createBlobStore(config),
    now: () => new Date(),
    preparingDemo: () => preparingDemo,
  });
  // E-mail goes out after commit, from the outbox; with no SMTP configured it is held for admins.
  const sender = new OutboxSender(
    handle.db,
    config.mail ? createSmtpTransport(config.mail) : null,
    {
      onError: (error, mailId) => app.log.warn({ err: error, mailId }, "e-mail delivery failed"),
    },
  );
  let closing = false;
  let jobs: { stop(): Promise<void> } | null = null;
  let demo: Promise<unknown> = Promise.resolve();
  let stopRefreshing = async () => {};
  const shutdown = async (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    app.log.info({ signal }, "shutting down");
    // The demo progress writes through the database: let it finish before closing it, so a
    // stop right after a first start still leaves the whole demo.
    await demo;
    await stopRefreshing();
    await jobs?.stop();
    await sender.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  // After start, then after each change, the most read bodies are computed before anyone asks.
  const warm = () => {
    if (!closing) {
      void warmUp(handle.db, () => new Date(), app.log);
      stopRefreshing = refreshAfterChanges(handle.db, () => new Date(), app.log);
    }
  };
  if (demoProgress) {
    // After listening: the first start answers at once, and the home says the demo is filling in.
    demo = demoProgress()
      .then(() => process.stdout.write("\nDatos de demostración listos.\n"))
      .catch((error: unknown) => app.log.error({ err: error }, "demo progress failed"))
      .finally(() => {
        preparingDemo = false;
        // The first computation happens once the data is complete, not when the first person asks.
        warm();
      });
  } else {
    warm();
  }
  sender.start(30_000, (error) => app.log.error({ err: error }, "mail outbox drain failed"));
  // The daily jobs (reminders…): now, then after each local midnight. MRTM_JOBS=off turns them off
  // in this process, e.g. for extra web processes; on PostgreSQL an advisory lock lets one run.
  // On a first start they wait for the demo progress, so their first round sees all of it.
  if (config.jobs) {
    void demo.then(() => {
      if (!closing) {
        jobs = startDailyJobs({
          db: handle.db,
          jobs: DAILY_JOBS,
          afterRound: () => sender.drain(),
          log: app.log,
        });
      }
    });
  }
  if (demoCredentials) {
    process.stdout.write(demoCredentials);
  }
  const where = handle.kind === "pglite" ? `PGlite en ${config.dataDir}` : "PostgreSQL";
  process.stdout.write(
    `\nMRTM escuchando en http://${config.host}:${config.port} (base de datos: ${where})\n`,
  );
}

main().catch((error: unknown) => {
  if (
    error instanceof DataDirLockedError ||
    (error instanceof Error && error.message.startsWith("Configuración"))
  ) {
    process.stderr.write(`\nError: ${error.message}\n`);
  } else {
    process.stderr.write(
      `\nNo se pudo iniciar MRTM: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
