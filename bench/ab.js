#!/usr/bin/env node
// Two builds of the server side by side on the same synthetic data, both running at once, loaded
// in short turns at the same fixed pace (A, B, then B, A…): the CPU each spends per request, and
// the ratio B ÷ A of every turn. On a shared machine the CPU a request costs moves with the
// machine's state from one minute to the next (issue 18, stop 37: by up to 2× within a minute);
// runs of separate benches minutes apart compare those states as much as the builds. Here both
// builds meet the same states, turn after turn, and the spread of the ratios says how far the
// median can be trusted.
//   node bench/ab.js --b ../other-checkout [--a .] [--scale 2500] [--turns 8] [--seconds 3]
//     [--rate 3000] [--only WORD,WORD] [--no-full-gcs] [--no-build]
// After warming up, each server runs three full collections with nothing queued, the state a
// server reaches once it has run a while (decision 0043), rather than whatever state its warm-up
// happened to leave; --no-full-gcs skips them.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { sleep } from "./lib/http-bench.js";
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
    a: { type: "string", default: "." },
    b: { type: "string" },
    scale: { type: "string", default: "2500" },
    cycles: { type: "string", default: "5" },
    turns: { type: "string", default: "8" },
    seconds: { type: "string", default: "3" },
    rate: { type: "string", default: "3000" },
    connections: { type: "string", default: "50" },
    only: { type: "string" },
    "full-gcs": { type: "boolean", default: true },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/" },
    "no-build": { type: "boolean", default: false },
  },
  allowNegative: true,
});
if (!values.b) {
  console.error("Usage: node bench/ab.js --b DIR [--a DIR] … (each DIR a checkout with a dist/)");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
const dirs = { A: path.resolve(values.a), B: path.resolve(values.b) };
const scale = Number(values.scale);
const turns = Number(values.turns);
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const connections = Number(values.connections);

if (!values["no-build"] && (dirs.A === root || dirs.B === root)) {
  buildServer();
}
const data = await ensureSyntheticData({
  build: false,
  municipalities: scale,
  cycles: Number(values.cycles),
  databaseUrl: `${values["database-url"].replace(/\/?$/, "/")}mrtm_bench_reads_${scale}`,
});
const client = new pg.Client({ connectionString: data.databaseUrl });
await client.connect();
const cvegeo = await firstSyntheticAgreement(client);
await client.end();

/** One build's server, warmed up, with a reviewer and a liaison signed in. */
async function start(dir) {
  const { server, base } = await startWarmedMrtm({
    dir,
    databaseUrl: data.databaseUrl,
    fullCollections: values["full-gcs"],
  });
  return {
    server,
    base,
    reviewer: await signIn(base, SYNTHETIC_ACCOUNTS.reviewer, SYNTHETIC_PASSWORD),
    liaison: await signIn(base, liaisonEmail(cvegeo), SYNTHETIC_PASSWORD),
  };
}

const reads = [
  ["sesión", "/api/auth/session", "reviewer"],
  ["tablero regional", "/api/dashboard/regional", "reviewer"],
  ["Mi municipio: herramientas", `/api/municipalities/${cvegeo}/tools`, "liaison"],
  ["público: resumen", "/api/public/summary", null],
  ["público: municipio", `/api/public/municipalities/${cvegeo}`, null],
].filter(
  ([label, url]) =>
    !values.only || values.only.split(",").some((w) => label.includes(w) || url.includes(w)),
);

/** CPU µs the server spent per request during one fixed-pace load of `url`. */
async function cpuPerRequest(side, url, who) {
  const stat = `/proc/${side.server.pid}/stat`;
  const before = cpuFromStat(stat).own;
  const result = await autocannon({
    url: `${side.base}${url}`,
    connections,
    duration: seconds,
    overallRate: rate,
    headers: { "accept-encoding": "gzip", ...(who ? { cookie: side[who] } : {}) },
  });
  const after = cpuFromStat(stat).own;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return (after - before) / result.requests.total;
}

const median = (xs) => {
  const sorted = [...xs].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

console.log(
  `A/B at ${rate} req/s, ${connections} connections, ${turns} turns × ${seconds} s per build and read, ${scale} municipalities; ${os.cpus().length} cores, node ${process.version}\n  A = ${dirs.A}\n  B = ${dirs.B}`,
);
const sides = { A: await start(dirs.A), B: await start(dirs.B) };
try {
  for (const [label, url, who] of reads) {
    // One untimed turn each: what the first load compiles is not counted against either build.
    await cpuPerRequest(sides.A, url, who);
    await cpuPerRequest(sides.B, url, who);
    const cpu = { A: [], B: [] };
    for (let turn = 0; turn < turns; turn++) {
      for (const name of turn % 2 === 0 ? ["A", "B"] : ["B", "A"]) {
        cpu[name].push(await cpuPerRequest(sides[name], url, who));
        await sleep(200);
      }
    }
    const ratios = cpu.B.map((b, turn) => b / cpu.A[turn]);
    const sorted = [...ratios].sort((x, y) => x - y);
    console.log(
      `  ${label.padEnd(28)} CPU µs/req A ${median(cpu.A).toFixed(1).padStart(6)} · B ${median(cpu.B).toFixed(1).padStart(6)} | B ÷ A median ${median(ratios).toFixed(2)} (range ${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)}, ${ratios.filter((r) => r < 1).length} of ${ratios.length} turns B cheaper) | load ${os.loadavg()[0].toFixed(1)}`,
    );
  }
} finally {
  await sides.A.server.stop();
  await sides.B.server.stop();
}
