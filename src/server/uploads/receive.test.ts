import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileTooLargeError } from "./errors.js";
import { FLUSH_EVERY_BYTES, receiveToTempFile } from "./receive.js";

let tempDir: string;

beforeEach(async () => {
  tempDir = await fs.mkdtemp(path.join(os.tmpdir(), "mrtm-receive-"));
});

afterEach(async () => {
  await fs.rm(tempDir, { recursive: true, force: true });
});

/** A source that counts what was pulled from it, to prove a refused upload is not read on. */
function countingSource(total: number, chunkSize = 64 * 1024) {
  const counter = { pulled: 0 };
  const stream = Readable.from(
    (function* () {
      for (let sent = 0; sent < total; sent += chunkSize) {
        const chunk = Buffer.alloc(Math.min(chunkSize, total - sent), sent % 251);
        counter.pulled += chunk.length;
        yield chunk;
      }
    })(),
  );
  return { stream, counter };
}

describe("receiveToTempFile", () => {
  it("stages the bytes exactly, with their size and SHA-256", async () => {
    const data = randomBytes(300_000);
    const received = await receiveToTempFile(
      Readable.from([data.subarray(0, 1000), data.subarray(1000)]),
      {
        maxBytes: 1_000_000,
        tempDir,
      },
    );
    expect(received.size).toBe(data.length);
    expect(received.sha256).toBe(createHash("sha256").update(data).digest("hex"));
    expect((await fs.readFile(received.path)).equals(data)).toBe(true);
    expect(path.dirname(received.path)).toBe(tempDir);
    expect(path.basename(received.path)).toMatch(/^upload-p\d+-h[0-9a-f]{8}-[0-9a-f]{32}\.part$/);
  });

  it("accepts a file of exactly maxBytes, and an empty one", async () => {
    const exact = await receiveToTempFile(Readable.from([Buffer.alloc(1024, 1)]), {
      maxBytes: 1024,
      tempDir,
    });
    expect(exact.size).toBe(1024);
    const empty = await receiveToTempFile(Readable.from([]), { maxBytes: 1024, tempDir });
    expect(empty).toMatchObject({
      size: 0,
      sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    });
  });

  it("creates the temp folder when it does not exist yet", async () => {
    const nested = path.join(tempDir, "a", "b");
    const received = await receiveToTempFile(Readable.from([Buffer.from("hola")]), {
      maxBytes: 10,
      tempDir: nested,
    });
    expect(path.dirname(received.path)).toBe(nested);
  });

  it("refuses a file one byte over the limit and leaves no temp file", async () => {
    const error = await receiveToTempFile(Readable.from([Buffer.alloc(1025)]), {
      maxBytes: 1024,
      tempDir,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(error).toMatchObject({ code: "file_too_large", status: 413 });
    expect((error as Error).message).toMatch(/^El archivo supera el tamaño máximo permitido/);
    expect(await fs.readdir(tempDir)).toEqual([]);
  });

  it("stops reading an oversized upload as soon as the limit is passed", async () => {
    const total = 50 * 1024 * 1024;
    const { stream, counter } = countingSource(total);
    await expect(receiveToTempFile(stream, { maxBytes: 1024 * 1024, tempDir })).rejects.toThrow(
      FileTooLargeError,
    );
    // The limit plus what stream buffers can hold, far from the 50 MB on offer.
    expect(counter.pulled).toBeLessThan(3 * 1024 * 1024);
    expect(stream.destroyed).toBe(true);
    expect(await fs.readdir(tempDir)).toEqual([]);
  });

  it("removes the temp file when the source fails midway", async () => {
    const failing = Readable.from(
      (function* () {
        yield Buffer.alloc(100_000, 7);
        throw new Error("connection reset");
      })(),
    );
    await expect(receiveToTempFile(failing, { maxBytes: 1_000_000, tempDir })).rejects.toThrow(
      "connection reset",
    );
    expect(await fs.readdir(tempDir)).toEqual([]);
  });

  it("stages a file written over several background flushes exactly", async () => {
    // Socket-sized chunks of varied content, more than two flushes' worth, arriving faster than
    // the disk takes them: they pile up and go out in batches.
    const block = randomBytes(64 * 1024 + 7);
    const chunks = Array.from(
      { length: Math.ceil((2.5 * FLUSH_EVERY_BYTES) / block.length) },
      (_, i) => Buffer.concat([block.subarray(i % 97), block.subarray(0, i % 97)]),
    );
    const expected = Buffer.concat(chunks);
    const received = await receiveToTempFile(Readable.from(chunks), {
      maxBytes: expected.length,
      tempDir,
    });
    expect(received.size).toBe(expected.length);
    expect(received.sha256).toBe(createHash("sha256").update(expected).digest("hex"));
    expect((await fs.readFile(received.path)).equals(expected)).toBe(true);
  });

  it("leaves no temp file when the source fails while a flush is under way", async () => {
    const failing = Readable.from(
      (function* () {
        for (let sent = 0; sent <= FLUSH_EVERY_BYTES; sent += 1024 * 1024) {
          yield Buffer.alloc(1024 * 1024, sent % 251);
        }
        throw new Error("connection reset");
      })(),
    );
    await expect(
      receiveToTempFile(failing, { maxBytes: 4 * FLUSH_EVERY_BYTES, tempDir }),
    ).rejects.toThrow("connection reset");
    expect(await fs.readdir(tempDir)).toEqual([]);
  });

  it("states the limit in megabytes, as the web app writes it (es-MX)", () => {
    expect(new FileTooLargeError(25 * 1024 * 1024).message).toBe(
      "El archivo supera el tamaño máximo permitido (25 MB).",
    );
    expect(new FileTooLargeError(1.5 * 1024 * 1024).message).toContain("(1.5 MB)");
  });
});
