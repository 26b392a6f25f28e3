import { createHash } from "node:crypto";
import fs, { type FileHandle } from "node:fs/promises";
import path from "node:path";
import { type Readable, Writable } from "node:stream";
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
 * What the staging may hold in memory: chunks that arrive while a write is on the disk wait here
 * and go out together in one `writev`, so the hash (this thread) and the write (libuv's pool) run
 * side by side instead of one 64 KiB chunk at a time.
 */
export const RECEIVE_BUFFER_BYTES = 1024 * 1024;
/** Written bytes after which the disk is asked to start flushing them (fdatasync, not awaited). */
export const FLUSH_EVERY_BYTES = 16 * 1024 * 1024;

/**
 * Stages an incoming upload in a temp file, hashing and counting on the way, so no upload is ever
 * held in memory and the hash costs no second read. Stops reading as soon as the size limit is
 * passed. On any failure the temp file is gone; on success the caller owns it and removes it.
 * While it writes, it has the disk flush what is already written (fdatasync every
 * FLUSH_EVERY_BYTES, in the background): the fsync that makes the blob durable then has little
 * left to wait for. Durability still rests on that final fsync (see LocalDiskBlobStore.place).
 */
export async function receiveToTempFile(
  stream: Readable,
  options: { maxBytes: number; tempDir: string },
): Promise<ReceivedFile> {
  const { maxBytes, tempDir } = options;
  await fs.mkdir(tempDir, { recursive: true });
  const file = path.join(tempDir, stagingFileName("upload"));
  // Open before streaming: a stream that opens lazily could create the file after a failure
  // has already removed it, leaving a stray temp file behind.
  const handle = await fs.open(file, "wx", 0o600);
  const sink = new StagingSink(handle, maxBytes);
  try {
    await pipeline(stream, sink);
  } catch (error) {
    // close() waits for the writes and flushes still under way before the file goes.
    await handle.close().catch(() => undefined);
    await fs.rm(file, { force: true });
    throw error;
  }
  await handle.close();
  return { path: file, size: sink.size, sha256: sink.hash.digest("hex") };
}

/**
 * Counts, hashes and writes what it is given; fails with FileTooLargeError past `maxBytes`. Each
 * chunk is counted and hashed as it arrives (so the limit trips on the very chunk that passes
 * it, whatever sits in buffers behind it) and accepted at once while less than
 * RECEIVE_BUFFER_BYTES wait for the disk; those go out together in one `writev` once the write
 * under way is done.
 */
class StagingSink extends Writable {
  readonly hash = createHash("sha256");
  size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private writing: Promise<void> | null = null;
  /** The chunk's callback held back while RECEIVE_BUFFER_BYTES wait for the disk. */
  private waiting: ((error?: Error | null) => void) | null = null;
  private failure: Error | null = null;
  /** The background fdatasync under way (never rejects: its error lands in `failure`). */
  private flushing: Promise<void> = Promise.resolve();
  private unflushed = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly maxBytes: number,
  ) {
    super();
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    if (this.failure) {
      callback(this.failure);
      return;
    }
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      // Failing here makes pipeline destroy the source: nothing more is read.
      callback(new FileTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.writing ??= this.writePending();
    if (this.pendingBytes < RECEIVE_BUFFER_BYTES) {
      callback();
    } else {
      this.waiting = callback;
    }
  }

  /** Writes what is pending, batch after batch, until nothing is; then releases a held chunk. */
  private async writePending(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        this.unflushed += this.pendingBytes;
        this.pendingBytes = 0;
        await writeAll(this.handle, batch);
        if (this.unflushed >= FLUSH_EVERY_BYTES) {
          this.unflushed = 0;
          this.flushing = this.flushing.then(() =>
            this.handle.datasync().catch((error: unknown) => {
              this.failure ??= error as Error;
            }),
          );
        }
        this.release();
      }
    } catch (error) {
      this.failure ??= error as Error;
    } finally {
      this.writing = null;
      this.release();
    }
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(this.failure);
  }

  override _final(callback: (error?: Error | null) => void): void {
    Promise.resolve(this.writing)
      .then(() => this.flushing)
      .then(() => callback(this.failure));
  }
}

/** Writes every byte of `buffers` at the file's position (writev may write only part of them). */
async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  let pending = buffers;
  while (pending.length > 0) {
    let { bytesWritten } = await handle.writev(pending);
    if (bytesWritten === 0) {
      throw new Error("writev wrote nothing while staging an upload");
    }
    const rest: Buffer[] = [];
    for (const buffer of pending) {
      if (bytesWritten >= buffer.length) {
        bytesWritten -= buffer.length;
      } else {
        rest.push(bytesWritten > 0 ? buffer.subarray(bytesWritten) : buffer);
        bytesWritten = 0;
      }
    }
    pending = rest;
  }
}
