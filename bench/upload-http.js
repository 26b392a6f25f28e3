#!/usr/bin/env node
// A real 100 MB upload through the running server (HTTP multipart → blob store, hashed and checked
// on the way → row), beside references measured in the same run: one-pass read + SHA-256 of the
// same file (goal: the upload at ≥ 0.6 × its throughput), and `cp` (with and without sync) on the
// same disk. Also the server's resident memory: its peak growth during each upload (the kernel's
// high-water mark, VmHWM, reset before each upload; target ≤ 32 MB), measured on a server
// restarted after the first start, so the baseline is an idle server's, not the demo seed's heap.
//
//   node bench/upload-http.js [--size-mb 100] [--runs 3]
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    "size-mb": { type: "string", default: "100" },
    runs: { type: "string", default: "3" },
  },
});
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

if (
  spawnSync("npm", ["run", "--silent", "build:server"], { cwd: root, stdio: "inherit" }).status !==
  0
) {
  process.exit(1);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-bench-http-"));
const dataDir = path.join(work, "data");
const port = 4100 + Math.floor(Math.random() * 500);

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

/** The built server on the bench's data folder; resolves with what it printed once it listens. */
async function startServer() {
  const child = spawn("node", ["dist/server/main.js"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      MRTM_DATA_DIR: dataDir,
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

const base = `http://127.0.0.1:${port}`;
// The first start seeds the demo (after listening); wait for it, keep the printed password, and
// restart: an upload's memory is measured against an idle server, not the seed's garbage.
const first = await startServer();
while ((await (await fetch(`${base}/api/health`)).json()).preparingDemo) {
  await sleep(200);
}
const password = /enlace\.toluca@mrtm\.test\s+(\S+)/.exec(first.banner())?.[1];
await stopServer(first.child);
const { child: server } = await startServer();
await sleep(2000);
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

/** One pass over the file: read it and hash it, as the server must at the least. */
async function readAndHash() {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk);
  }
  return hash.digest("hex");
}

/** Runs curl without blocking this process (so a sampler could run), resolving with its output. */
function curlUpload(url) {
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

const results = { hash: [], cp: [], cpSync: [], upload: [], growth: [], baseline: [] };
let peakFrom = "VmHWM (kernel high-water mark)";
for (let run = 0; run < runs; run++) {
  const copy = path.join(work, `copia-${run}.pdf`);
  let start = process.hrtime.bigint();
  await readAndHash();
  results.hash.push(Number(process.hrtime.bigint() - start) / 1e6);
  start = process.hrtime.bigint();
  spawnSync("cp", [file, copy]);
  results.cp.push(Number(process.hrtime.bigint() - start) / 1e6);
  fs.rmSync(copy);
  // The server fsyncs what it stores: compare with a copy that does too.
  start = process.hrtime.bigint();
  spawnSync("sh", ["-c", `cp "$1" "$2" && sync "$2"`, "sh", file, copy]);
  results.cpSync.push(Number(process.hrtime.bigint() - start) / 1e6);
  fs.rmSync(copy);

  const baseline = status(server.pid, "VmRSS");
  const exact = resetPeak(server.pid);
  // Without clear_refs, sample: every 10 ms, which an upload of a second or more cannot slip by.
  let sampled = baseline;
  const sampler = exact
    ? null
    : setInterval(() => {
        sampled = Math.max(sampled, status(server.pid, "VmRSS"));
      }, 10);
  start = process.hrtime.bigint();
  const code = await curlUpload(`${base}/api/tool-instances/${targets[run]}/evidence`);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (sampler) {
    clearInterval(sampler);
    peakFrom = "VmRSS sampled every 10 ms";
  }
  if (code !== "201") {
    console.error(`upload failed: HTTP ${code}`);
    process.exit(1);
  }
  const peak = exact ? status(server.pid, "VmHWM") : sampled;
  results.upload.push(ms);
  results.growth.push(peak - baseline);
  results.baseline.push(baseline);
}
await stopServer(server);
fs.rmSync(work, { recursive: true, force: true });

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rate = (ms) => `${((sizeMb / ms) * 1000).toFixed(0)} MB/s`;
const line = (label, ms) =>
  console.log(`  ${label.padEnd(36)}${ms.toFixed(0).padStart(6)} ms  (${rate(ms)})`);
console.log(
  `\n${sizeMb} MB upload through the server (median of ${runs}; ${os.cpus().length} cores)`,
);
line("reference: read + SHA-256, one pass", median(results.hash));
line("reference: cp of the same file", median(results.cp));
line("reference: cp + sync", median(results.cpSync));
line("HTTP upload → stored and recorded", median(results.upload));
console.log(`  runs: ${results.upload.map((x) => x.toFixed(0)).join(", ")} ms`);
const ratio = median(results.hash) / median(results.upload);
console.log(
  `  upload ÷ (read + SHA-256) throughput: ${ratio.toFixed(2)}   goal ≥ 0.6: ${ratio >= 0.6 ? "within" : "UNDER"}`,
);
console.log(
  `  server RSS peak growth: ${mb(median(results.growth))} (runs: ${results.growth.map(mb).join(", ")}; target ≤ 32 MB; ${peakFrom}; idle RSS of the restarted server before: ${mb(median(results.baseline))})`,
);
