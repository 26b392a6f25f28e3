// One contract, two stores: the local disk, and S3 through a real S3 server (s3rver, an npm
// devDependency) started here on 127.0.0.1. In CI the S3 half must run; elsewhere a missing
// server skips it with a warning.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import v8 from "node:v8";
import vm from "node:vm";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlobNotFoundError, type BlobStore, InvalidBlobKeyError } from "./blob-store.js";
import { LocalDiskBlobStore } from "./disk.js";
import { isBlobKey, sha256OfKey } from "./keys.js";
import { S3BlobStore } from "./s3.js";

const MB = 1024 * 1024;

interface Opened {
  store: BlobStore;
  /** Live memory one transfer may use: the disk needs a few chunks, S3 a few multipart parts. */
  memoryBudget: number;
  close(): Promise<void>;
}

let scratch: string;

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), "mrtm-blobs-src-"));
});

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** A source file on disk with its hash, as receiveToTempFile would hand it over. */
async function sourceFile(data: Buffer) {
  const file = path.join(scratch, `${randomBytes(8).toString("hex")}.bin`);
  await fs.writeFile(file, data);
  return { file, data, sha256: sha256(data), size: data.length };
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

async function readAll(stream: NodeJS.ReadableStream | Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

async function listAll(store: BlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.list()) {
    keys.push(key);
  }
  return keys.sort();
}

// A forced full GC before each sample makes the figure live memory, not garbage awaiting a
// collection (which for 30 MB of 64 KiB chunks can itself reach 30 MB). The flag is safe to set
// at run time; `gc` is then fetched from a fresh context.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/**
 * Peak growth of live memory (JS heap + buffers) while `work` runs. Each sample is a full GC,
 * which blocks the work while it runs: the next sample waits four times as long as the last one
 * took (10 ms at least), so sampling takes at most a fifth of the time, however slow a busy
 * machine makes each GC. (Sampling every 10 ms regardless left the work almost no time on a
 * busy machine: minutes for 30 MB.) A store that buffered the file would hold it until the end,
 * so fewer samples still see it.
 */
async function peakLiveGrowth(work: () => Promise<void>): Promise<number> {
  const live = () => {
    // V8 frees the memory of dead buffers in the background after a GC; the second GC waits for
    // the first one's to finish, so the figure counts live buffers only, whatever the pace.
    gc();
    gc();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const start = live();
  let peak = start;
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const sample = () => {
    const began = performance.now();
    peak = Math.max(peak, live());
    if (!done) {
      timer = setTimeout(sample, Math.max(10, 4 * (performance.now() - began)));
    }
  };
  timer = setTimeout(sample, 10);
  try {
    await work();
  } finally {
    done = true;
    clearTimeout(timer);
  }
  return Math.max(peak, live()) - start;
}

function blobStoreContract(name: string, open: () => Promise<Opened>) {
  describe(`${name}: BlobStore contract`, () => {
    let opened: Opened;
    let store: BlobStore;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });

    afterAll(async () => {
      await opened?.close();
    });

    it("stores a file under a new content-derived key and gives back the exact bytes", async () => {
      const source = await sourceFile(randomBytes(200_000));
      const stored = await store.putFile(source.file, {
        ...source,
        contentType: "application/pdf",
      });
      expect(stored).toEqual({ key: stored.key, size: source.size, sha256: source.sha256 });
      expect(isBlobKey(stored.key)).toBe(true);
      expect(sha256OfKey(stored.key)).toBe(source.sha256);
      const back = await readAll(await store.get(stored.key));
      expect(back.equals(source.data)).toBe(true);
    });

    it("gives every upload its own key, so deleting one copy keeps the other", async () => {
      const source = await sourceFile(Buffer.from("misma evidencia, dos veces"));
      const meta = { ...source, contentType: "text/plain" };
      const first = await store.putFile(source.file, meta);
      const second = await store.putFile(source.file, meta);
      expect(first.key).not.toBe(second.key);
      await store.delete(first.key);
      expect(await store.exists(first.key)).toBe(false);
      expect((await readAll(await store.get(second.key))).equals(source.data)).toBe(true);
    });

    it("streams a 30 MB file in and out without holding it in memory", async () => {
      const size = 30 * MB;
      const file = path.join(scratch, "large.bin");
      const hash = createHash("sha256");
      const out = createWriteStream(file);
      const block = randomBytes(MB);
      for (let i = 0; i < size / MB; i++) {
        block[0] = i; // every megabyte differs, so a misplaced part would change the hash
        hash.update(block);
        if (!out.write(block)) {
          await new Promise<void>((resolve) => out.once("drain", () => resolve()));
        }
      }
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      const digest = hash.digest("hex");

      let key = "";
      const putGrowth = await peakLiveGrowth(async () => {
        ({ key } = await store.putFile(file, {
          sha256: digest,
          size,
          contentType: "application/pdf",
        }));
      });
      let readBack = 0;
      const readHash = createHash("sha256");
      const getGrowth = await peakLiveGrowth(async () => {
        for await (const chunk of await store.get(key)) {
          const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
          readBack += bytes.length;
          readHash.update(bytes);
        }
      });
      console.info(
        `[${name}] 30 MB: live memory growth put ${(putGrowth / MB).toFixed(1)} MB, get ${(getGrowth / MB).toFixed(1)} MB`,
      );
      expect(readBack).toBe(size);
      expect(readHash.digest("hex")).toBe(digest);
      // Buffering the file would cost at least its 30 MB; streaming stays within the budget.
      expect(opened.memoryBudget).toBeLessThan(size);
      expect(putGrowth).toBeLessThan(opened.memoryBudget);
      expect(getGrowth).toBeLessThan(opened.memoryBudget);
      await store.delete(key);
    });

    it("answers exists, and deletes idempotently", async () => {
      const source = await sourceFile(Buffer.from("acta"));
      const { key } = await store.putFile(source.file, { ...source, contentType: "text/plain" });
      expect(await store.exists(key)).toBe(true);
      await store.delete(key);
      expect(await store.exists(key)).toBe(false);
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    it("throws BlobNotFoundError for a well-formed key it does not hold", async () => {
      const missing = `sha256/ab/cd/abcd${"0".repeat(60)}-${"1".repeat(32)}`;
      expect(isBlobKey(missing)).toBe(true);
      const error = await store.get(missing).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BlobNotFoundError);
      expect(error).toMatchObject({ key: missing });
    });

    it("refuses keys it did not make, before any I/O", async () => {
      const hostile = [
        "../../etc/passwd",
        `sha256/ab/cd/../../../${"a".repeat(64)}-${"1".repeat(32)}`,
        `sha256/ff/cd/abcd${"0".repeat(60)}-${"1".repeat(32)}`, // fan-out disagrees with the hash
        `sha256/AB/CD/ABCD${"0".repeat(60)}-${"1".repeat(32)}`,
        "informe final.pdf",
        "",
      ];
      for (const key of hostile) {
        await expect(store.get(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.exists(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      }
    });

    it("lists every key, across pages", async () => {
      const before = await listAll(store);
      const added: string[] = [];
      for (let i = 0; i < 5; i++) {
        const source = await sourceFile(Buffer.from(`evidencia ${i}`));
        added.push(
          (await store.putFile(source.file, { ...source, contentType: "text/plain" })).key,
        );
      }
      expect(await listAll(store)).toEqual([...before, ...added].sort());
      for (const key of added) {
        await store.delete(key);
      }
      expect(await listAll(store)).toEqual(before);
    });

    it("stores nothing when the file is not the size the caller checked", async () => {
      const before = await listAll(store);
      const source = await sourceFile(Buffer.from("cambiado entre la comprobación y el guardado"));
      await expect(
        store.putFile(source.file, { ...source, size: source.size + 1, contentType: "text/plain" }),
      ).rejects.toThrow(/size mismatch/i);
      expect(await listAll(store)).toEqual(before);
    });
  });
}

blobStoreContract("disk", async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "mrtm-blobs-"));
  return {
    store: new LocalDiskBlobStore(root),
    memoryBudget: 8 * MB,
    close: () => fs.rm(root, { recursive: true, force: true }),
  };
});

// --- S3, against s3rver run as a child process -------------------------------------------------

const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

function findS3rver(): string | null {
  try {
    return createRequire(import.meta.url).resolve("s3rver/bin/s3rver.js");
  } catch {
    return null;
  }
}

const s3rverBin = findS3rver();
const ci = process.env.CI === "true";
const MISSING = "s3rver no está instalado (devDependency del proyecto): ejecute `npm ci`.";
if (!s3rverBin && !ci) {
  console.warn(`\n[s3] Omitidas las pruebas de S3BlobStore: ${MISSING}\n`);
}

/**
 * Starts s3rver on a port the OS picks, in its own folder. `--openssl-legacy-provider`: s3rver
 * encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers that way.
 */
async function startS3rver(bin: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "mrtm-s3rver-"));
  const args = ["--openssl-legacy-provider", bin, "-d", dir, "-a", "127.0.0.1", "-p", "0"];
  const child: ChildProcess = spawn(process.execPath, [...args, "--silent", "--no-vhost-buckets"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    // Only a hang: starting takes a second on an idle machine and much longer on a busy one.
    const timeout = setTimeout(
      () => reject(new Error(`s3rver did not start:\n${output}`)),
      240_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timeout);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timeout);
      reject(new Error(`s3rver exited with ${code}:\n${output}`));
    });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

describe.runIf(s3rverBin !== null || ci)("S3 (s3rver on 127.0.0.1)", () => {
  blobStoreContract("s3", async () => {
    if (!s3rverBin) {
      throw new Error(`[s3] En CI las pruebas de S3 son obligatorias: ${MISSING}`);
    }
    const server = await startS3rver(s3rverBin);
    const settings = {
      endpoint: server.endpoint,
      bucket: "mrtm-test",
      region: "us-east-1",
      forcePathStyle: true,
      ...S3RVER_CREDENTIALS,
    };
    const admin = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
    await admin.send(new CreateBucketCommand({ Bucket: settings.bucket }));
    admin.destroy();
    // Small parts and pages, so that multipart upload and list paging are really exercised.
    const tuning = { partSize: 5 * MB, queueSize: 2, listPageSize: 2 };
    const store = new S3BlobStore(settings, tuning);
    return {
      store,
      // The parts in flight, the one being filled and its copy while it is assembled, and slack.
      memoryBudget: tuning.partSize * (tuning.queueSize + 2) + 4 * MB,
      async close() {
        store.destroy();
        await server.stop();
      },
    };
  });
});
