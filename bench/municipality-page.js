#!/usr/bin/env node
// «Mi municipio» (the liaison's landing page, Toluca on the demo data): which API reads the page
// makes and how fast they are, and how long the page takes to become usable in Chromium.
//
//   node bench/municipality-page.js [--duration 5] [--connections 20] [--rounds 2] [--runs 7]
//                                   [--server-dir DIR] [--no-build] [--no-browser]
//
// The built server (`dist/` of this checkout, or of --server-dir to measure another version) on a
// fresh embedded database with the demo seed, at LOG_LEVEL=info as in production, signed in as
// the demo liaison (enlace.toluca@mrtm.test).
// 1. The page in Chromium (1366×768, a new context per run, so a cold HTTP cache): the API requests
//    it makes (listed once), and `--runs` times the time from navigation until «Qué hacer ahora»
//    and the tool list are visible ("usable"), median and spread.
// 2. Each of the page's municipality reads under autocannon (`--connections`, `--duration` s),
//    `--rounds` times, alternating with bare Fastify sending the very same bytes
//    (`lib/bytes-server.js`): requests/s and p95 of each, the ratio MRTM ÷ reference and the load
//    average during the runs (the machine is shared: read the ratio, not the absolute figures).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { chromium } from "playwright-core";
import {
  mean,
  percentile,
  randomPort,
  rawGet,
  saveBytes,
  serverLaunch,
  sleep,
  startProcess,
} from "./lib/http-bench.js";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "20" },
    rounds: { type: "string", default: "2" },
    runs: { type: "string", default: "7" },
    "server-dir": { type: "string" },
    "no-build": { type: "boolean", default: false },
    "no-browser": { type: "boolean", default: false },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const runs = Number(values.runs);
const root = path.resolve(import.meta.dirname, "..");
const serverDir = path.resolve(values["server-dir"] ?? root);
const CVEGEO = "15106";
const LIAISON = "enlace.toluca@mrtm.test";
const loadavg = () => fs.readFileSync("/proc/loadavg", "utf8").trim();

/** One autocannon run: requests/s, p95 of every response's own time, errors, mean load. */
async function load(url, headers) {
  const latencies = [];
  let bad = 0;
  const loads = [];
  const sampler = setInterval(() => loads.push(os.loadavg()[0]), 1000);
  const instance = autocannon({ url, connections, duration, headers });
  instance.on("response", (_client, status, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (status !== 200) {
      bad++;
    }
  });
  const result = await instance;
  clearInterval(sampler);
  return {
    rps: result.requests.average,
    p95: percentile(latencies, 95),
    errors: bad + result.errors + result.timeouts,
    load: loads.length ? mean(loads) : os.loadavg()[0],
  };
}

const fmt = (run) =>
  `${run.rps.toFixed(0).padStart(6)} req/s p95 ${run.p95.toFixed(0).padStart(4)} ms`;

