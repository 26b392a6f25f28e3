// The common part of the benchmarks over national-scale synthetic data (gap-matrix.js,
// regional-xlsx.js, reminders.js): their options, the database, the figures' units, timed
// downloads with the serving process's peak memory, the bare-Fastify reference that sends the
// very same bytes, and the lines that print a figure beside its reference.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildServer, DEFAULT_DATABASE_URL, ensureSyntheticData } from "../synthetic.js";
import { randomPort } from "./http-bench.js";
import { peakDuring, rss } from "./process-memory.js";
import { signIn, startMrtm } from "./server.js";

/**
 * Reads the options every synthetic benchmark takes: --runs (default `runs`), --municipalities,
 * --cycles, --cohort-years, --database-url and --no-build (use dist/ as it is, without
 * `npm run build:server`). Returns them parsed, `runs` as a number.
 */
function benchOptions({ runs }) {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: String(runs) },
      municipalities: { type: "string", default: "2500" },
      cycles: { type: "string", default: "5" },
      "cohort-years": { type: "string" },
      "database-url": { type: "string", default: DEFAULT_DATABASE_URL },
      "no-build": { type: "boolean", default: false },
    },
  });
  return { ...values, runs: Number(values.runs) };
}

/** Builds the server (unless --no-build) and makes sure the synthetic data of the options exists. */
async function syntheticData(options) {
  if (!options["no-build"]) {
    buildServer();
  }
  return ensureSyntheticData({
    build: false,
    municipalities: Number(options.municipalities),
    cycles: Number(options.cycles),
    cohortYears:
      options["cohort-years"] === undefined ? undefined : Number(options["cohort-years"]),
    databaseUrl: options["database-url"],
  });
}

/**
 * A synthetic benchmark's start: reads its options (`runs` is the default of --runs), builds the
 * server unless --no-build, and makes sure the data exists. Returns the runs and the data
 * (database URL, accounts, row counts).
 */
export async function syntheticBench(defaults) {
  const options = benchOptions(defaults);
  return { runs: options.runs, data: await syntheticData(options) };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ms = (x) => `${x.toFixed(0)} ms`;
export const sleep = (t) => new Promise((resolve) => setTimeout(resolve, t));

/** The closing words of a benchmark's title: how many runs, on what machine. */
export const machine = (runs) =>
  `(median of ${runs}; ${os.cpus().length} cores, node ${process.version})`;

/** Downloads a URL whole, timing it and the serving process's peak RSS. */
export async function download(pid, url, headers = {}) {
  const { value, growth, peak } = await peakDuring(pid, async () => {
    const start = process.hrtime.bigint();
    const response = await fetch(url, { headers });
    const body = Buffer.from(await response.arrayBuffer());
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (response.status !== 200) {
      throw new Error(`${url}: HTTP ${response.status} ${body.toString().slice(0, 200)}`);
    }
    return { ms: elapsed, body };
  });
  return { ...value, growth, peak };
}

/**
 * Starts the built server on the synthetic database, signs in as a reviewer and measures GET
 * downloads of `paths` (a key per path): the first request after start (to the first path: it
 * computes the region's progress), a warm-up of each, the server's RSS when idle, then `runs`
 * rounds of every path. `after({ server, cookie, urls })`, when given, runs before the server
 * stops and its result is returned as `extra`.
 */
export async function measureDownloads(data, paths, runs, after) {
  const server = await startMrtm(data.databaseUrl);
  try {
    const cookie = await signIn(server.base, data.accounts.reviewer, data.password);
    const urls = Object.fromEntries(
      Object.entries(paths).map(([key, url]) => [key, `${server.base}${url}`]),
    );
    const results = Object.fromEntries(Object.keys(urls).map((key) => [key, []]));
    const cold = await download(server.pid, Object.values(urls)[0], { cookie });
    for (const url of Object.values(urls)) {
      await download(server.pid, url, { cookie });
    }
    await sleep(500);
    const idle = rss(server.pid);
    for (let run = 0; run < runs; run++) {
      for (const [key, url] of Object.entries(urls)) {
        results[key].push(await download(server.pid, url, { cookie }));
      }
    }
    const extra = after ? await after({ server, cookie, urls }) : undefined;
    return { cold, idle, results, extra };
  } finally {
    await server.stop();
  }
}

/**
 * The reference of the download benchmarks: bare Fastify (lib/bytes-server.js) sending the very
 * same bytes from memory. `files` maps a key to its file name and bytes; each file is fetched once
 * to warm up, then `runs` times. Returns the downloads of each key.
 */
export async function bytesReference(files, runs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-bench-bytes-"));
  for (const [name, bytes] of Object.values(files)) {
    fs.writeFileSync(path.join(dir, name), bytes);
  }
  const port = randomPort(5600, 600);
  const reference = spawn("node", [path.join(import.meta.dirname, "bytes-server.js")], {
    env: { ...process.env, BYTES_DIR: dir, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve) => reference.stdout.once("data", resolve));
  const results = Object.fromEntries(Object.keys(files).map((key) => [key, []]));
  try {
    const base = `http://127.0.0.1:${port}`;
    for (const [name] of Object.values(files)) {
      await download(reference.pid, `${base}/${name}`);
    }
    for (let run = 0; run < runs; run++) {
      for (const [key, [name]] of Object.entries(files)) {
        results[key].push(await download(reference.pid, `${base}/${name}`));
      }
    }
  } finally {
    reference.kill("SIGTERM");
    await new Promise((resolve) => reference.once("exit", resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/**
 * Prints an endpoint's downloads beside the same bytes from bare Fastify: median time, size,
 * median peak RSS and its growth; the reference's time and growth; every run's time.
 */
export function printBeside(label, list, reference, width = 47) {
  console.log(
    `  ${label.padEnd(width)}${ms(median(list.map((r) => r.ms))).padStart(8)}   ${mb(list[0].body.length).padStart(8)}   peak RSS ${mb(median(list.map((r) => r.peak)))} (growth ${mb(median(list.map((r) => r.growth)))})`,
  );
  console.log(
    `    ${"reference: same bytes from bare Fastify".padEnd(width - 2)}${ms(median(reference.map((r) => r.ms))).padStart(8)}   peak RSS growth ${mb(median(reference.map((r) => r.growth)))}`,
  );
  console.log(`    runs: ${list.map((r) => r.ms.toFixed(0)).join(", ")} ms`);
}
