#!/usr/bin/env node
// A real 100 MB upload through the running server (HTTP multipart → blob store, hashed and checked
// on the way → row), beside references measured in the same run: one-pass read + SHA-256 of the
// same file (goal: the upload at ≥ 0.6 × its throughput), and `cp` (with and without sync) on the
// same disk. Also the server's resident memory: its peak growth during each upload (the kernel's
// high-water mark, VmHWM, reset before each upload; target ≤ 32 MB), measured on a server
// restarted after the first start, so the baseline is an idle server's, not the demo seed's heap.
// The client is checked too: the same curl command sending the same file to a bare Node server
// that only drains the request (what the client and loopback cost, without MRTM).
// `--server-dir DIR` (repeatable) runs another build (`dist/` of another checkout) beside this
// one's or instead of it: the servers take turns within each run (A, B, A, B, …), so a
// before/after comparison sees the same load. `--cpu-prof DIR` writes each measured server's
// CPU profile there (node --cpu-prof) when it stops. `--database-url postgres://…/any` runs each
// server on PostgreSQL, as production does (a fresh database of its own created beside that
// address and dropped at the end; one server process, MRTM_WORKERS=1, so its CPU is the
// upload's), instead of the embedded PGlite that `npm start` uses by default.
//
//   node bench/upload-http.js [--size-mb 100] [--runs 3] [--server-dir DIR]… [--no-build]
//                             [--cpu-prof DIR] [--database-url URL]
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomPort, serverLaunch } from "./lib/http-bench.js";
import { cpuFromStat } from "./lib/process-cpu.js";
import { scratchDatabase } from "./lib/scratch-database.js";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    "size-mb": { type: "string", default: "100" },
    runs: { type: "string", default: "3" },
    "server-dir": { type: "string", multiple: true },
    "no-build": { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
    "database-url": { type: "string" },
  },
});
const serverDirs = (values["server-dir"] ?? [root]).map((dir) => path.resolve(dir));
const cpuProfDir = values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : null;
if (cpuProfDir) {
  fs.mkdirSync(cpuProfDir, { recursive: true });
}
const sizeMb = Number(values["size-mb"]);
const runs = Number(values.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const status = (pid, field) =>
  Number(
    new RegExp(`${field}:\\s+(\\d+) kB`).exec(
      fs.readFileSync(`/proc/${pid}/status`, "utf8"),
    )?.[1] ?? 0,
  ) * 1024;
/** Resets the process's peak RSS (VmHWM) to its current RSS; false where the kernel refuses. */
function resetPeak(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** CPU time (ms) of one thread of `pid`; 0 if it ended between the listing and the read. */
const threadCpu = (pid, tid) => (cpuFromStat(`/proc/${pid}/task/${tid}/stat`)?.own ?? 0) / 1000;
/**
 * The server's CPU time so far: its main thread (the one that serves requests) and all its other
 * threads together (V8's, libuv's pool, worker threads). A thread that ended takes its time with
 * it, so compare two readings of threads that live through the upload.
 */
function serverCpu(pid) {
  let others = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    if (Number(tid) !== pid) {
      others += threadCpu(pid, tid);
    }
  }
  return { main: threadCpu(pid, pid), others };
}
/** CPU time (ms) of this process's waited-for children (curl, once it has exited). */
const childrenCpu = () => cpuFromStat("/proc/self/stat").children / 1000;

/** How long the restarted servers sit idle before the uploads (see where it is used). */
const IDLE_BEFORE_UPLOADS_MS = 20_000;

const loadavg = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

if (
  !values["no-build"] &&
  serverDirs.includes(root) &&
  spawnSync("npm", ["run", "--silent", "build:server"], { cwd: root, stdio: "inherit" }).status !==
    0
) {
  process.exit(1);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-bench-http-"));
/** A port of its own for each server of the run. */
const freshPort = () => randomPort(4100, 500);

// A PDF header and trailer around random bytes: recognised as a PDF, incompressible.
const file = path.join(work, "evidencia.pdf");
{
  const out = fs.openSync(file, "w");
  fs.writeSync(out, "%PDF-1.4\n");
  for (let i = 0; i < sizeMb; i++) {
    fs.writeSync(out, randomBytes(1024 * 1024));
  }
  fs.writeSync(out, "\ntrailer\n<< >>\nstartxref\n0\n%%EOF\n");
  fs.closeSync(out);
}

/** The PostgreSQL databases this run created (one a server), dropped when it ends. */
const databases = [];
/** A fresh PostgreSQL database beside --database-url, for one server; null on PGlite. */
async function freshDatabase(index) {
  if (!values["database-url"]) {
    return null;
  }
  const database = await scratchDatabase(
    values["database-url"],
    `mrtm_bench_upload_${process.pid}_${index}`,
  );
  databases.push(database);
  return database.url;
}
async function dropDatabases() {
  for (const database of databases.splice(0)) {
    await database.drop().catch((error) => console.error(error));
  }
}
process.on("exit", () => {
  if (databases.length > 0) {
    console.error(`databases left behind: ${databases.map((each) => each.name).join(", ")}`);
  }
});

/** A built server on its data folder; resolves with what it printed once it listens. */
async function startServer({ dir, port, dataDir, databaseUrl, profile }) {
  // Launched as `npm start` launches it: what users run.
  const launch = serverLaunch(dir);
  const flags = [
    ...launch.nodeFlags,
    ...(profile ? ["--cpu-prof", "--cpu-prof-dir", cpuProfDir] : []),
  ];
  const child = spawn("node", [...flags, "dist/server/main.js"], {
    cwd: dir,
    env: {
      ...process.env,
      ...launch.env,
      PORT: String(port),
      MRTM_DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl, MRTM_WORKERS: "1" } : {}),
      MRTM_MAX_UPLOAD_MB: String(sizeMb + 10),
      MRTM_JOBS: "off",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let banner = "";
  child.stdout.on("data", (chunk) => {
    banner += chunk.toString();
  });
  while (!banner.includes("MRTM escuchando")) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with ${child.exitCode}`);
    }
    await sleep(50);
  }
  return { child, banner: () => banner };
}

async function stopServer(child) {
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
}

/**
 * Seeds the demo in a data folder of `dir`'s own: a first start seeds it (after listening); wait
 * for it and keep the printed password. The server is then stopped: uploads are measured on a
 * restarted server (startMeasured), so the baseline is an idle server's, not the seed's garbage.
 */
async function seedServer(dir, index) {
  const port = freshPort();
  const dataDir = path.join(work, `data-${index}`);
  const base = `http://127.0.0.1:${port}`;
  const databaseUrl = await freshDatabase(index);
  const first = await startServer({ dir, port, dataDir, databaseUrl, profile: false });
  while ((await (await fetch(`${base}/api/health`)).json()).preparingDemo) {
    await sleep(200);
  }
  const password = /enlace\.toluca@mrtm\.test\s+(\S+)/.exec(first.banner())?.[1];
  await stopServer(first.child);
  return { dir, port, dataDir, databaseUrl, base, password };
}

/** Restarts a seeded server and signs in as Toluca's liaison. */
async function startMeasured({ dir, port, dataDir, databaseUrl, base, password }) {
  const { child } = await startServer({
    dir,
    port,
    dataDir,
    databaseUrl,
    profile: cpuProfDir !== null,
  });
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "enlace.toluca@mrtm.test", password }),
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  const { csrfToken } = await login.json();
  const tools = await (
    await fetch(`${base}/api/municipalities/15106/tools`, { headers: { cookie } })
  ).json();
  const targets = tools.filter((t) => t.state === "pending").map((t) => t.id);
  const label = path.relative(process.cwd(), dir) || ".";
  return { dir, label, base, child, cookie, csrfToken, targets };
}

/**
 * A bare Node server that drains each request and answers 201: what the client (curl), loopback
 * and Node's HTTP parsing cost on their own.
 */
function startDrain() {
  const script =
    "require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { s.statusCode = 201; s.end(); }); })" +
    ".listen(Number(process.argv[1]), '127.0.0.1', () => console.log('listening'));";
  return startBare(["-e", script]);
}

/**
 * A bare Node server that gives each request's raw body (multipart and all) to MRTM's staging and
 * fsyncs the file (bench/lib/bare-store.js): receiving, hashing and durably writing the bytes,
 * with nothing else of the server's, on the same cores and disk, with the same client.
 */
function startBareStore() {
  return startBare([path.join(root, "bench/lib/bare-store.js")], [work]);
}

function startBare(args, after = []) {
  const port = freshPort();
  const child = spawn("node", [...args, String(port), ...after], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve) => {
    child.stdout.once("data", () => resolve({ child, url: `http://127.0.0.1:${port}/` }));
  });
}

