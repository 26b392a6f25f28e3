// The built MRTM server (dist/server/main.js) on 127.0.0.1 over a given PostgreSQL database, for
// benchmarks: no demo accounts, no daily jobs, warnings only in the log.
import { spawn } from "node:child_process";
import path from "node:path";
import { randomPort, serverLaunch } from "./http-bench.js";

const root = path.resolve(import.meta.dirname, "../..");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startMrtm(databaseUrl, env = {}) {
  const port = randomPort(4600, 900);
  const launch = serverLaunch(root);
  const child = spawn("node", [...launch.nodeFlags, "dist/server/main.js"], {
    cwd: root,
    env: {
      ...process.env,
      ...launch.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      MRTM_SEED_DEMO: "false",
      MRTM_JOBS: "off",
      // One process, whose pid is the one measured (MRTM_WORKERS defaults to one per core).
      MRTM_WORKERS: "1",
      LOG_LEVEL: "warn",
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
