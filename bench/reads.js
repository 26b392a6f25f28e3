#!/usr/bin/env node
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import {
  mean,
  percentile,
  randomPort,
  rawGet,
  saveBytes,
  sleep,
  startProcess,
} from "./lib/http-bench.js";
import { cpuFromStat } from "./lib/process-cpu.js";
import { signIn, startWarmedMrtm } from "./lib/server.js";
import {
  buildServer,
  ensureSyntheticData,
  firstSyntheticAgreement,
  liaisonEmail,
  SYNTHETIC_ACCOUNTS,
  SYNTHETIC_PASSWORD,
} from "./synthetic.js";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "125,2500" },
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "50" },
    rounds: { type: "string", default: "2" },
    cycles: { type: "string", default: "5" },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/" },
    // The database's name (default mrtm_bench_reads_<scale>): one of one's own on a shared server.
    database: { type: "string" },
    "server-dir": { type: "string" },
    "no-build": { type: "boolean", default: false },
    workers: { type: "string", default: "1" },
    changes: { type: "string", default: "3" },
    only: { type: "string" },
    "cpu-prof": { type: "string" },
    // A second reference, bare Fastify dressed as the server (bench/lib/bytes-server.js DRESSED=1):
    // what the server's headers and access log cost before any of its own work.
    dressed: { type: "boolean", default: false },
    // Node's own flags for the MRTM server (e.g. "--max-semi-space-size=4"), space-separated;
    // by default those `npm start` gives it.
    "node-flags": { type: "string" },
    // Requests per second for every load (autocannon's overallRate), below what either server
    // can serve: the CPU per request of each at the same pace. At full speed the slower server
    // also pays for waking the client up after each answer (issue 18, stop 31's profiles).
    rate: { type: "string" },
    // After warming up the server runs three full collections with nothing queued, the state a
    // server reaches once it has run a while (decision 0043); --no-full-gcs leaves it as its
    // warm-up did. One process only: a cluster's primary does not pass the signal on.
    "full-gcs": { type: "boolean", default: true },
  },
  allowPositionals: true,
  allowNegative: true,
});
const scales = values.scale.split(",").map(Number);
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const root = path.resolve(import.meta.dirname, "..");
const serverDir = path.resolve(values["server-dir"] ?? root);
const changes = Number(values.changes);
// `--only changes` skips the reads under load: the reads after a change alone (e.g. to profile them).
// Any other `--only` is a comma-separated list of words: the reads under load whose label or URL
// holds one of them (`--only público,session`), then the changes as usual.
const underLoad = values.only !== "changes";
const onlyWords = underLoad && values.only ? values.only.split(",").filter(Boolean) : null;
const chosen = ([label, url]) =>
  onlyWords === null || onlyWords.some((word) => label.includes(word) || url.includes(word));
const cpuProf = values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : null;
/** `--cpu-prof DIR`: every server is profiled, each to a file named after it, to compare them. */
const profileFlags = (name) =>
  cpuProf
    ? [
        "--cpu-prof",
        `--cpu-prof-dir=${cpuProf}`,
        `--cpu-prof-name=${name}.${Date.now()}.cpuprofile`,
      ]
    : [];

/**
 * CPU time (user + system, µs) a process has used so far, from /proc; null where there is none.
 * Per request, it says what a read costs the server whatever else the machine runs: on a busy
 * machine, requests/s measure the share of the cores a process got as much as its own cost.
 */
function cpuMicros(pid) {
  return cpuFromStat(`/proc/${pid}/stat`)?.own ?? null;
}

/**
 * One autocannon run: requests/s, p95 of every response's own time, errors, mean load, and the
 * server's CPU per request (`pid`: the one process that answers; null for a cluster).
 */
async function load(url, headers, pid = null) {
  const cpuBefore = pid === null ? null : cpuMicros(pid);
  const latencies = [];
  let bad = 0;
  const loads = [];
  const sampler = setInterval(() => loads.push(os.loadavg()[0]), 1000);
  const instance = autocannon({
    url,
    connections,
    duration,
    headers,
    ...(values.rate ? { overallRate: Number(values.rate) } : {}),
  });
  instance.on("response", (_client, status, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (status !== 200) {
      bad++;
    }
  });
  const result = await instance;
  clearInterval(sampler);
  const cpuAfter = pid === null ? null : cpuMicros(pid);
  return {
    cpuPerRequest:
      cpuBefore === null || cpuAfter === null || result.requests.total === 0
        ? null
        : (cpuAfter - cpuBefore) / result.requests.total,
    rps: result.requests.average,
    p95: percentile(latencies, 95),
    errors: bad + result.errors + result.timeouts,
    load: loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : os.loadavg()[0],
  };
}

