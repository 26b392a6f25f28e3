#!/usr/bin/env node
// The public home as a citizen's browser gets it: the JavaScript it loads (gzipped, target
// ≤ 150 KB) and its Largest Contentful Paint in Chromium with the CPU slowed 4× (target ≤ 1 s on
// localhost), beside a reference measured in the same run: a static page with the very same
// rendered content and styles, served by the same server, with no JavaScript at all; the visits
// to the two alternate.
//
//   node bench/public-home.js [--runs 5] [--no-build] [--synthetic [--municipalities 2500]]
//                             [--server-dir DIR] [--details]
//
// --server-dir DIR also runs another checkout's build (DIR/dist/server/main.js, e.g. main's,
// before a change) on its own fresh database, and its home's visits alternate with this build's
// and the reference's (other, this, reference, other, this…). --details prints each visit: first
// paint, first contentful paint, every LCP candidate (time, size, element) and the console's
// errors and warnings (a hydration mismatch among them: src/web/main.tsx logs «[hidratación]»).
//
// The server is the built one (dist/server/main.js) on a fresh embedded database (the demo seed:
// Toluca takes part), or with --synthetic on PostgreSQL with the national-scale data of
// bench/synthetic.js (2,500 municipalities × 5 cycles by default), or on DATABASE_URL when set.
// Chromium: /usr/bin/chromium or CHROMIUM_PATH.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { serverLaunch } from "./lib/http-bench.js";

