#!/usr/bin/env node
// The gap matrix on national-scale synthetic data (PostgreSQL): time and the server's peak memory
// of the JSON endpoint and of the XLSX download, each beside references measured in the same run:
// the bare SQL that reads the same rows, and bare Fastify sending the same bytes from memory.
//
//   node bench/gap-matrix.js [--runs 5] [--municipalities 2500] [--cycles 5] [--database-url …]
//
// The data comes from bench/synthetic.js (generated once, then reused by fingerprint).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { peakDuring, rss } from "./lib/process-memory.js";
import { signIn, startMrtm } from "./lib/server.js";
import { buildServer, DEFAULT_DATABASE_URL, ensureSyntheticData } from "./synthetic.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    municipalities: { type: "string", default: "2500" },
    cycles: { type: "string", default: "5" },
    "cohort-years": { type: "string" },
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
  cohortYears: values["cohort-years"] === undefined ? undefined : Number(values["cohort-years"]),
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

// Reference 1: the bare SQL of the endpoint's reads (participants, then every instance's facts).
const sqlTimes = [];
{
  const client = new pg.Client({ connectionString: data.databaseUrl });
  await client.connect();
  for (let run = 0; run < runs + 1; run++) {
    const start = process.hrtime.bigint();
    await client.query(
      `select a.municipality_cvegeo, m.name, a.cohort, a.signed_on, a.model_version_id
         from agreements a join municipalities m on m.cvegeo = a.municipality_cvegeo
        order by m.name_folded`,
    );
    await client.query(
      `select municipality_cvegeo, tool_code, part_code, cycle, opens_on, deadline, state,
              to_char(first_submitted_at at time zone 'America/Mexico_City', 'YYYY-MM-DD'), maturity
         from tool_instances`,
    );
    if (run > 0) {
      sqlTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  await client.end();
}

const server = await startMrtm(data.databaseUrl);
const results = { page: [], all: [], xlsx: [], changed: [] };
let cold;
let samples;
let idle;
try {
  const cookie = await signIn(server.base, data.accounts.reviewer, data.password);
  const urls = {
    page: `${server.base}/api/gap-matrix`,
    all: `${server.base}/api/gap-matrix?pageSize=5000`,
    xlsx: `${server.base}/api/gap-matrix.xlsx`,
  };
  // The first request computes the region's progress (every instance read and folded); the
  // others are served from the progress cached per change stamp.
  cold = await download(server.pid, urls.page, { cookie });
  for (const url of Object.values(urls)) {
    await download(server.pid, url, { cookie });
  }
  await sleep(500);
  idle = rss(server.pid);
  for (let run = 0; run < runs; run++) {
    for (const [key, url] of Object.entries(urls)) {
      results[key].push(await download(server.pid, url, { cookie }));
    }
  }
  // After a change in one municipality, only it is recomputed.
  const client = new pg.Client({ connectionString: data.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query("select id from tool_instances limit 1");
    for (let run = 0; run < runs; run++) {
      await client.query("update tool_instances set updated_at = now() where id = $1", [
        rows[0].id,
      ]);
      results.changed.push(await download(server.pid, urls.page, { cookie }));
    }
  } finally {
    await client.end();
  }
  samples = {
    page: results.page[0].body,
    all: results.all[0].body,
    xlsx: results.xlsx[0].body,
  };
} finally {
  await server.stop();
}

// Reference 2: bare Fastify sending the very same bytes from memory.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-bench-matrix-"));
fs.writeFileSync(path.join(dir, "page.json"), samples.page);
fs.writeFileSync(path.join(dir, "all.json"), samples.all);
fs.writeFileSync(path.join(dir, "matrix.xlsx"), samples.xlsx);
const port = 5600 + Math.floor(Math.random() * 300);
const reference = spawn("node", [path.join(import.meta.dirname, "lib/bytes-server.js")], {
  env: { ...process.env, BYTES_DIR: dir, PORT: String(port) },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise((resolve) => reference.stdout.once("data", resolve));
const bytesRef = { page: [], all: [], xlsx: [] };
try {
  const base = `http://127.0.0.1:${port}`;
  const files = { page: "page.json", all: "all.json", xlsx: "matrix.xlsx" };
  for (const file of Object.values(files)) {
    await download(reference.pid, `${base}/${file}`);
  }
  for (let run = 0; run < runs; run++) {
    for (const [key, file] of Object.entries(files)) {
      bytesRef[key].push(await download(reference.pid, `${base}/${file}`));
    }
  }
} finally {
  reference.kill("SIGTERM");
  await new Promise((resolve) => reference.once("exit", resolve));
  fs.rmSync(dir, { recursive: true, force: true });
}

const rowsOf = JSON.parse(samples.all.toString()).total;
console.log(
  `\nGap matrix: ${rowsOf} municipalities, ${data.counts.tool_instances} tool instances on PostgreSQL (median of ${runs}; ${os.cpus().length} cores, node ${process.version})`,
);
console.log(`  server RSS when idle after warm-up: ${mb(idle)}`);
console.log(`  reference: bare SQL, the same two reads      ${ms(median(sqlTimes)).padStart(8)}`);
const line = (label, list, ref) => {
  const times = list.map((r) => r.ms);
  console.log(
    `  ${label.padEnd(44)}${ms(median(times)).padStart(8)}   ${mb(list[0].body.length).padStart(8)}   peak RSS growth ${mb(median(list.map((r) => r.growth)))} (peak ${mb(median(list.map((r) => r.peak)))})`,
  );
  console.log(
    `    reference: same bytes from bare Fastify   ${ms(median(ref.map((r) => r.ms))).padStart(8)}   peak RSS growth ${mb(median(ref.map((r) => r.growth)))}`,
  );
  console.log(`    runs: ${times.map((x) => x.toFixed(0)).join(", ")} ms`);
};
console.log(
  `  first request after start (computes everyone)  ${ms(cold.ms).padStart(8)}   peak RSS growth ${mb(cold.growth)}`,
);
console.log(
  `  first page after a change in one municipality ${ms(median(results.changed.map((r) => r.ms))).padStart(8)}   (runs: ${results.changed.map((r) => r.ms.toFixed(0)).join(", ")} ms)`,
);
line("GET /api/gap-matrix (first page, 100 rows)", results.page, bytesRef.page);
line("GET /api/gap-matrix?pageSize=5000 (all rows)", results.all, bytesRef.all);
line("GET /api/gap-matrix.xlsx (all rows)", results.xlsx, bytesRef.xlsx);