/** The dressed reference's throughput and the server's share of it, when it ran. */
function dressedRatio(rps, runs) {
  if (runs.length === 0) {
    return "";
  }
  const theirs = mean(runs.map((run) => run.rps));
  return ` | dressed ref ${theirs.toFixed(0).padStart(6)} req/s, ratio ${(rps / theirs).toFixed(2)}`;
}

/** The median of the runs' server CPU per request; null when it was not measured. */
function medianCpu(runs) {
  const values = runs.map((run) => run.cpuPerRequest).filter((value) => value !== null);
  return values.length === 0 ? null : percentile(values, 50);
}

/** Server CPU per request: MRTM's, then the references' (what load does not move much). */
function cpuColumn(row) {
  if (row.mrtm.cpu === null) {
    return "";
  }
  const dressed = row.dressed.cpu === null ? "" : ` · dressed ${row.dressed.cpu.toFixed(0)}`;
  return ` | server CPU µs/req ${row.mrtm.cpu.toFixed(0)} · ref ${row.reference.cpu?.toFixed(0)}${dressed}`;
}

const fmt = (run) =>
  `${run.rps.toFixed(0).padStart(6)} req/s p95 ${run.p95.toFixed(0).padStart(4)} ms`;

const fullGcs = values["full-gcs"] && values.workers === "1";