if (!values["no-build"] && serverDir === root) {
  const built = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) {
    process.exit(built.status ?? 1);
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-municipality-page-"));
const mrtmPort = randomPort();
const { DATABASE_URL: _ignored, ...inherited } = process.env;
process.env = inherited;
const launch = serverLaunch(serverDir);
const server = await startProcess(["dist/server/main.js"], {
  cwd: serverDir,
  nodeFlags: launch.nodeFlags,
  env: {
    ...launch.env,
    PORT: String(mrtmPort),
    HOST: "127.0.0.1",
    MRTM_DATA_DIR: path.join(work, "data"),
    MRTM_SEED_DEMO: "true",
    MRTM_JOBS: "off",
    MRTM_LOGIN_MAX_PER_ADDRESS: "100000",
    LOG_LEVEL: "info",
  },
  ready: "MRTM escuchando",
});
const base = `http://127.0.0.1:${mrtmPort}`;
const password = new RegExp(`${LIAISON.replaceAll(".", "\\.")}\\s+(\\S+)`).exec(server.output)?.[1];
let reference;
const bytesDir = path.join(work, "bytes");
fs.mkdirSync(bytesDir);
try {
  while ((await (await fetch(`${base}/api/health`)).json()).preparingDemo) {
    await sleep(500);
  }
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: LIAISON, password }),
  });
  if (login.status !== 200) {
    throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  }
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  console.log(
    `«Mi municipio» (${CVEGEO}, demo data, embedded database); server ${path.relative(process.cwd(), serverDir) || "."}; ${os.cpus().length} cores, node ${process.version}; /proc/loadavg ${loadavg()}`,
  );

  if (!values["no-browser"]) {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    const [name, value] = cookie.split("=");
    const times = [];
    try {
      for (let run = 0; run <= runs; run++) {
        const context = await browser.newContext({
          locale: "es-MX",
          viewport: { width: 1366, height: 768 },
        });
        await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/" }]);
        const page = await context.newPage();
        const requests = [];
        page.on("request", (request) => {
          const url = new URL(request.url());
          if (url.pathname.startsWith("/api/")) {
            requests.push({ path: `${url.pathname}${url.search}`, at: performance.now() });
          }
        });
        const started = performance.now();
        await page.goto(`${base}/municipios/${CVEGEO}`);
        await page
          .locator('[data-testid="work-summary"]')
          .waitFor({ state: "visible", timeout: 60_000 });
        await page
          .locator('[aria-labelledby="herramientas-titulo"] table')
          .first()
          .waitFor({ state: "visible", timeout: 60_000 });
        const usable = performance.now() - started;
        if (run === 0) {
          // The first run warms the server's caches and the browser: only its requests are kept.
          console.log("\nAPI requests of the page (ms after navigation):");
          await page.waitForLoadState("networkidle").catch(() => {});
          for (const request of requests) {
            console.log(`  +${(request.at - started).toFixed(0).padStart(5)}  ${request.path}`);
          }
        } else {
          times.push(usable);
        }
        await context.close();
      }
    } finally {
      await browser.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `\nUsable (navigation → «Qué hacer ahora» and the tool list visible), ${times.length} runs: median ${percentile(sorted, 50).toFixed(0)} ms, min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)} (${sorted.map((t) => t.toFixed(0)).join(", ")}); /proc/loadavg ${loadavg()}`,
    );
  }

  const reads = [
    ["sesión", "/api/auth/session"],
    ["tablero del municipio", `/api/municipalities/${CVEGEO}/dashboard`],
    ["herramientas", `/api/municipalities/${CVEGEO}/tools`],
    ["diagnóstico", `/api/municipalities/${CVEGEO}/diagnostic`],
    ["acuerdos abiertos", `/api/commitments?municipality=${CVEGEO}&status=open&pageSize=3`],
  ];
  const files = [];
  for (const [index, [, url]] of reads.entries()) {
    const headers = { "accept-encoding": "gzip", cookie };
    const sample = await rawGet(`${base}${url}`, headers);
    const file = `read-${index}`;
    saveBytes(bytesDir, file, sample);
    files.push({ name: file, headers, status: sample.status, size: sample.body.length });
  }
  const referencePort = randomPort();
  reference = await startProcess(["bench/lib/bytes-server.js"], {
    cwd: root,
    env: { BYTES_DIR: bytesDir, PORT: String(referencePort) },
    ready: "listening",
  });
  console.log(
    `\nReads under load: ${connections} connections × ${duration} s, ${rounds} round(s), each alternating with bare Fastify sending the same bytes:`,
  );
  for (const [index, [label, url]] of reads.entries()) {
    const file = files[index];
    const mine = [];
    const theirs = [];
    for (let round = 0; round < rounds; round++) {
      mine.push(await load(`${base}${url}`, file.headers));
      await rawGet(`${base}/api/health`, {});
      theirs.push(
        await load(`http://127.0.0.1:${referencePort}/${file.name}`, { "accept-encoding": "gzip" }),
      );
    }
    const row = {
      mrtm: { rps: mean(mine.map((r) => r.rps)), p95: Math.max(...mine.map((r) => r.p95)) },
      reference: {
        rps: mean(theirs.map((r) => r.rps)),
        p95: Math.max(...theirs.map((r) => r.p95)),
      },
      errors: mine.reduce((sum, r) => sum + r.errors, 0),
      load: mean([...mine, ...theirs].map((r) => r.load)),
    };
    console.log(
      `  ${label.padEnd(22)} ${String(file.size).padStart(6)} B  MRTM ${fmt(row.mrtm)} | ref ${fmt(row.reference)} | ratio ${(row.mrtm.rps / row.reference.rps).toFixed(2)} | load ${row.load.toFixed(1)}${row.errors ? ` | ${row.errors} non-200 (first: ${file.status})` : ""}`,
    );
  }
  console.log(`/proc/loadavg ${loadavg()}`);
} finally {
  await reference?.stop();
  await server.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
