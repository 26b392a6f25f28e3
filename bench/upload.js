#!/usr/bin/env node
// Upload path throughput and memory, beside `cp` of the same file on the same disk measured in
// the same run (these machines are noisy: compare the two, not the absolute figures).
//
//   node bench/upload.js [--size-mb 100] [--runs 3] [--dir <folder on the disk to measure>]
//
// Ours: a 100 MB file streamed through receiveToTempFile (hash + size limit → temp file) and then
// LocalDiskBlobStore.putFile (copy → fsync → rename → fsync of the folder). That writes the bytes
// twice, as the server will.
// References: `cp`, `cp` + `sync FILE`, and reading + hashing in Node without writing (the floor
// for the receiving step). Memory: peak growth of this process's RSS during our path, sampled
// every 5 ms (target ≤ 32 MB), and how much of it is ArrayBuffers not yet garbage-collected.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";

// The TypeScript sources directly (no build step to forget or to find stale).
register();
const { receiveToTempFile } = await import("../src/server/uploads/receive.ts");
const { LocalDiskBlobStore } = await import("../src/server/storage/disk.ts");

const { values } = parseArgs({
  options: {
    "size-mb": { type: "string", default: "100" },
    runs: { type: "string", default: "3" },
    dir: { type: "string", default: os.tmpdir() },
  },
});
const MB = 1024 * 1024;
const size = Number(values["size-mb"]) * MB;
const runs = Number(values.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mbps = (ms) => (size / MB / (ms / 1000)).toFixed(0);

const work = await fs.mkdtemp(path.join(values.dir, "mrtm-bench-upload-"));
try {
  // Incompressible, and every megabyte different.
  const source = path.join(work, "source.bin");
  const out = createWriteStream(source);
  const hash = createHash("sha256");
  const block = randomBytes(MB);
  for (let i = 0; i < size / MB; i++) {
    block.writeUInt32LE(i, 0);
    hash.update(block);
    if (!out.write(block)) {
      await new Promise((resolve) => out.once("drain", resolve));
    }
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  const expected = hash.digest("hex");

  const store = new LocalDiskBlobStore(path.join(work, "blobs"));
  const results = {
    cp: [],
    cpSync: [],
    hashOnly: [],
    receive: [],
    put: [],
    total: [],
    rssGrowth: [],
    bufferGrowth: [],
  };

  for (let run = 0; run < runs; run++) {
    results.cp.push(timeCommand("cp", [source, path.join(work, `cp-${run}.bin`)]));
    const synced = path.join(work, `cp-sync-${run}.bin`);
    results.cpSync.push(timeShell(`cp '${source}' '${synced}' && sync '${synced}'`));

    const baseline = process.memoryUsage.rss();
    const buffersBaseline = process.memoryUsage().arrayBuffers;
    let peak = baseline;
    let buffersPeak = buffersBaseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
      buffersPeak = Math.max(buffersPeak, process.memoryUsage().arrayBuffers);
    }, 5);
    const started = performance.now();
    const received = await receiveToTempFile(createReadStream(source), {
      maxBytes: size,
      tempDir: path.join(work, "uploads"),
    });
    const receivedAt = performance.now();
    const stored = await store.putFile(received.path, {
      sha256: received.sha256,
      size: received.size,
      contentType: "application/pdf",
    });
    const done = performance.now();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    await fs.rm(received.path);
    if (stored.sha256 !== expected || stored.size !== size) {
      throw new Error("stored blob does not match the source");
    }

    results.receive.push(receivedAt - started);
    results.put.push(done - receivedAt);
    results.total.push(done - started);
    results.rssGrowth.push(peak - baseline);
    results.bufferGrowth.push(buffersPeak - buffersBaseline);
    await store.delete(stored.key);
    // After our path, so that its allocations do not pre-grow the RSS our path is measured on.
    results.hashOnly.push(await timeHashOnly(source));
  }

  const row = (label, ms) =>
    console.log(
      `  ${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${mbps(ms).padStart(5)} MB/s`,
    );
  console.log(`\nUpload path, ${size / MB} MB, median of ${runs} run(s), in ${work}`);
  row("cp (reference)", median(results.cp));
  row("cp + sync FILE (reference)", median(results.cpSync));
  row("read + SHA-256 in Node, no write (reference)", median(results.hashOnly));
  row("receiveToTempFile (stream, SHA-256, limit)", median(results.receive));
  row("LocalDiskBlobStore.putFile (copy, fsync)", median(results.put));
  row("both: the whole upload path", median(results.total));
  const worst = (xs) => `${(Math.max(...xs) / MB).toFixed(1)} MB`;
  console.log(
    `  peak RSS growth during the upload path: ${worst(results.rssGrowth)} (worst run; target ≤ 32 MB)`,
  );
  // Read chunks are garbage at once but V8 frees them only on "external memory pressure" (about
  // every 32 MB): that, not anything the code keeps, is what the first run's RSS growth is made
  // of; later runs reuse the memory the allocator already holds.
  console.log(
    `  peak growth of ArrayBuffers (read chunks awaiting GC): ${worst(results.bufferGrowth)}`,
  );
  console.log(
    `  RSS growth per run: ${results.rssGrowth.map((b) => (b / MB).toFixed(1)).join(", ")} MB`,
  );
} finally {
  await fs.rm(work, { recursive: true, force: true });
}

async function timeHashOnly(file) {
  const started = performance.now();
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk);
  }
  hash.digest();
  return performance.now() - started;
}

function timeCommand(command, args) {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(`${command} failed`);
  }
  return performance.now() - started;
}

function timeShell(script) {
  return timeCommand("sh", ["-c", script]);
}