const root = path.resolve(import.meta.dirname, "..");
const webDir = path.join(root, "dist/web");
// Not strict: `npm run bench` passes the same arguments to every benchmark.
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    "no-build": { type: "boolean" },
    synthetic: { type: "boolean" },
    municipalities: { type: "string", default: "2500" },
    "server-dir": { type: "string" },
    details: { type: "boolean" },
  },
  strict: false,
});
const runs = Number(values.runs);
const CPU_SLOWDOWN = 4;
const JS_BUDGET = 150 * 1024;
const LCP_BUDGET = 1000;
// The home's LCP against the same page without JavaScript (issue 18).
const LCP_RATIO_GOAL = 1.1;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (!values["no-build"]) {
  // NODE_ENV=production whatever the caller's: anything else bundles React's development build.
  const build = spawnSync("npm", ["run", "--silent", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) {
    process.exit(1);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

let databaseUrl = process.env.DATABASE_URL;
let dataset = databaseUrl ? "PostgreSQL at DATABASE_URL" : "embedded database, demo seed";
if (values.synthetic) {
  const { ensureSyntheticData } = await import("./synthetic.js");
  const data = await ensureSyntheticData({
    municipalities: Number(values.municipalities),
    build: false,
  });
  databaseUrl = data.databaseUrl;
  dataset = `PostgreSQL, synthetic: ${values.municipalities} municipalities × 5 cycles`;
}

/**
 * A built server on a free port (this checkout's, or the one in `dir`); a fresh embedded database
 * unless a PostgreSQL URL is given.
 */
async function startServer(dir = root) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-bench-home-"));
  const launch = serverLaunch(dir);
  const child = spawn("node", [...launch.nodeFlags, "dist/server/main.js"], {
    cwd: dir,
    env: {
      ...process.env,
      ...launch.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      MRTM_DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      MRTM_JOBS: "off",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk.toString();
  });
  const started = Date.now();
  while (!output.includes("MRTM escuchando")) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with ${child.exitCode}`);
    }
    if (Date.now() - started > 180_000) {
      child.kill("SIGTERM");
      throw new Error("the server did not start in 180 s");
    }
    await sleep(50);
  }
  return {
    base: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Records every largest-contentful-paint candidate from the start of the page's life, and the
// first paints. Added through the DevTools protocol, so the Content-Security-Policy does not
// apply to it.
const OBSERVE_LCP = `
  window.__lcp = [];
  window.__paints = {};
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__paints[entry.name] = entry.startTime;
    }
  }).observe({ type: "paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const el = entry.element;
      window.__lcp.push({
        time: entry.renderTime || entry.loadTime || entry.startTime,
        size: entry.size,
        element: el ? el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "") + ": " + (el.textContent || "").trim().slice(0, 50) : "",
      });
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
`;

/**
 * One cold visit (new profile: nothing cached) with the CPU slowed down: the JavaScript the page
 * loaded and its last LCP candidate once the page has settled.
 */
async function visit(browser, url) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "es-MX",
    timezoneId: "America/Mexico_City",
  });
  const page = await context.newPage();
  const messages = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      messages.push(`${message.type()}: ${message.text().slice(0, 200)}`);
    }
  });
  await page.addInitScript(OBSERVE_LCP);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  const scripts = new Map();
  cdp.on("Network.responseReceived", ({ requestId, response, type }) => {
    if (type === "Script") {
      scripts.set(requestId, {
        url: response.url,
        encoding:
          response.headers["content-encoding"] ??
          response.headers["Content-Encoding"] ??
          "identity",
        transferred: 0,
      });
    }
  });
  cdp.on("Network.dataReceived", ({ requestId, encodedDataLength }) => {
    const script = scripts.get(requestId);
    if (script) {
      script.transferred += encodedDataLength;
    }
  });
  await page.goto(url, { waitUntil: "networkidle" });
  // Let late candidates (the ranking, the map) paint before reading the last one.
  await page.waitForTimeout(1500);
  const candidates = await page.evaluate(() => window.__lcp);
  const paints = await page.evaluate(() => window.__paints);
  const body = await page.evaluate(() => document.body.innerHTML);
  await context.close();
  return {
    scripts: [...scripts.values()],
    lcp: candidates.at(-1) ?? null,
    candidates,
    firstPaint: paints["first-paint"],
    fcp: paints["first-contentful-paint"],
    console: messages,
    body,
  };
}

/** The bytes of a built file, raw and as the gzip copy the server sends to gzip-only clients. */
function sizes(url, dir = webDir) {
  const file = path.join(dir, new URL(url).pathname);
  const raw = fs.readFileSync(file);
  const gz = fs.existsSync(`${file}.gz`) ? fs.readFileSync(`${file}.gz`) : zlib.gzipSync(raw);
  return { raw: raw.length, gzip: gz.length };
}

const server = await startServer();
const other = values["server-dir"] ? await startServer(path.resolve(values["server-dir"])) : null;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const referenceFile = path.join(webDir, "bench-public-home-reference.html");
try {
  // Warm the server's caches (progress, serialized summary) so the figures are the page's own.
  for (const { base } of other ? [server, other] : [server]) {
    await fetch(`${base}/api/public/summary`);
    await fetch(`${base}/api/public/map`);
  }

  // One visit first, whose rendered page becomes the reference: the home's DOM and styles as a
  // static page, without any script.
  const first = await visit(browser, `${server.base}/`);
  const stylesheets = [
    ...fs
      .readFileSync(path.join(webDir, "index.html"), "utf8")
      .matchAll(/<link rel="stylesheet"[^>]*>/g),
  ].map((m) => m[0]);
  fs.writeFileSync(
    referenceFile,
    `<!doctype html><html lang="es-MX"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Referencia</title>${stylesheets.join("")}</head><body>${first.body.replace(/<script[\s\S]*?<\/script>/g, "")}</body></html>`,
  );
  // Then the visits alternate, home and reference, so a machine that gets busier or quieter
  // during the run weighs on both alike.
  const app = [];
  const otherApp = [];
  const reference = [];
  const loads = [];
  const details = (label, run) => {
    if (values.details) {
      const times = run.candidates.map((c) => `${Math.round(c.time)} ms ${c.element}`).join(" | ");
      console.log(
        `  ${label.padEnd(10)} first paint ${Math.round(run.firstPaint)} ms, FCP ${Math.round(run.fcp)} ms, LCP candidates: ${times}${run.console.length ? `\n             console: ${run.console.join(" / ")}` : ""}`,
      );
    }
  };
  for (let i = 0; i < runs; i++) {
    loads.push(Number(fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0]));
    if (other) {
      otherApp.push(await visit(browser, `${other.base}/`));
      details("other", otherApp.at(-1));
    }
    app.push(await visit(browser, `${server.base}/`));
    details("home", app.at(-1));
    reference.push(await visit(browser, `${server.base}/${path.basename(referenceFile)}`));
    details("reference", reference.at(-1));
  }
  const last = app.at(-1);

  const js = last.scripts.map((script) => ({ ...script, ...sizes(script.url) }));
  const gzipTotal = js.reduce((sum, s) => sum + s.gzip, 0);
  const lcps = app.map((run) => run.lcp?.time ?? Number.NaN);
  const referenceLcps = reference.map((run) => run.lcp?.time ?? Number.NaN);
  const ms = (x) => `${Math.round(x)} ms`;

  console.log(
    `\nPublic home (${server.base}/, ${dataset}; ${runs} cold visits; Chromium, 390×844, CPU ${CPU_SLOWDOWN}× slower; machine: ${os.cpus().length} cores)`,
  );
  console.log("JavaScript the home loads");
  for (const script of js) {
    console.log(
      `  ${new URL(script.url).pathname.padEnd(40)} raw ${kb(script.raw).padStart(9)}   gzip ${kb(script.gzip).padStart(8)}   transferred ${kb(script.transferred).padStart(8)} (${script.encoding})`,
    );
  }
  console.log(
    `  total: ${js.length} files, raw ${kb(js.reduce((s, x) => s + x.raw, 0))}, gzip ${kb(gzipTotal)}, transferred ${kb(js.reduce((s, x) => s + x.transferred, 0))}   budget ${kb(JS_BUDGET)} gzipped: ${gzipTotal <= JS_BUDGET ? "within" : "OVER"}`,
  );
  console.log("  reference (static page, same content): 0 files, 0 KB");
  console.log(`Largest Contentful Paint (CPU ${CPU_SLOWDOWN}× slower)`);
  console.log(
    `  home:      median ${ms(median(lcps))}   (runs: ${lcps.map(ms).join(", ")})   budget ${LCP_BUDGET} ms: ${median(lcps) <= LCP_BUDGET ? "within" : "OVER"}`,
  );
  console.log(`             element: ${last.lcp?.element ?? "—"}`);
  console.log(
    `  reference: median ${ms(median(referenceLcps))}   (runs: ${referenceLcps.map(ms).join(", ")})`,
  );
  console.log(`             element: ${reference.at(-1)?.lcp?.element ?? "—"}`);
  const ratio = median(lcps) / median(referenceLcps);
  console.log(
    `  home ÷ reference: ${ratio.toFixed(2)}   goal ≤ ${LCP_RATIO_GOAL}: ${ratio <= LCP_RATIO_GOAL ? "within" : "OVER"}`,
  );
  if (other) {
    const otherLcps = otherApp.map((run) => run.lcp?.time ?? Number.NaN);
    const otherGzip = otherApp
      .at(-1)
      .scripts.map((script) => script.url)
      .reduce(
        (sum, url) => sum + sizes(url, path.resolve(values["server-dir"], "dist/web")).gzip,
        0,
      );
    console.log(
      `  ${values["server-dir"]} (JavaScript: ${otherApp.at(-1).scripts.length} files, gzip ${kb(otherGzip)}):`,
    );
    console.log(
      `             median ${ms(median(otherLcps))}   (runs: ${otherLcps.map(ms).join(", ")})`,
    );
    console.log(`             element: ${otherApp.at(-1)?.lcp?.element ?? "—"}`);
    console.log(
      `             ÷ reference: ${(median(otherLcps) / median(referenceLcps)).toFixed(2)}`,
    );
  }
  const firstPaints = (visits) => ms(median(visits.map((run) => run.fcp ?? Number.NaN)));
  console.log(
    `First contentful paint, median: home ${firstPaints(app)}, reference ${firstPaints(reference)}${other ? `, ${values["server-dir"]} ${firstPaints(otherApp)}` : ""}`,
  );
  const errors = [...app, ...otherApp].flatMap((run) => run.console);
  console.log(
    `Console errors and warnings during the visits: ${errors.length ? errors.join(" / ") : "none"}`,
  );
  console.log(
    `Load average (1 min) at each run's start: ${loads.join(", ")}; at the end: ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`,
  );
} finally {
  fs.rmSync(referenceFile, { force: true });
  await browser.close();
  await server.stop();
  await other?.stop();
}
