#!/usr/bin/env node
// A real 100 MB upload through the running server (HTTP multipart → staging → blob store → row),
// beside `cp` of the same file on the same disk, measured in the same run. Also samples the
// server process's resident memory every 20 ms during the upload: its peak growth is the figure
// that matters (target ≤ 32 MB), since an upload must never be held whole in memory.
//
//   node bench/upload-http.js [--size-mb 100] [--runs 3]
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
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
const rss = (pid) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;

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

const server = spawn("node", ["dist/server/main.js"], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    MRTM_DATA_DIR: dataDir,
    MRTM_MAX_UPLOAD_MB: String(sizeMb + 10),
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
let banner = "";
server.stdout.on("data", (chunk) => {
  banner += chunk.toString();
});
const base = `http://127.0.0.1:${port}`;
while (!banner.includes("MRTM escuchando")) {
  await sleep(50);
}
const password = /enlace\.toluca@mrtm\.test\s+(\S+)/.exec(banner)?.[1];
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

const results = { cp: [], cpSync: [], upload: [], growth: [], baseline: [] };
for (let run = 0; run < runs; run++) {
  const copy = path.join(work, `copia-${run}.pdf`);
  let start = process.hrtime.bigint();
  spawnSync("cp", [file, copy]);
  results.cp.push(Number(process.hrtime.bigint() - start) / 1e6);
  fs.rmSync(copy);
  // The server fsyncs what it stores: compare with a copy that does too.
  start = process.hrtime.bigint();
  spawnSync("sh", ["-c", `cp "$1" "$2" && sync "$2"`, "sh", file, copy]);
  results.cpSync.push(Number(process.hrtime.bigint() - start) / 1e6);
  fs.rmSync(copy);

  const baseline = rss(server.pid);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss(server.pid));
  }, 20);
  start = process.hrtime.bigint();
  const curl = spawnSync("curl", [
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
    `${base}/api/tool-instances/${targets[run]}/evidence`,
  ]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  clearInterval(sampler);
  if (curl.stdout.toString() !== "201") {
    console.error(`upload failed: HTTP ${curl.stdout} ${curl.stderr}`);
    process.exit(1);
  }
  results.upload.push(ms);
  results.growth.push(peak - baseline);
  results.baseline.push(baseline);
}
server.kill("SIGTERM");
await new Promise((resolve) => server.once("exit", resolve));
fs.rmSync(work, { recursive: true, force: true });

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rate = (ms) => `${((sizeMb / ms) * 1000).toFixed(0)} MB/s`;
const line = (label, ms) =>
  console.log(`  ${label.padEnd(36)}${ms.toFixed(0).padStart(6)} ms  (${rate(ms)})`);
console.log(
  `\n${sizeMb} MB upload through the server (median of ${runs}; ${os.cpus().length} cores)`,
);
line("reference: cp of the same file", median(results.cp));
line("reference: cp + sync", median(results.cpSync));
line("HTTP upload → stored and recorded", median(results.upload));
console.log(`  runs: ${results.upload.map((x) => x.toFixed(0)).join(", ")} ms`);
console.log(
  `  server RSS peak growth: ${mb(median(results.growth))} (runs: ${results.growth.map(mb).join(", ")}; target ≤ 32 MB; idle RSS before: ${mb(median(results.baseline))})`,
);
