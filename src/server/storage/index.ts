import type { Config } from "../config.js";
import type { BlobStore } from "./blob-store.js";
import { LocalDiskBlobStore } from "./disk.js";
import { S3BlobStore } from "./s3.js";

export {
  BlobNotFoundError,
  type BlobStore,
  InvalidBlobKeyError,
  type StoredBlob,
} from "./blob-store.js";
export { LocalDiskBlobStore } from "./disk.js";
export { isBlobKey, sha256OfKey } from "./keys.js";
export { S3BlobStore } from "./s3.js";

/** The one place that turns configuration into a store, so routes depend on the interface only. */
export function createBlobStore(config: Pick<Config, "blobStore">): BlobStore {
  const settings = config.blobStore;
  if (settings.kind === "s3") {
    const { kind: _kind, ...s3 } = settings;
    return new S3BlobStore(s3);
  }
  return new LocalDiskBlobStore(settings.root);
}
