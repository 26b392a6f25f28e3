// The built MRTM server (dist/server/main.js) on 127.0.0.1 over a given PostgreSQL database, for
// benchmarks: no demo accounts, no daily jobs; `startMrtm` logs warnings only, `startWarmedMrtm`
// logs every request as in production.
import { spawn } from "node:child_process";
import path from "node:path";
import { randomPort, serverLaunch, startProcess } from "./http-bench.js";

const root = path.resolve(import.meta.dirname, "../..");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment of a benchmarked server: on 127.0.0.1, no demo accounts, no daily jobs. */
function serverEnv(launch, databaseUrl, port, { workers, logLevel }) {
  return {
    ...launch.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    MRTM_SEED_DEMO: "false",
    MRTM_JOBS: "off",
    MRTM_WORKERS: workers,
    LOG_LEVEL: logLevel,
  };
}

export async function startMrtm(databaseUrl, env = {}) {
  const port = randomPort(4600, 900);
  const launch = serverLaunch(root);
  const child = spawn("node", [...launch.nodeFlags, "dist/server/main.js"], {
    cwd: root,
    env: {
      ...process.env,
      // One process, whose pid is the one measured (MRTM_WORKERS defaults to one per core).
      ...serverEnv(launch, databaseUrl, port, { workers: "1", logLevel: "warn" }),
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk.toString();
  });
  const started = Date.now();
  while (!output.includes("MRTM escuchando")) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with ${child.exitCode}: ${output}`);
    }
    if (Date.now() - started > 120_000) {
      child.kill("SIGTERM");
      throw new Error("the server did not start in 120 s");
    }
    await sleep(50);
  }
  return {
    pid: child.pid,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** Signs in and returns the session cookie header. */
export async function signIn(base, email, password) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in failed for ${email}: ${response.status} ${await response.text()}`);
  }
  return response.headers.get("set-cookie")?.split(";")[0] ?? "";
}

/**
 * A build's server (`dir`'s dist/) as `npm start` starts it, or with `nodeFlags` instead of its
 * flags, and `extraNodeFlags` after them (a profiler's), over `databaseUrl` at `LOG_LEVEL=info`
 * as in production, its output in a file: once it has finished its warm-up. After listening it
 * computes the progress and builds every open dataset in the background (warm-up.ts), seconds at
 * 2,500; a load measured meanwhile shares the process with it. With a cluster, once a worker has.
 */
export async function startWarmedMrtm({
  dir,
  databaseUrl,
  workers = "1",
  nodeFlags,
  extraNodeFlags = [],
}) {
  const port = randomPort();
  const launch = serverLaunch(dir);
  const server = await startProcess(["dist/server/main.js"], {
    cwd: dir,
    env: serverEnv(launch, databaseUrl, port, { workers, logLevel: "info" }),
    ready: "MRTM escuchando",
    nodeFlags: [...(nodeFlags ?? launch.nodeFlags), ...extraNodeFlags],
  });
  await server.waitFor([
    "open data built",
    "building the open data failed",
    "warming the caches failed",
  ]);
  return { server, base: `http://127.0.0.1:${port}` };
}

/** Node flags that let `runFullCollections` ask a server for full collections. */
export const FULL_GC_FLAGS = [
  "--expose-gc",
  "--require",
  path.join(import.meta.dirname, "full-gc-on-signal.cjs"),
];

/** Three full collections in a server started with `FULL_GC_FLAGS`, once they have run. */
export async function runFullCollections(server) {
  process.kill(server.pid, "SIGWINCH");
  await server.waitFor(["full collections done"]);
}