const seeded = [];
for (const [index, dir] of serverDirs.entries()) {
  seeded.push(await seedServer(dir, index));
}
// All servers restart together, then sit idle for the same while before the first upload: a
// server left idle has had its heap shrunk by V8 (its memory reducer runs after some seconds
// without work), and an upload then costs it more collections than a server just started. So
// each server meets the uploads in the state of a server that waited for one, whatever its
// place in the list; a server started seconds before the other would be measured in another.
const servers = await Promise.all(seeded.map(startMeasured));
await sleep(IDLE_BEFORE_UPLOADS_MS);
const drain = await startDrain();
const bareStore = await startBareStore();

/** One pass over the file: read it and hash it, as the server must at the least. */
async function readAndHash() {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk);
  }
  return hash.digest("hex");
}

/** Runs curl without blocking this process (so a sampler could run), resolving with its output. */
function curlUpload(url, { cookie, csrfToken }) {
  return new Promise((resolve) => {
    const child = spawn("curl", [
      "-sS",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code}",
      "-H",
      `cookie: ${cookie}`,
      "-H",
      `x-csrf-token: ${csrfToken}`,
      "-F",
      `file=@${file};type=application/pdf`,
      url,
    ]);
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk.toString();
    });
    child.on("exit", () => resolve(out));
  });
}

