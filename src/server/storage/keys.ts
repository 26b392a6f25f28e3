import { randomBytes } from "node:crypto";
import { InvalidBlobKeyError } from "./blob-store.js";

const SHA256 = /^[0-9a-f]{64}$/;
const KEY = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})-[0-9a-f]{32}$/;

/** Keys start with this in every store, so listing can ignore anything else in a shared bucket. */
export const KEY_PREFIX = "sha256/";

/**
 * `sha256/ab/cd/<sha256>-<128 random bits>`: the content's hash for consistency checks, a random
 * part so that two uploads of the same bytes never share a key (deleting one cannot lose the
 * other), two fan-out levels so no disk folder grows past a few thousand entries. The same keys
 * in both stores, so moving from disk to S3 is a copy. See docs/decisions/0006-blob-store.md.
 */
export function newBlobKey(sha256: string): string {
  if (!SHA256.test(sha256)) {
    throw new Error(`Not a lowercase hex SHA-256: ${JSON.stringify(sha256.slice(0, 100))}`);
  }
  const random = randomBytes(16).toString("hex");
  return `${KEY_PREFIX}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}-${random}`;
}

/** Whether the key has exactly the shape newBlobKey makes (fan-out consistent with the hash). */
export function isBlobKey(key: string): boolean {
  const match = KEY.exec(key);
  return match !== null && match[3]?.startsWith(`${match[1]}${match[2]}`) === true;
}

/** Refuses any key the store did not make, before it can become a path or an object name. */
export function assertBlobKey(key: string): void {
  if (!isBlobKey(key)) {
    throw new InvalidBlobKeyError(key);
  }
}

/** The hash a key was made for, e.g. to re-check the content during a consistency check. */
export function sha256OfKey(key: string): string {
  assertBlobKey(key);
  return key.slice(KEY_PREFIX.length + 6, KEY_PREFIX.length + 6 + 64);
}
