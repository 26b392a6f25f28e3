import fs from "node:fs/promises";
import type { Readable } from "node:stream";
import { multipartError } from "../lib/http-files.js";
import type { BlobStore } from "../storage/index.js";
import type { AcceptedType } from "./accepted-types.js";
import { requireAcceptedFileType } from "./detect.js";
import { receiveToTempFile } from "./receive.js";

export interface StoredUpload {
  key: string;
  sha256: string;
  size: number;
  mime: AcceptedType["mime"];
  ext: AcceptedType["ext"];
}

/**
 * The one path every uploaded file takes: staged on disk (hashed on the way, never whole in
 * memory, stopped at the size limit), recognised by its content, copied to the blob store, then
 * handed to `record`, which writes the database row and its audit event in one transaction. If
 * `record` fails the new blob is deleted, so no blob is left without a row and no row points at a
 * missing blob. The staged file is always removed.
 */
export async function storeUpload<T>(
  blobs: BlobStore,
  file: Readable,
  limits: { maxBytes: number; tempDir: string },
  record: (stored: StoredUpload) => Promise<T>,
): Promise<T> {
  // A multipart body that breaks while streaming (cut short, a second part) is the client's 4xx.
  const staged = await receiveToTempFile(file, limits).catch((error: unknown) => {
    throw multipartError(error, limits.maxBytes);
  });
  let orphan: string | null = null;
  try {
    const type = await requireAcceptedFileType(staged.path);
    const blob = await blobs.putFile(staged.path, {
      sha256: staged.sha256,
      size: staged.size,
      contentType: type.mime,
    });
    orphan = blob.key;
    const result = await record({
      key: blob.key,
      sha256: blob.sha256,
      size: blob.size,
      mime: type.mime,
      ext: type.ext,
    });
    orphan = null;
    return result;
  } finally {
    await fs.rm(staged.path, { force: true });
    if (orphan) {
      await blobs.delete(orphan).catch(() => {});
    }
  }
}
