#!/usr/bin/env node
// Start-up time and idle memory of the server, beside a bare Fastify process measured in the
// same run (these machines are noisy: compare the two, not the absolute figures).
//
//   node bench/startup.js [--runs 3] [--no-build] [--server-dir DIR] [--only memory]
//
// Measures: `npm start` on an empty data folder until the first 200 of /api/health (the database
// from its template, reference seed, demo accounts) and until the demo progress, written after
// the server listens, is complete (/api/health says `preparingDemo: false`); the same on the
// second start (folder already set up); and the resident memory of the server 5 s after a
// restart on the seeded folder (start-up's garbage still held) and once idle (`--idle`, 30 s by
// default: V8's memory reducer runs a full collection some 20 s after allocation slows down, and
// gives start-up's garbage back; the references are measured the same way). References, in the same run: bare Fastify; Fastify + PGlite on
// an empty folder (what any embedded-database app pays on its first start: PGlite creating its
// database) and on the folder MRTM set up (a second start); goals: first start ≤ 5 s, idle
// memory within 60 MB of Fastify + PGlite on the same folder (issue 18).
//
// `--server-dir DIR` also measures another checkout's build (e.g. main's, for before/after): its
// idle memory on the same seeded folder, alternately with this one's in every run. `--only memory`
// skips the start-up times: one first start seeds a folder, then each run measures the idle
// memory of the references and of the server(s) on it. `--no-build` uses `dist/` as it is.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomPort, serverLaunch } from "./lib/http-bench.js";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    "no-build": { type: "boolean", default: false },
    "server-dir": { type: "string" },
    only: { type: "string" },
    idle: { type: "string", default: "30" },
  },
});
const runs = Number(values.runs);
const otherDir = values["server-dir"] ? path.resolve(values["server-dir"]) : null;
const memoryOnly = values.only === "memory";
/** Seconds after the first 200 at which the resident memory is read: soon, and once idle. */
const SAMPLES = [5, Number(values.idle)];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Polls /api/health until `ready(body)` holds; the reference servers answer no body to read. */
async function waitForHealth(port, child, ready = () => true, deadlineMs = 300_000) {
  const start = Date.now();
  while (Date.now() - start < deadlineMs) {
    if (child.exitCode !== null) {
      throw new Error(`process exited with ${child.exitCode}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.status === 200 && ready(await response.json())) {
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error("timed out waiting for /api/health");
}

function rssOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * Starts a command, times it to the first healthy answer (and, with `untilDemo`, to the end of
 * the demo progress), optionally samples RSS, stops it.
 */
async function measure(
  command,
  args,
  env,
  { sampleMemory = false, untilDemo = false, cwd = root } = {},
) {
  const port = randomPort(3900, 500);
  // What the process writes on stderr goes to a file, shown if it fails to start: a server that
  // exits while starting must say why (its stdout, the demo passwords, stays unread).
  const errors = path.join(os.tmpdir(), `mrtm-startup-${process.pid}-${port}.err`);
  const errorsFd = fs.openSync(errors, "w");
  const started = process.hrtime.bigint();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", errorsFd],
    detached: true,
  });
  fs.closeSync(errorsFd);
  try {
    await waitForHealth(port, child);
  } catch (error) {
    const said = fs.readFileSync(errors, "utf8").trim();
    throw new Error(`${command} ${args.join(" ")}: ${error.message}\n${said}`);
  } finally {
    // A running child keeps writing to its own copy of the descriptor; the name can go.
    fs.rmSync(errors, { force: true });
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let demoMs = null;
  if (untilDemo) {
    await waitForHealth(port, child, (body) => body.preparingDemo === false);
    demoMs = Number(process.hrtime.bigint() - started) / 1e6;
  }
  let rss = null;
  if (sampleMemory) {
    rss = [];
    let waited = 0;
    for (const seconds of SAMPLES) {
      await sleep((seconds - waited) * 1000);
      waited = seconds;
      rss.push(rssOf(child.pid));
    }
  }
  process.kill(-child.pid, "SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  return { ms, demoMs, rss };
}

if (!values["no-build"]) {
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) {
    process.exit(1);
  }
}

const results = {
  reference: [],
  pgliteFirst: [],
  first: [],
  demo: [],
  second: [],
  referenceRss: [],
  pgliteRss: [],
  /** Fastify + PGlite started with MRTM's own node flags: what the flags alone save. */
  pgliteFlagsRss: [],
  pglite: [],
  rss: [],
  otherRss: [],
};
const loads = [];
/** The idle memory of each server on the seeded folder, alternately: this build, then the other. */
async function measureMemory(env) {
  loads.push(os.loadavg()[0]);
  // Each build launched as its own `npm start` launches it.
  const serve = async (dir) => {
    const launch = serverLaunch(dir);
    const args = [...launch.nodeFlags, "dist/server/main.js"];
    return (
      await measure("node", args, { ...launch.env, ...env }, { sampleMemory: true, cwd: dir })
    ).rss;
  };
  results.rss.push(await serve(root));
  if (otherDir) {
    results.otherRss.push(await serve(otherDir));
  }
}
/**
 * Fastify + PGlite launched as `npm start` launches MRTM, its node flags and environment (none of
 * the app's own work).
 */
async function measureFlaggedReference(env) {
  const launch = serverLaunch(root);
  const args = [...launch.nodeFlags, "bench/reference-pglite.js"];
  const launched = { ...launch.env, ...env };
  results.pgliteFlagsRss.push((await measure("node", args, launched, { sampleMemory: true })).rss);
}
const seeded = memoryOnly ? fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-bench-")) : null;
if (seeded) {
  await measure("node", ["dist/server/main.js"], { MRTM_DATA_DIR: seeded }, { untilDemo: true });
}
for (let i = 0; i < runs; i++) {
  const dataDir = seeded ?? fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-bench-"));
  const env = { MRTM_DATA_DIR: dataDir };
  if (memoryOnly) {
    await measureMemory(env);
    results.referenceRss.push(
      (await measure("node", ["bench/reference-server.js"], {}, { sampleMemory: true })).rss,
    );
    results.pgliteRss.push(
      (await measure("node", ["bench/reference-pglite.js"], env, { sampleMemory: true })).rss,
    );
    await measureFlaggedReference(env);
    continue;
  }
  results.reference.push((await measure("node", ["bench/reference-server.js"], {})).ms);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-bench-"));
  results.pgliteFirst.push(
    (await measure("node", ["bench/reference-pglite.js"], { MRTM_DATA_DIR: empty })).ms,
  );
  fs.rmSync(empty, { recursive: true, force: true });
  const first = await measure("npm", ["start"], env, { untilDemo: true });
  results.first.push(first.ms);
  results.demo.push(first.demoMs);
  results.second.push((await measure("npm", ["start"], env)).ms);
  // Memory: the process that actually serves (what `npm start` runs after its build check).
  await measureMemory(env);
  results.referenceRss.push(
    (await measure("node", ["bench/reference-server.js"], {}, { sampleMemory: true })).rss,
  );
  const pglite = await measure("node", ["bench/reference-pglite.js"], env, { sampleMemory: true });
  results.pglite.push(pglite.ms);
  results.pgliteRss.push(pglite.rss);
  await measureFlaggedReference(env);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (seeded) {
  fs.rmSync(seeded, { recursive: true, force: true });
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const range = (xs) => `${mb(Math.min(...xs))}–${mb(Math.max(...xs))}`;
if (!memoryOnly) {
  printStartUp();
}
printMemory();

function printStartUp() {
  console.log(
    `\nStart-up (median of ${runs}; machine: ${os.cpus().length} cores, node ${process.version})`,
  );
  console.log(`  reference: bare Fastify to first 200          ${s(median(results.reference))}`);
  console.log(`  reference: Fastify + PGlite, empty folder     ${s(median(results.pgliteFirst))}`);
  console.log(
    `  npm start, empty data folder to first 200     ${s(median(results.first))}   (runs: ${results.first.map(s).join(", ")})   goal ≤ 5 s: ${median(results.first) <= 5000 ? "within" : "OVER"}`,
  );
  console.log(
    `    … until the demo progress is complete       ${s(median(results.demo))}   (runs: ${results.demo.map(s).join(", ")})`,
  );
  console.log(`  reference: Fastify + PGlite, same folder      ${s(median(results.pglite))}`);
  console.log(
    `  npm start, second start to first 200          ${s(median(results.second))}   (runs: ${results.second.map(s).join(", ")})`,
  );
}

function printMemory() {
  SAMPLES.forEach((seconds, at) => {
    const of = (list) => list.map((sample) => sample[at]);
    console.log(
      `Resident memory ${seconds} s after a restart on the seeded folder${at === 0 ? " (start-up's garbage still held)" : " (idle)"} (median of ${runs}, range; load average ${loads.map((l) => l.toFixed(1)).join(", ")})`,
    );
    console.log(
      `  reference: bare Fastify                       ${mb(median(of(results.referenceRss)))}   (${range(of(results.referenceRss))})`,
    );
    console.log(
      `  reference: bare Fastify + PGlite (same data)  ${mb(median(of(results.pgliteRss)))}   (${range(of(results.pgliteRss))})`,
    );
    const over = median(of(results.rss)) - median(of(results.pgliteRss));
    const goal = at === 0 ? "" : `; goal ≤ +60 MB: ${over <= 60 * 1024 * 1024 ? "within" : "OVER"}`;
    console.log(
      `  MRTM server (PGlite, seeded)                  ${mb(median(of(results.rss)))}   (${range(of(results.rss))}; +${mb(over)} over Fastify + PGlite${goal})`,
    );
    const launch = serverLaunch(root);
    const flags = [
      ...Object.entries(launch.env).map(([name, value]) => `${name}=${value}`),
      "node",
      ...launch.nodeFlags,
    ].join(" ");
    const sameFlags = median(of(results.rss)) - median(of(results.pgliteFlagsRss));
    console.log(
      `  reference: Fastify + PGlite, ${flags}  ${mb(median(of(results.pgliteFlagsRss)))}   (${range(of(results.pgliteFlagsRss))}; MRTM +${mb(sameFlags)} over it: the app's own cost, the flags' saving set aside)`,
    );
    if (otherDir) {
      const otherOver = median(of(results.otherRss)) - median(of(results.pgliteRss));
      console.log(
        `  MRTM server of ${otherDir}  ${mb(median(of(results.otherRss)))}   (${range(of(results.otherRss))}; +${mb(otherOver)} over Fastify + PGlite)`,
      );
    }
  });
}