const results = { hash: [], cp: [], cpSync: [], drain: [], bareStore: [], load: [] };
for (const server of servers) {
  server.results = {
    upload: [],
    growth: [],
    baseline: [],
    cpuMain: [],
    cpuOthers: [],
    cpuCurl: [],
  };
}
let peakFrom = "VmHWM (kernel high-water mark)";
const time = async (work) => {
  const start = process.hrtime.bigint();
  const out = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, out };
};
for (let run = 0; run < runs; run++) {
  results.load.push(loadavg());
  const copy = path.join(work, `copia-${run}.pdf`);
  results.hash.push((await time(readAndHash)).ms);
  results.cp.push((await time(async () => spawnSync("cp", [file, copy]))).ms);
  fs.rmSync(copy);
  // The server fsyncs what it stores: compare with a copy that does too.
  results.cpSync.push(
    (await time(async () => spawnSync("sh", ["-c", `cp "$1" "$2" && sync "$2"`, "sh", file, copy])))
      .ms,
  );
  fs.rmSync(copy);
  results.drain.push((await time(() => curlUpload(drain.url, { cookie: "", csrfToken: "" }))).ms);
  results.bareStore.push(
    (await time(() => curlUpload(bareStore.url, { cookie: "", csrfToken: "" }))).ms,
  );

  // Alternate the order between runs too, so neither server always goes first.
  const order = run % 2 === 0 ? servers : [...servers].reverse();
  for (const server of order) {
    const pid = server.child.pid;
    const baseline = status(pid, "VmRSS");
    const exact = resetPeak(pid);
    // Without clear_refs, sample: every 10 ms, which an upload of a second or more cannot slip by.
    let sampled = baseline;
    const sampler = exact
      ? null
      : setInterval(() => {
          sampled = Math.max(sampled, status(pid, "VmRSS"));
        }, 10);
    const target = server.targets[run % server.targets.length];
    const cpuBefore = serverCpu(pid);
    const curlBefore = childrenCpu();
    const { ms, out: code } = await time(() =>
      curlUpload(`${server.base}/api/tool-instances/${target}/evidence`, server),
    );
    if (sampler) {
      clearInterval(sampler);
      peakFrom = "VmRSS sampled every 10 ms";
    }
    if (code !== "201") {
      console.error(`upload to ${server.label} failed: HTTP ${code}`);
      await Promise.all(servers.map((each) => stopServer(each.child)));
      await dropDatabases();
      process.exit(1);
    }
    const peak = exact ? status(pid, "VmHWM") : sampled;
    const cpuAfter = serverCpu(pid);
    server.results.cpuMain.push(cpuAfter.main - cpuBefore.main);
    server.results.cpuOthers.push(cpuAfter.others - cpuBefore.others);
    server.results.cpuCurl.push(childrenCpu() - curlBefore);
    server.results.upload.push(ms);
    server.results.growth.push(peak - baseline);
    server.results.baseline.push(baseline);
  }
}
for (const server of servers) {
  await stopServer(server.child);
}
drain.child.kill("SIGTERM");
bareStore.child.kill("SIGTERM");
fs.rmSync(work, { recursive: true, force: true });
await dropDatabases();

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rate = (ms) => `${((sizeMb / ms) * 1000).toFixed(0)} MB/s`;
const line = (label, xs) =>
  console.log(
    `  ${label.padEnd(44)}${median(xs).toFixed(0).padStart(6)} ms  (${rate(median(xs))}; ${range(xs)} ms)`,
  );