async function measureScale(scale) {
  const data = await ensureSyntheticData({
    build: false,
    municipalities: scale,
    cycles: Number(values.cycles),
    databaseUrl: `${values["database-url"].replace(/\/?$/, "/")}${values.database ?? `mrtm_bench_reads_${scale}`}`,
  });
  const pool = new pg.Client({ connectionString: data.databaseUrl });
  await pool.connect();
  const cvegeo = await firstSyntheticAgreement(pool);
  const { server, base } = await startWarmedMrtm({
    dir: serverDir,
    databaseUrl: data.databaseUrl,
    workers: values.workers,
    nodeFlags: values["node-flags"]?.split(" ").filter(Boolean),
    extraNodeFlags: profileFlags("mrtm"),
    fullCollections: fullGcs,
  });
  // One process answers unless a cluster was asked for: then its CPU is spread over workers.
  const serverPid = values.workers === "1" ? server.pid : null;
  const bytesDir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-reads-"));
  const results = new Map();
  let reference;
  let dressedReference;
  try {
    const reviewer = await signIn(base, SYNTHETIC_ACCOUNTS.reviewer, SYNTHETIC_PASSWORD);
    const liaison = await signIn(base, liaisonEmail(cvegeo), SYNTHETIC_PASSWORD);
    const reads = [
      ["sesión (/api/auth/session)", "/api/auth/session", reviewer],
      ["tablero regional", "/api/dashboard/regional", reviewer],
      ["clasificación regional", "/api/dashboard/regional/ranking", reviewer],
      ["matriz de brechas, 1.ª página", "/api/gap-matrix", reviewer],
      ["Mi municipio: tablero", `/api/municipalities/${cvegeo}/dashboard`, liaison],
      ["Mi municipio: herramientas", `/api/municipalities/${cvegeo}/tools`, liaison],
      ["público: resumen", "/api/public/summary", null],
      ["público: clasificación", "/api/public/ranking", null],
      ["público: municipio", `/api/public/municipalities/${cvegeo}`, null],
      ["público: mapa", "/api/public/map", null],
      ["público: datos abiertos", "/api/public/open-data", null],
      ["público: tools.csv", "/api/public/open-data/tools.csv", null],
    ].filter(chosen);
    const files = [];
    for (const [index, [, url, cookie]] of (underLoad ? reads : []).entries()) {
      const headers = { "accept-encoding": "gzip", ...(cookie ? { cookie } : {}) };
      // What a reader gets once the server has settled: the first ask builds the body, and a
      // large one is gzipped in the background after it (decision 0039).
      await rawGet(`${base}${url}`, headers);
      await sleep(250);
      const sample = await rawGet(`${base}${url}`, headers);
      const name = `read-${index}`;
      saveBytes(bytesDir, name, sample);
      files.push({ name, headers, status: sample.status, size: sample.body.length });
    }
    const referencePort = randomPort();
    const dressedPort = randomPort();
    if (underLoad) {
      reference = await startProcess(["bench/lib/bytes-server.js"], {
        cwd: root,
        env: { BYTES_DIR: bytesDir, PORT: String(referencePort) },
        ready: "listening",
        nodeFlags: profileFlags("reference"),
      });
    }
    if (underLoad && values.dressed) {
      dressedReference = await startProcess(["bench/lib/bytes-server.js"], {
        cwd: root,
        env: { BYTES_DIR: bytesDir, PORT: String(dressedPort), DRESSED: "1" },
        ready: "listening",
        nodeFlags: profileFlags("dressed"),
      });
    }
    for (const [index, [label, url]] of (underLoad ? reads : []).entries()) {
      const file = files[index];
      const mine = [];
      const theirs = [];
      const dressed = [];
      for (let round = 0; round < rounds; round++) {
        mine.push(await load(`${base}${url}`, file.headers, serverPid));
        // What the server still had queued when the load ended is finished before the next run.
        await rawGet(`${base}/api/health`, {});
        theirs.push(
          await load(
            `http://127.0.0.1:${referencePort}/${file.name}`,
            { "accept-encoding": "gzip" },
            reference.pid,
          ),
        );
        if (dressedReference) {
          dressed.push(
            await load(
              `http://127.0.0.1:${dressedPort}/${file.name}`,
              { "accept-encoding": "gzip" },
              dressedReference.pid,
            ),
          );
        }
      }
      const row = {
        label,
        status: file.status,
        size: file.size,
        mrtm: {
          rps: mean(mine.map((r) => r.rps)),
          p95: Math.max(...mine.map((r) => r.p95)),
          cpu: medianCpu(mine),
        },
        reference: {
          rps: mean(theirs.map((r) => r.rps)),
          p95: Math.max(...theirs.map((r) => r.p95)),
          cpu: medianCpu(theirs),
        },
        dressed: { cpu: medianCpu(dressed) },
        errors: mine.reduce((sum, r) => sum + r.errors, 0),
        load: mean([...mine, ...theirs].map((r) => r.load)),
      };
      results.set(label, row);
      console.log(
        `  ${scale} · ${label.padEnd(30)} ${String(row.size).padStart(7)} B  MRTM ${fmt(row.mrtm)} | ref ${fmt(row.reference)} | ratio ${(row.mrtm.rps / row.reference.rps).toFixed(2)} | load ${row.load.toFixed(1)}${dressedRatio(row.mrtm.rps, dressed)}${cpuColumn(row)}${row.errors ? ` | ${row.errors} non-200 (first: ${row.status})` : ""}`,
      );
    }

    // A change in one municipality, then the next read of each kind, `--changes` times: the
    // first after a change pays for recomputing what the change touched. The public dataset may
    // answer with the bytes it had while it rebuilds them (decision 0027).
    const afterChange = [
      ["tablero regional", "/api/dashboard/regional", reviewer],
      ["matriz de brechas", "/api/gap-matrix", reviewer],
      ["clasificación regional", "/api/dashboard/regional/ranking", reviewer],
      ["público: resumen", "/api/public/summary", null],
      ["público: tools.csv", "/api/public/open-data/tools.csv", null],
    ];
    // Every open dataset built before the first change, on a server that builds them after start
    // (warm-up) as on one that builds them when first asked: the changes find the server at rest.
    const catalog = JSON.parse((await rawGet(`${base}/api/public/open-data`, {})).body.toString());
    for (const dataset of catalog.datasets) {
      for (const address of [dataset.csv, dataset.json]) {
        await rawGet(`${base}${new URL(address, base).pathname}`, {});
      }
    }
    const before = new Map();
    for (const [, url, cookie] of afterChange) {
      const response = await rawGet(`${base}${url}`, cookie ? { cookie } : {});
      before.set(url, response.headers.etag);
    }
    const rebuilt = [];
    let shift = 1;
    const times = new Map(afterChange.map(([label]) => [label, []]));
    for (let repeat = 0; repeat < changes; repeat++) {
      for (const [label, url, cookie] of afterChange) {
        // One deadline a day later, then back: a change the open data shows (a new ETag).
        await pool.query(
          "update tool_instances set deadline = deadline + $2::int where id = (select id from tool_instances where municipality_cvegeo = $1 and deadline is not null order by id limit 1)",
          [cvegeo, shift],
        );
        shift = -shift;
        await sleep(200);
        const start = process.hrtime.bigint();
        const response = await rawGet(`${base}${url}`, {
          "accept-encoding": "gzip",
          ...(cookie ? { cookie } : {}),
        });
        times.get(label).push(Number(process.hrtime.bigint() - start) / 1e6);
        if (response.status !== 200) {
          throw new Error(`${url} answered ${response.status} after a change`);
        }
        if (url.includes("/open-data/")) {
          // Served as before while rebuilt in the background: the time until the new bytes are
          // served, and no next change while the rebuild still takes the CPU.
          let fresh = response;
          const giveUp = Date.now() + 60_000;
          while (fresh.headers.etag === before.get(url) && Date.now() < giveUp) {
            await sleep(20);
            fresh = await rawGet(`${base}${url}`, { "accept-encoding": "gzip" });
          }
          rebuilt.push(Number(process.hrtime.bigint() - start) / 1e6);
          before.set(url, fresh.headers.etag);
        }
      }
    }
    // The public summary shows the State of Mexico's map and the top places: a synthetic
    // municipality's change shows on its public page instead.
    await measureReflected({
      base,
      pool,
      cvegeo,
      scale,
      reads: [
        ...afterChange.slice(0, 3),
        ["público: municipio", `/api/public/municipalities/${cvegeo}`, null],
      ],
    });
    if (rebuilt.length > 0) {
      const sorted = [...rebuilt].sort((a, b) => a - b);
      console.log(
        `  ${scale} · after a change in one municipality, the new tools.csv served after: median ${percentile(sorted, 50).toFixed(0)} ms (min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)})`,
      );
    }
    for (const [label, list] of times) {
      if (list.length === 0) {
        continue;
      }
      const sorted = [...list].sort((a, b) => a - b);
      console.log(
        `  ${scale} · after a change in one municipality, the next ${label}: median ${percentile(sorted, 50).toFixed(0)} ms (min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)}, ${sorted.length} changes; load ${os.loadavg()[0].toFixed(1)})`,
      );
    }
  } finally {
    await reference?.stop();
    await dressedReference?.stop();
    await server.stop();
    await pool.end();
    fs.rmSync(bytesDir, { recursive: true, force: true });
  }
  return results;
}

