#!/usr/bin/env node
// Soak: the real server under mixed traffic for minutes, sampled every 10 s, to see that its
// memory levels off rather than growing without bound.
//
//   node bench/soak.js [--minutes 10] [--workers 6] [--database-url postgres://…/anything]
//                      [--no-build] [--heap-snapshots DIR]
//
// Starts the built server (dist/server/main.js) on 127.0.0.1 with the demo seed, on a fresh
// embedded PGlite folder, or with --database-url on a fresh PostgreSQL database created next to
// the given one (dropped at the end). Then `--workers` loops send, each one request at a time:
// public reads (summary, ranking, map, municipality list and page, open data), signed-in reads
// (the regional dashboard, the review queue, the gap matrix, a municipality's tools and
// dashboard, a tool's detail, notifications), small PDF uploads, and submit → review → answer
// cycles on the demo municipality's tools (each tool owned by one worker, so no 409 is expected;
// an error is printed with its code). Every 10 s it prints the window's requests, errors,
// p50/p99 latency, the server's VmRSS and RssAnon (anonymous memory: the JS heap and native
// allocations) from /proc/<pid>/status, and its live heap: what survived the window's full
// collections (from the server's --trace-gc lines). The reference is the same server idle for
// the first 10 s window, before any traffic.
// The verdict: the live heap's slope (least squares, MB/min) over the second half of the loaded
// run beside the first half's; RSS slopes and figures are printed beside it. At the end, each
// route's median latency in the first and the last loaded minute: what slows down as the rows
// the soak writes pile up.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { heapGrowth } from "./lib/heap-snapshot-diff.js";
import { randomPort, serverLaunch } from "./lib/http-bench.js";
import { scratchDatabase } from "./lib/scratch-database.js";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    workers: { type: "string", default: "6" },
    "database-url": { type: "string" },
    "no-build": { type: "boolean", default: false },
    "heap-snapshots": { type: "string" },
  },
  // `npm run bench -- --runs 3` passes the other benchmarks' options here too.
  strict: false,
});
const minutes = Number(values.minutes);
const workers = Number(values.workers);
const WINDOW_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const MUNICIPALITY = "15106";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes) => bytes / 1024 / 1024;

if (!values["no-build"]) {
  const build = spawnSync("npm", ["run", "--silent", "build:server"], {
    cwd: root,
    stdio: "inherit",
  });
  if (build.status !== 0) {
    process.exit(1);
  }
}

// ---------------------------------------------------------------- the server, on fresh data
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-soak-"));
const scratch = values["database-url"]
  ? await scratchDatabase(values["database-url"], `mrtm_soak_${process.pid}_${Date.now()}`)
  : null;
