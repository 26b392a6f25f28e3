import cluster, { type Worker } from "node:cluster";

/**
 * MRTM_WORKERS > 1 (PostgreSQL only): this primary process forks that many server processes,
 * which share the port (node's cluster hands out connections) and each open their own pool, caches
 * and change feed (decision 0027). Migrations and seeding take an advisory lock, so the first
 * worker does them and the others wait. Only the first worker runs the daily jobs (each run also
 * holds an advisory lock, so they would run once anyway). A worker that dies is replaced; SIGINT
 * or SIGTERM stops them all.
 */
export function runCluster(workers: number): void {
  let stopping = false;
  const fork = (index: number): Worker => {
    const worker = cluster.fork({
      MRTM_WORKER_INDEX: String(index),
      ...(index === 0 ? {} : { MRTM_JOBS: "off" }),
    });
    worker.on("exit", (code, signal) => {
      if (stopping) {
        return;
      }
      process.stderr.write(
        `MRTM: el proceso ${index + 1} de ${workers} terminó (${signal ?? code}); se reinicia.\n`,
      );
      setTimeout(() => fork(index), 1_000).unref();
    });
    return worker;
  };
  for (let index = 0; index < workers; index++) {
    fork(index);
  }
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      return;
    }
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    let left = alive.length;
    if (left === 0) {
      process.exit(0);
    }
    for (const worker of alive) {
      worker.once("exit", () => {
        left--;
        if (left === 0) {
          process.exit(0);
        }
      });
      worker.process.kill(signal);
    }
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}
