import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileTooLargeError } from "./errors.js";
import { stagingFileName } from "./sweep.js";

/** An upload staged on local disk, ready for type detection and then the blob store. */
export interface ReceivedFile {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Stages an incoming upload in a temp file, hashing and counting on the way, so no upload is ever
 * held in memory and the hash costs no second read. Stops reading as soon as the size limit is
 * passed. On any failure the temp file is gone; on success the caller owns it and removes it.
 */
export async function receiveToTempFile(
  stream: Readable,
  options: { maxBytes: number; tempDir: string },
): Promise<ReceivedFile> {
  const { maxBytes, tempDir } = options;
  await fs.mkdir(tempDir, { recursive: true });
  const file = path.join(tempDir, stagingFileName("upload"));
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) {
        // Failing here makes pipeline destroy the source: nothing more is read.
        callback(new FileTooLargeError(maxBytes));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  // Open before streaming: a stream that opens lazily could create the file after a failure
  // has already removed it, leaving a stray temp file behind.
  const handle = await fs.open(file, "wx", 0o600);
  try {
    await pipeline(stream, meter, createWriteStream("", { fd: handle }));
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(file, { force: true });
    throw error;
  }
  return { path: file, size, sha256: hash.digest("hex") };
}