/**
 * How long a change in one municipality takes to show: one of its validated tools back to «En
 * elaboración» (then validated again, so the data set is left as it was), then each read asked
 * every 5 ms until it serves other bytes (a new ETag). Unlike the reads 200 ms after a change,
 * this is the whole recomputation, however it is scheduled. Each read is timed on a change of
 * its own, so no read waits for another.
 */
async function measureReflected({ base, pool, cvegeo, scale, reads }) {
  if (changes === 0) {
    return;
  }
  const etagOf = async (url, cookie) =>
    (await rawGet(`${base}${url}`, { "accept-encoding": "gzip", ...(cookie ? { cookie } : {}) }))
      .headers.etag;
  const [instance] = (
    await pool.query(
      // A tool of one cycle, so the changed instance is the one its score counts.
      "select id from tool_instances t where municipality_cvegeo = $1 and state = 'validated' and not exists (select 1 from tool_instances o where o.municipality_cvegeo = t.municipality_cvegeo and o.tool_code = t.tool_code and o.part_code is not distinct from t.part_code and o.id <> t.id) order by id limit 1",
      [cvegeo],
    )
  ).rows;
  if (!instance) {
    console.log(`  ${scale} · no validated tool in ${cvegeo}: change reflection not measured`);
    return;
  }
  const times = new Map(reads.map(([label]) => [label, []]));
  for (let repeat = 0; repeat < changes; repeat++) {
    for (const [label, url, cookie] of reads) {
      for (const state of ["in_progress", "validated"]) {
        const before = await etagOf(url, cookie);
        await pool.query("update tool_instances set state = $2 where id = $1", [
          instance.id,
          state,
        ]);
        const start = process.hrtime.bigint();
        const giveUp = Date.now() + 10_000;
        while ((await etagOf(url, cookie)) === before && Date.now() < giveUp) {
          await sleep(5);
        }
        times.get(label).push(Number(process.hrtime.bigint() - start) / 1e6);
        // The refresh this change started is over before the next change.
        await sleep(300);
      }
    }
  }
  for (const [label, list] of times) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(
      `  ${scale} · a tool's state changed in one municipality, shown by ${label} after: median ${percentile(sorted, 50).toFixed(0)} ms (min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)}, ${sorted.length} changes; load ${os.loadavg()[0].toFixed(1)})`,
    );
  }
}

if (!values["no-build"] && serverDir === root) {
  buildServer();
}
console.log(
  `Reads under load: ${connections} connections × ${duration} s, ${rounds} round(s) alternating with bare Fastify sending the same bytes; server ${path.relative(process.cwd(), serverDir) || "."} with MRTM_WORKERS=${values.workers}${fullGcs ? ", three full collections after warm-up" : ""}; ${os.cpus().length} cores, node ${process.version}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
const byScale = new Map();
for (const scale of scales) {
  byScale.set(scale, await measureScale(scale));
}
if (scales.length > 1) {
  const [low, high] = [scales[0], scales[scales.length - 1]];
  console.log(`\nGrowth ${low} → ${high} (requests/s at ${high} ÷ at ${low}; p95):`);
  for (const [label, row] of byScale.get(high)) {
    const before = byScale.get(low).get(label);
    if (before) {
      console.log(
        `  ${label.padEnd(30)} ${(row.mrtm.rps / before.mrtm.rps).toFixed(2)} × · p95 ${before.mrtm.p95.toFixed(0)} → ${row.mrtm.p95.toFixed(0)} ms · ratio to reference ${(before.mrtm.rps / before.reference.rps).toFixed(2)} → ${(row.mrtm.rps / row.reference.rps).toFixed(2)}`,
      );
    }
  }
}