console.log(
  `\n${sizeMb} MB upload through the server on ${values["database-url"] ? "PostgreSQL (one process)" : "PGlite"} (median of ${runs}, min–max; ${os.cpus().length} cores, node ${process.version})`,
);
console.log(`  load average before each run: ${results.load.join(" | ")}`);
line("reference: read + SHA-256, one pass", results.hash);
line("reference: cp of the same file", results.cp);
line("reference: cp + sync", results.cpSync);
line("client: curl → bare Node server draining it", results.drain);
line("bare: curl → Node, staging + fsync only", results.bareStore);
const bareRatio = median(results.hash) / median(results.bareStore);
console.log(
  `      bare ÷ (read + SHA-256) throughput: ${bareRatio.toFixed(2)} (receiving, hashing and keeping the bytes, nothing else)`,
);
for (const server of servers) {
  const { upload, growth, baseline, cpuMain, cpuOthers, cpuCurl } = server.results;
  console.log(`  server ${server.label}:`);
  line("  HTTP upload → stored and recorded", upload);
  console.log(`      runs: ${upload.map((x) => x.toFixed(0)).join(", ")} ms`);
  console.log(
    `      CPU per upload (median, 10 ms ticks): server main thread ${median(cpuMain)} ms, its other threads ${median(cpuOthers)} ms; curl ${median(cpuCurl)} ms`,
  );
  const ratio = median(results.hash) / median(upload);
  console.log(
    `      upload ÷ (read + SHA-256) throughput: ${ratio.toFixed(2)}   goal ≥ 0.6: ${ratio >= 0.6 ? "within" : "UNDER"}`,
  );
  console.log(
    `      server RSS peak growth: ${mb(median(growth))} (runs: ${growth.map(mb).join(", ")}; target ≤ 32 MB; ${peakFrom}; idle RSS of the restarted server before: ${mb(median(baseline))})`,
  );
}
if (cpuProfDir) {
  console.log(`  CPU profiles of the measured servers: ${cpuProfDir}`);
}
