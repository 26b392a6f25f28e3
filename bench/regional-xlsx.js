#!/usr/bin/env node
// The regional report downloads on national-scale synthetic data (PostgreSQL): time and the
// server's peak memory of GET /api/reports/regional.xlsx (two sheets, streamed) and
// GET /api/reports/regional.csv, beside bare Fastify sending the very same bytes from memory.
//
//   node bench/regional-xlsx.js [--runs 5] [--municipalities 2500] [--cycles 5] [--database-url …]
//
// Targets (issue 5): the regional XLSX in ≤ 5 s and ≤ 256 MB.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { peakDuring, rss } from "./lib/process-memory.js";
import { signIn, startMrtm } from "./lib/server.js";
import { buildServer, DEFAULT_DATABASE_URL, ensureSyntheticData } from "./synthetic.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    municipalities: { type: "string", default: "2500" },
    cycles: { type: "string", default: "5" },
    "database-url": { type: "string", default: DEFAULT_DATABASE_URL },
  },
});
const runs = Number(values.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (x) => `${x.toFixed(0)} ms`;
const sleep = (t) => new Promise((resolve) => setTimeout(resolve, t));

buildServer();
const data = await ensureSyntheticData({
  build: false,
  municipalities: Number(values.municipalities),
  cycles: Number(values.cycles),
  databaseUrl: values["database-url"],
});

/** Downloads a URL whole, timing it and the serving process's peak RSS. */
async function download(pid, url, headers = {}) {
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

const server = await startMrtm(data.databaseUrl);
const results = { xlsx: [], csv: [] };
let cold;
let idle;
let samples;
try {
  const cookie = await signIn(server.base, data.accounts.reviewer, data.password);
  const urls = {
    xlsx: `${server.base}/api/reports/regional.xlsx`,
    csv: `${server.base}/api/reports/regional.csv`,
  };
  // The first download computes the region's progress; later ones read it from the cache.
  cold = await download(server.pid, urls.xlsx, { cookie });
  await download(server.pid, urls.csv, { cookie });
  await sleep(500);
  idle = rss(server.pid);
  for (let run = 0; run < runs; run++) {
    for (const [key, url] of Object.entries(urls)) {
      results[key].push(await download(server.pid, url, { cookie }));
    }
  }
  samples = { xlsx: results.xlsx[0].body, csv: results.csv[0].body };
} finally {
  await server.stop();
}

// Reference: bare Fastify sending the same bytes from memory.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-bench-regional-"));
fs.writeFileSync(path.join(dir, "regional.xlsx"), samples.xlsx);
fs.writeFileSync(path.join(dir, "regional.csv"), samples.csv);
const port = 5900 + Math.floor(Math.random() * 300);
const reference = spawn("node", [path.join(import.meta.dirname, "lib/bytes-server.js")], {
  env: { ...process.env, BYTES_DIR: dir, PORT: String(port) },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise((resolve) => reference.stdout.once("data", resolve));
const bytesRef = { xlsx: [], csv: [] };
try {
  const base = `http://127.0.0.1:${port}`;
  for (const key of Object.keys(bytesRef)) {
    await download(reference.pid, `${base}/regional.${key}`);
  }
  for (let run = 0; run < runs; run++) {
    for (const key of Object.keys(bytesRef)) {
      bytesRef[key].push(await download(reference.pid, `${base}/regional.${key}`));
    }
  }
} finally {
  reference.kill("SIGTERM");
  await new Promise((resolve) => reference.once("exit", resolve));
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(
  `\nRegional report: ${data.counts.participants} participants, ${data.counts.tool_instances} tool instances on PostgreSQL (median of ${runs}; ${os.cpus().length} cores, node ${process.version})`,
);
console.log(`  server RSS when idle after warm-up: ${mb(idle)}`);
console.log(
  `  first XLSX after start (computes everyone)      ${ms(cold.ms).padStart(8)}   peak RSS ${mb(cold.peak)} (growth ${mb(cold.growth)})`,
);
for (const [key, label] of [
  ["xlsx", "GET /api/reports/regional.xlsx"],
  ["csv", "GET /api/reports/regional.csv"],
]) {
  const list = results[key];
  console.log(
    `  ${label.padEnd(47)}${ms(median(list.map((r) => r.ms))).padStart(8)}   ${mb(list[0].body.length).padStart(8)}   peak RSS ${mb(median(list.map((r) => r.peak)))} (growth ${mb(median(list.map((r) => r.growth)))})`,
  );
  console.log(
    `    reference: same bytes from bare Fastify      ${ms(median(bytesRef[key].map((r) => r.ms))).padStart(8)}   peak RSS growth ${mb(median(bytesRef[key].map((r) => r.growth)))}`,
  );
  console.log(`    runs: ${list.map((r) => r.ms.toFixed(0)).join(", ")} ms`);
}
console.log("  targets (issue 5): regional XLSX ≤ 5 s and ≤ 256 MB");
