// The built MRTM server (dist/server/main.js) on 127.0.0.1 over a given PostgreSQL database, for
// benchmarks: no demo accounts, no daily jobs; `startMrtm` logs warnings only, `startWarmedMrtm`
// logs every request as in production.
import path from "node:path";
import { randomPort, serverLaunch, startProcess } from "./http-bench.js";

const root = path.resolve(import.meta.dirname, "../..");

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
  const server = await startProcess(["dist/server/main.js"], {
    cwd: root,
    env: {
      // One process, whose pid is the one measured (MRTM_WORKERS defaults to one per core).
      ...serverEnv(launch, databaseUrl, port, { workers: "1", logLevel: "warn" }),
      ...env,
    },
    ready: "MRTM escuchando",
    nodeFlags: launch.nodeFlags,
  });
  return { pid: server.pid, base: `http://127.0.0.1:${port}`, stop: () => server.stop() };
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

/** Node flags that let a SIGWINCH ask the server for three full collections. */
const FULL_GC_FLAGS = [
  "--expose-gc",
  "--require",
  path.join(import.meta.dirname, "full-gc-on-signal.cjs"),
];

/**
 * A build's server (`dir`'s dist/) as `npm start` starts it, or with `nodeFlags` instead of its
 * flags, and `extraNodeFlags` after them (a profiler's), over `databaseUrl` at `LOG_LEVEL=info`
 * as in production, its output in a file: once it has finished its warm-up. After listening it
 * computes the progress and builds every open dataset in the background (warm-up.ts), seconds at
 * 2,500; a load measured meanwhile shares the process with it. With a cluster, once a worker has.
 * With `fullCollections` (one process only: a cluster's primary does not pass the signal on), it
 * then runs three full collections with nothing queued, the state a server reaches once it has
 * run a while (decision 0043), rather than whatever state its warm-up happened to leave.
 */
export async function startWarmedMrtm({
  dir,
  databaseUrl,
  workers = "1",
  nodeFlags,
  extraNodeFlags = [],
  fullCollections = false,
}) {
  const port = randomPort();
  const launch = serverLaunch(dir);
  const server = await startProcess(["dist/server/main.js"], {
    cwd: dir,
    env: serverEnv(launch, databaseUrl, port, { workers, logLevel: "info" }),
    ready: "MRTM escuchando",
    nodeFlags: [
      ...(nodeFlags ?? launch.nodeFlags),
      ...extraNodeFlags,
      ...(fullCollections ? FULL_GC_FLAGS : []),
    ],
  });
  await server.waitFor([
    "open data built",
    "building the open data failed",
    "warming the caches failed",
  ]);
  if (fullCollections) {
    // Before any request is logged: `waitFor` reads the first 200 KB of the output.
    process.kill(server.pid, "SIGWINCH");
    await server.waitFor(["full collections done"]);
  }
  return { server, base: `http://127.0.0.1:${port}` };
}
