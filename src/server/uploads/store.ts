import type { Readable } from "node:stream";
import { multipartError } from "../lib/http-files.js";
import type { BlobStore } from "../storage/index.js";
import type { AcceptedType } from "./accepted-types.js";
import { requireAcceptedFileType } from "./detect.js";

export interface StoredUpload {
  key: string;
  sha256: string;
  size: number;
  mime: AcceptedType["mime"];
  ext: AcceptedType["ext"];
}

/**
 * The one path every uploaded file takes: received by the blob store (written once, hashed on
 * the way, never whole in memory, stopped at the size limit: on the local disk beside its final
 * place), recognised by its content where it was written, committed to the store (a rename on
 * disk), then handed to `record`, which writes the database row and its audit event in one
 * transaction. If `record` fails the new blob is deleted, so no blob is left without a row and no
 * row points at a missing blob. Whatever was received and not committed is removed.
 */
export async function storeUpload<T>(
  blobs: BlobStore,
  file: Readable,
  limits: { maxBytes: number; tempDir: string },
  record: (stored: StoredUpload) => Promise<T>,
): Promise<T> {
  // A multipart body that breaks while streaming (cut short, a second part) is the client's 4xx.
  const received = await blobs.receive(file, limits).catch((error: unknown) => {
    throw multipartError(error, limits.maxBytes);
  });
  let orphan: string | null = null;
  try {
    const type = await requireAcceptedFileType(received.path);
    const blob = await received.commit(type.mime);
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
    await received.discard();
    if (orphan) {
      await blobs.delete(orphan).catch(() => {});
    }
  }
}
