// Pieces the HTTP benchmarks share: a node process started and waited for, one raw GET, the
// bytes of a response saved for `bytes-server.js`, percentiles.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Ports fetch() refuses to connect to ("bad port") within the ranges the benches pick from, and
 * PostgreSQL's, which every machine here listens on.
 */
const FETCH_BLOCKED_PORTS = new Set([4190, 5060, 5061, 5432]);

/**
 * The TCP ports something listens on now, from Linux's /proc/net/tcp and tcp6 (state 0A); empty
 * where they cannot be read. The machines' own services sit inside the benches' ranges (NATS on
 * 4222, RabbitMQ's epmd on 4369): a server started on one of them fails with EADDRINUSE.
 */
function listeningPorts() {
  const ports = new Set();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let table;
    try {
      table = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of table.split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === "0A" && local) {
        ports.add(Number.parseInt(local.slice(local.lastIndexOf(":") + 1), 16));
      }
    }
  }
  return ports;
}

/** The ports this process has handed out: each server a bench starts gets one of its own. */
const handedOut = new Set();

/**
 * A random port in [from, from + span) that nothing listens on, fetch() does not refuse and this
 * process has not handed out before; two processes rarely draw the same one.
 */
export function randomPort(from = 4600, span = 900) {
  const listening = listeningPorts();
  for (;;) {
    const port = from + Math.floor(Math.random() * span);
    if (!FETCH_BLOCKED_PORTS.has(port) && !listening.has(port) && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}
/**
 * How `npm start` launches the server (package.json's start script): node's own flags (e.g. the
 * young generation's size, decision 0038) and the environment set ahead of node (`NAME=value`
 * words, e.g. glibc's malloc setting, decision 0042, read by the C library as the process
 * starts). A bench launches the server the same way, to measure it as it runs in production.
 */
export function serverLaunch(root) {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const words = scripts.start.split(/\s+/);
  const env = {};
  for (const word of words) {
    const assignment = /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(word);
    if (!assignment) {
      break;
    }
    env[assignment[1]] = assignment[2];
  }
  return { nodeFlags: words.filter((word) => word.startsWith("--")), env };
}

export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** The p-th percentile (nearest rank) of a list of numbers. */
export const percentile = (xs, p) => {
  const list = [...xs].sort((a, b) => a - b);
  return list[Math.min(list.length - 1, Math.ceil((p / 100) * list.length) - 1)] ?? Number.NaN;
};

/**
 * A node process (`args` after node's own `nodeFlags`), ready once `ready` appears on its output.
 * Its output until then is returned (the demo passwords, the address). Its output goes to a file
 * of its own, not through a pipe to this process: at LOG_LEVEL=info the server writes a line per
 * request, and reading them here took the load generator's time, in the same process, from the
 * requests it measures (as a log collector would be another process in production).
 */
export async function startProcess(args, { cwd, env = {}, ready, nodeFlags = [] }) {
  const logFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-bench-log-")),
    "output.log",
  );
  const fd = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, [...nodeFlags, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", fd, fd],
  });
  fs.closeSync(fd);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const started = Date.now();
  let output = "";
  while (!output.includes(ready)) {
    if (child.exitCode !== null || Date.now() - started > 180_000) {
      child.kill("SIGTERM");
      throw new Error(
        `${args[0]} did not start: ${fs.readFileSync(logFile, "utf8").slice(0, 200_000)}`,
      );
    }
    await sleep(50);
    output = readStart(logFile);
  }
  return {
    pid: child.pid,
    output,
    /** Waits until one of `texts` appears in what the process printed (its first 200 KB). */
    async waitFor(texts, timeoutMs = 180_000) {
      const since = Date.now();
      for (;;) {
        const printed = readStart(logFile);
        const found = texts.find((text) => printed.includes(text));
        if (found !== undefined) {
          return found;
        }
        if (child.exitCode !== null || Date.now() - since > timeoutMs) {
          throw new Error(`${args[0]} never printed any of: ${texts.join(", ")}`);
        }
        await sleep(100);
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
    },
  };
}

/** The first 200 KB of a file: what a process printed while starting. */
function readStart(file) {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(200_000);
    const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length).toString();
  } finally {
    fs.closeSync(fd);
  }
}

/** One raw GET: status, headers and the bytes as sent (not decompressed). */
export function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on("error", reject);
  });
}

/**
 * Saves a response's bytes as `name` in `dir`, with the content type and encoding it was sent
 * with beside it, for `bytes-server.js` to send the very same bytes.
 */
export function saveBytes(dir, name, response) {
  fs.writeFileSync(path.join(dir, name), response.body);
  fs.writeFileSync(
    path.join(dir, `${name}.headers.json`),
    JSON.stringify({
      "content-type": response.headers["content-type"] ?? "application/octet-stream",
      ...(response.headers["content-encoding"]
        ? { "content-encoding": response.headers["content-encoding"] }
        : {}),
    }),
  );
  // Every header it was sent with, for a reference dressed as the server (`DRESSED=1`).
  const dressed = Object.fromEntries(
    Object.entries(response.headers).filter(([header]) => !HOP_HEADERS.has(header)),
  );
  fs.writeFileSync(path.join(dir, `${name}.all-headers.json`), JSON.stringify(dressed));
}

/** What the HTTP layer writes for any server: not part of a response's own headers. */
const HOP_HEADERS = new Set([
  "connection",
  "keep-alive",
  "date",
  "content-length",
  "transfer-encoding",
  "set-cookie",
]);