const databaseUrl = scratch?.url;
const port = randomPort(4100, 800);
const { DATABASE_URL: _ignored, ...inherited } = process.env;
// --trace-gc: the live heap after each full (mark-compact) collection is the memory the server
// really keeps; RSS also counts garbage not yet collected and heap the allocator holds on to.
// --heap-snapshots DIR: the server writes a heap snapshot on SIGUSR2 (into DIR), taken after the
// first quarter of the load and at its end, and what grew between the two is printed. Each
// snapshot stops the server for a few seconds: that window's p99 shows it.
const snapshotDir = values["heap-snapshots"] ? path.resolve(values["heap-snapshots"]) : null;
if (snapshotDir) {
  fs.mkdirSync(snapshotDir, { recursive: true });
}
// The node flags and environment `npm start` gives the server: its memory as it runs in production.
const launch = serverLaunch(root);
const serverFlags = [
  ...launch.nodeFlags,
  "--trace-gc",
  ...(snapshotDir ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${snapshotDir}`] : []),
];
const server = spawn(process.execPath, [...serverFlags, "dist/server/main.js"], {
  cwd: root,
  env: {
    ...inherited,
    ...launch.env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PORT: String(port),
    HOST: "127.0.0.1",
    MRTM_DATA_DIR: path.join(work, "data"),
    MRTM_SEED_DEMO: "true",
    MRTM_JOBS: "off",
    // Every request of the soak comes from 127.0.0.1: sign-ins must not be throttled.
    MRTM_LOGIN_MAX_PER_ADDRESS: "100000",
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
let output = "";
let started = false;
/** The live heap (MB) after the latest mark-compact, and the lowest of the current window. */
const liveHeap = { last: null, windowMin: null };
const MARK_COMPACT = /Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/g;
server.stdout.on("data", (chunk) => {
  const text = chunk.toString();
  for (const match of text.matchAll(MARK_COMPACT)) {
    const heap = Number(match[1]);
    liveHeap.last = heap;
    liveHeap.windowMin = Math.min(liveHeap.windowMin ?? heap, heap);
  }
  // The start-up lines (address, demo passwords) are kept; the GC trace afterwards is not.
  if (!started) {
    output += text;
    started = output.includes("MRTM escuchando");
  }
});
let stopping = false;
async function stop(code) {
  if (!stopping) {
    stopping = true;
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    await scratch?.drop().catch((error) => console.error(error));
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(130));
const startedAt = Date.now();
while (!started) {
  if (server.exitCode !== null || Date.now() - startedAt > 120_000) {
    console.error(`the server did not start:\n${output}`);
    await stop(1);
  }
  await sleep(50);
}
const base = `http://127.0.0.1:${port}`;
// A first start writes the demo progress after listening (validations among it): the tools the
// cycles take are listed once it is complete, or some would be validated under the soak.
while ((await (await fetch(`${base}/api/health`)).json()).preparingDemo) {
  if (Date.now() - startedAt > 300_000) {
    console.error("the demo progress did not complete in 5 minutes");
    await stop(1);
  }
  await sleep(200);
}
const passwords = new Map(
  [...output.matchAll(/(\S+@mrtm\.test)\s+(\S+)/g)].map((match) => [match[1], match[2]]),
);

// ---------------------------------------------------------------- requests and their figures
let window = { latencies: [], requests: 0, errors: 0, statuses: new Map() };
const samples = [];
let loadStartedAt;
let endAt = Number.POSITIVE_INFINITY;
const totals = { requests: 0, errors: 0 };

// Per route, the latencies of the first and of the last loaded minute: which requests slow down
// as the data the soak writes (reviews, observations, notifications, audit events) piles up.
const routeTimes = { first: new Map(), last: new Map() };
const routeKey = (method, pathname) =>
  `${method} ${pathname.replace(/[0-9a-f-]{36}/g, ":id").replace(/\?.*$/, "")}`;
function recordRoute(method, pathname, elapsed, bytes) {
  if (typeof loadStartedAt === "undefined" || samples.length === 0) {
    return;
  }
  const now = Date.now();
  const bucket =
    now - loadStartedAt < 60_000 ? routeTimes.first : endAt - now < 60_000 ? routeTimes.last : null;
  if (bucket) {
    const key = routeKey(method, pathname);
    if (!bucket.has(key)) {
      bucket.set(key, { times: [], bytes: 0 });
    }
    bucket.get(key).times.push(elapsed);
    bucket.get(key).bytes += bytes;
  }
}

async function request(method, pathname, { session, json, body, headers = {} } = {}) {
  const started = performance.now();
  let status = 0;
  let payload = null;
  let bytes = 0;
  try {
    const response = await fetch(`${base}${pathname}`, {
      method,
      headers: {
        ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}),
        ...(json === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: json === undefined ? body : JSON.stringify(json),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = response.status;
    const type = response.headers.get("content-type") ?? "";
    const raw = await response.arrayBuffer();
    bytes = raw.byteLength;
    payload = type.includes("json") ? JSON.parse(Buffer.from(raw).toString("utf8")) : raw;
  } catch {
    status = 0;
  }
  const elapsed = performance.now() - started;
  window.latencies.push(elapsed);
  recordRoute(method, pathname, elapsed, bytes);
  window.requests++;
  totals.requests++;
  if (status === 0 || status >= 400) {
    window.errors++;
    totals.errors++;
    // The error's code names the cause (e.g. 409 resubmission_incomplete), not only its status.
    const code = payload?.error?.code ? ` ${payload.error.code}` : "";
    const key = `${method} ${pathname.replace(/[0-9a-f-]{36}/g, ":id")} → ${status}${code}`;
    window.statuses.set(key, (window.statuses.get(key) ?? 0) + 1);
  }
  return { status, payload };
}

async function signIn(email) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: passwords.get(email) }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in failed for ${email}: ${response.status}`);
  }
  const cookie = /mrtm_session=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0];
  const { csrfToken } = await response.json();
  return { cookie, csrf: csrfToken };
}

const liaison = await signIn("enlace.toluca@mrtm.test");
const reviewer = await signIn("revisor@mrtm.test");
const admin = await signIn("admin@mrtm.test");

/** A small, valid PDF: header, a little random content (so blobs differ), trailer. */
function smallPdf() {
  return Buffer.concat([
    Buffer.from("%PDF-1.4\n"),
    Buffer.from(`% ${randomBytes(2048).toString("base64")}\n`),
    Buffer.from("trailer\n<< >>\nstartxref\n0\n%%EOF\n"),
  ]);
}

function upload(instanceId) {
  const boundary = `----mrtmsoak${randomBytes(8).toString("hex")}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidencia.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    smallPdf(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return request("POST", `/api/tool-instances/${instanceId}/evidence`, {
    session: liaison,
    body,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
}

const tools = (
  await request("GET", `/api/municipalities/${MUNICIPALITY}/tools`, { session: liaison })
).payload;
const cyclable = tools.filter((t) =>
  ["pending", "in_progress", "changes_requested"].includes(t.state),
);
const READS = [
  () => request("GET", "/api/public/summary"),
  () => request("GET", "/api/public/ranking"),
  () => request("GET", "/api/public/map"),
  () => request("GET", "/api/public/municipalities?q=tol"),
  () => request("GET", `/api/public/municipalities/${MUNICIPALITY}`),
  () => request("GET", "/api/public/open-data"),
  () => request("GET", "/api/dashboard/regional", { session: reviewer }),
  () => request("GET", "/api/review-queue", { session: reviewer }),
  () => request("GET", "/api/gap-matrix", { session: admin }),
  () => request("GET", `/api/municipalities/${MUNICIPALITY}/tools`, { session: liaison }),
  () => request("GET", `/api/municipalities/${MUNICIPALITY}/dashboard`, { session: liaison }),
  () => request("GET", "/api/notifications", { session: liaison }),
  () => request("GET", `/api/tool-instances/${tools[0].id}`, { session: liaison }),
];

/**
 * One step of a tool's cycle, by its state, as its users take it: upload a file; answer the
 * observations of the review that returned it; submit; or (as the reviewer) return it with an
 * observation, every criterion of the tool assessed. Uploads per tool are capped; past the cap
 * the tool only goes round. Before a returned tool is sent again, each observation needs an
 * answer, and a review holding a requerimiento a new version too (src/domain/review.ts): the
 * demo's returned tools take both; the soak's own returns hold a recomendación, answered only.
 */
const uploadsPerTool = new Map();
async function cycleStep(tool) {
  const { payload: detail, status } = await request("GET", `/api/tool-instances/${tool.id}`, {
    session: liaison,
  });
  if (status !== 200 || detail.state === "validated") {
    return;
  }
  const returned = detail.state === "changes_requested" ? detail.history.at(-1) : null;
  const observations = returned?.review?.observations ?? [];
  const unanswered = observations.filter((observation) => !observation.answer);
  const documentDue =
    observations.some((observation) => observation.type === "requerimiento") &&
    detail.evidence.every((evidence) => returned.evidenceIds.includes(evidence.id));
  const uploads = uploadsPerTool.get(tool.id) ?? 0;
  if (unanswered.length > 0) {
    await request("POST", `/api/observations/${unanswered[0].id}/answer`, {
      session: liaison,
      json: { answer: "Se agregó la fecha de aprobación." },
    });
  } else if (documentDue && uploads >= 20) {
    return;
  } else if (
    documentDue ||
    detail.state === "pending" ||
    (detail.state !== "submitted" && uploads < 20 && Math.random() < 0.5)
  ) {
    uploadsPerTool.set(tool.id, uploads + 1);
    await upload(tool.id);
  } else if (detail.state === "in_progress" || detail.state === "changes_requested") {
    await request("POST", `/api/tool-instances/${tool.id}/submit`, { session: liaison });
  } else if (detail.state === "submitted") {
    const { criteria, maturityLevels } = detail.modelTool;
    await request("POST", `/api/tool-instances/${tool.id}/review`, {
      session: reviewer,
      json: {
        decision: "request_changes",
        criteria: criteria.map(({ code }) => ({ code, result: 0.5 })),
        maturityLevel: maturityLevels.length > 0 ? maturityLevels[0].level : null,
        observations: [{ type: "recomendacion", text: "Agregue la fecha de aprobación." }],
        expectedVersion: detail.version,
      },
    });
  }
}

// ---------------------------------------------------------------- sampling
function memory() {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, "utf8");
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: field("VmRSS"), anon: field("RssAnon") };
}
const percentile = (sorted, p) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
function sample(label) {
  const latencies = [...window.latencies].sort((a, b) => a - b);
  const row = {
    label,
    t: (Date.now() - loadStartedAt) / 1000,
    requests: window.requests,
    errors: window.errors,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    ...memory(),
    // No full collection in this window: the latest one stands.
    heap: liveHeap.windowMin ?? liveHeap.last,
  };
  liveHeap.windowMin = null;
  samples.push(row);
  console.log(
    [
      row.label.padEnd(6),
      String(Math.round(row.t)).padStart(5),
      String(row.requests).padStart(8),
      String(row.errors).padStart(6),
      row.p50.toFixed(1).padStart(8),
      row.p99.toFixed(1).padStart(8),
      mb(row.rss).toFixed(1).padStart(8),
      mb(row.anon).toFixed(1).padStart(9),
      (row.heap === null ? "–" : row.heap.toFixed(1)).padStart(9),
    ].join(" "),
  );
  for (const [key, n] of window.statuses) {
    console.log(`         ${n} × ${key}`);
  }
  window = { latencies: [], requests: 0, errors: 0, statuses: new Map() };
}

console.log(
  `\nSoak: ${minutes} min, ${workers} workers, ${cyclable.length} tools in submit/review cycles, ` +
    `${databaseUrl ? "PostgreSQL" : "PGlite"}, server PID ${server.pid}`,
);
console.log(
  `${"window".padEnd(6)} ${"t (s)".padStart(5)} ${"requests".padStart(8)} ${"errors".padStart(6)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"RSS MB".padStart(8)} ${"anon MB".padStart(9)} ${"heap MB".padStart(9)}`,
);

// The reference: the same server, idle, for one window.
window = { latencies: [], requests: 0, errors: 0, statuses: new Map() };
loadStartedAt = Date.now();
await sleep(WINDOW_MS);
sample("idle");

loadStartedAt = Date.now();
endAt = loadStartedAt + minutes * 60_000;
const sampler = setInterval(() => sample("load"), WINDOW_MS);
const firstSnapshot = snapshotDir
  ? setTimeout(() => server.kill("SIGUSR2"), (minutes * 60_000) / 4)
  : null;
await Promise.all(
  Array.from({ length: workers }, async (_, w) => {
    const mine = cyclable.filter((_, i) => i % workers === w);
    while (Date.now() < endAt) {
      const roll = Math.random();
      if (roll < 0.3 && mine.length > 0) {
        await cycleStep(mine[Math.floor(Math.random() * mine.length)]);
      } else {
        await READS[Math.floor(Math.random() * READS.length)]();
      }
    }
  }),
);
clearInterval(sampler);
clearTimeout(firstSnapshot);
if (window.requests > 0) {
  sample("last");
}
let heapSnapshots = [];
if (snapshotDir) {
  // The snapshot is written on the server's main thread: once it answers again, the file is whole.
  server.kill("SIGUSR2");
  await sleep(500);
  await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(120_000) });
  heapSnapshots = fs
    .readdirSync(snapshotDir)
    .filter((name) => name.endsWith(".heapsnapshot") && name.includes(`.${server.pid}.`))
    .sort()
    .map((name) => path.join(snapshotDir, name));
}

// ---------------------------------------------------------------- verdict
const loaded = samples.filter((s) => s.label !== "idle");
function slopeMbPerMinute(rows, valueMb) {
  if (rows.length < 2) {
    return 0;
  }
  const xs = rows.map((r) => r.t / 60);
  const ys = rows.map(valueMb);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((acc, x, i) => acc + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((acc, x) => acc + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}
const half = Math.floor(loaded.length / 2);
const rssMb = (row) => mb(row.rss);
const firstHalf = slopeMbPerMinute(loaded.slice(0, half), rssMb);
const secondHalf = slopeMbPerMinute(loaded.slice(half), rssMb);
const withHeap = (rows) => rows.filter((row) => row.heap !== null);
const heapFirstHalf = slopeMbPerMinute(withHeap(loaded.slice(0, half)), (row) => row.heap);
const heapSecondHalf = slopeMbPerMinute(withHeap(loaded.slice(half)), (row) => row.heap);
const idle = samples[0];
const first = loaded[0];
const last = loaded.at(-1);
const requests = loaded.reduce((a, s) => a + s.requests, 0);
const errors = loaded.reduce((a, s) => a + s.errors, 0);
const peak = Math.max(...loaded.map((s) => s.rss));
console.log(
  `\nRequests: ${requests} (${(requests / (minutes * 60)).toFixed(0)}/s), errors: ${errors}; ` +
    `worst window p99: ${Math.max(...loaded.map((s) => s.p99)).toFixed(1)} ms`,
);
console.log(
  `RSS: idle ${mb(idle.rss).toFixed(1)} MB (reference), first loaded window ${mb(first.rss).toFixed(1)} MB, ` +
    `last ${mb(last.rss).toFixed(1)} MB, peak ${mb(peak).toFixed(1)} MB`,
);
console.log(
  `RSS slope: first half ${firstHalf.toFixed(2)} MB/min, second half ${secondHalf.toFixed(2)} MB/min`,
);
console.log(
  `Live heap after full GC: first loaded window ${first.heap?.toFixed(1) ?? "–"} MB, last ${last.heap?.toFixed(1) ?? "–"} MB; ` +
    `slope first half ${heapFirstHalf.toFixed(2)} MB/min, second half ${heapSecondHalf.toFixed(2)} MB/min`,
);
// The verdict reads the live heap: what survives a full collection is what the server keeps.
// Levelled off: the second half grows by less than 1 MB/min (the samples of a steady server
// scatter by ±2 MB, and compiled code keeps growing a little as V8 optimises more functions),
// or by under a quarter of the first half's rate (a warm-up that slows down, not a steady leak).
const levelled = heapSecondHalf < 1 || heapSecondHalf < Math.abs(heapFirstHalf) / 4;
console.log(
  levelled
    ? "Verdict: memory levels off (the live heap does not keep growing in the second half)."
    : `Verdict: the live heap still grows in the second half (${heapSecondHalf.toFixed(2)} MB/min): run longer (--minutes) or look for a leak.`,
);
if (heapSnapshots.length >= 2) {
  const growth = heapGrowth(heapSnapshots[0], heapSnapshots.at(-1));
  console.log(
    `\nHeap snapshots (${heapSnapshots.map((f) => path.basename(f)).join(", ")}): ` +
      `${mb(growth.before).toFixed(1)} → ${mb(growth.after).toFixed(1)} MB; what grew most:`,
  );
  for (const row of growth.top) {
    console.log(
      `  ${(row.size / 1024).toFixed(0).padStart(8)} KB ${String(row.count).padStart(8)} objects  ${row.key}`,
    );
  }
} else if (snapshotDir) {
  console.log(`\nHeap snapshots: expected two in ${snapshotDir}, found ${heapSnapshots.length}.`);
}
const median = (values) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
console.log(
  "\nPer route, in the first and in the last loaded minute: p50 ms, and the mean response size:",
);
const kb = (route) => (route.bytes / route.times.length / 1024).toFixed(1);
for (const key of [...routeTimes.first.keys()].sort()) {
  const before = routeTimes.first.get(key);
  const after = routeTimes.last.get(key);
  console.log(
    `  ${key.padEnd(45)} ${median(before.times).toFixed(1).padStart(7)} → ${(after ? median(after.times).toFixed(1) : "–").padStart(7)} ms` +
      `  ${kb(before).padStart(7)} → ${(after ? kb(after) : "–").padStart(7)} KB` +
      `  (${before.times.length} / ${after?.times.length ?? 0} requests)`,
  );
}
console.log(
  `Total: ${totals.requests} requests, ${totals.errors} errors (uploads per tool capped at 20).`,
);
await stop(errors > 0 || !levelled ? 2 : 0);
