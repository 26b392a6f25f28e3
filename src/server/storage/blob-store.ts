import type { Readable } from "node:stream";

/** What the database keeps about a stored file's bytes; name and type live beside it there. */
export interface StoredBlob {
  key: string;
  size: number;
  sha256: string;
}

/**
 * An upload received by a store, hashed and counted on the way, not yet a blob: its bytes sit in
 * a local file that content detection reads in place. `commit` makes it a blob under a new key;
 * `discard` removes whatever is left (idempotent, harmless after `commit`).
 */
export interface ReceivedBlob {
  /** A local file holding the bytes, to read (never to keep): it is gone after commit/discard. */
  path: string;
  size: number;
  sha256: string;
  commit(contentType: string): Promise<StoredBlob>;
  discard(): Promise<void>;
}

/**
 * The bytes of evidence files, wherever they live. Callers hold only keys made by the store
 * (see keys.ts), so no user-supplied name ever reaches a path or an object key.
 */
export interface BlobStore {
  readonly kind: "disk" | "s3";
  /** Streams a local file (already hashed/checked by the caller) into the store under a new key. */
  putFile(
    path: string,
    meta: { sha256: string; size: number; contentType: string },
  ): Promise<StoredBlob>;
  /**
   * Receives an incoming stream in one pass: hashed, counted and stopped past `maxBytes`
   * (FileTooLargeError) while it is written. The local disk writes it beside its final place, so
   * commit is a rename; S3 stages it in `tempDir` and uploads it on commit. On failure nothing
   * is left behind.
   */
  receive(stream: Readable, limits: { maxBytes: number; tempDir: string }): Promise<ReceivedBlob>;
  /** A readable stream of the content; throws BlobNotFoundError when absent. */
  get(key: string): Promise<NodeJS.ReadableStream | Readable>;
  exists(key: string): Promise<boolean>;
  /** Idempotent: deleting an absent key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key, for consistency checks and export (async iterator, paged under the hood). */
  list(): AsyncIterable<string>;
}

/**
 * A key the database references but the store lacks: data loss or a bug, not a client error,
 * so it is deliberately not an AppError (it ends as a logged 500 unless a caller decides).
 */
export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`Blob not found: ${key}`);
    this.name = "BlobNotFoundError";
  }
}

/** A key the store did not make (a corrupted row, a traversal attempt): refused before any I/O. */
export class InvalidBlobKeyError extends Error {
  constructor(readonly key: string) {
    super(`Invalid blob key: ${JSON.stringify(key.slice(0, 200))}`);
    this.name = "InvalidBlobKeyError";
  }
}
