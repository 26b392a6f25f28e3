import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import type { BlobStoreConfig } from "../config.js";
import { s3Client, s3Storage } from "../lib/lazy-modules.js";
import { receiveToTempFile } from "../uploads/receive.js";
import {
  BlobNotFoundError,
  type BlobStore,
  type ReceivedBlob,
  type StoredBlob,
} from "./blob-store.js";
import { assertBlobKey, isBlobKey, KEY_PREFIX, newBlobKey } from "./keys.js";

export type S3BlobStoreConfig = Omit<Extract<BlobStoreConfig, { kind: "s3" }>, "kind">;

/** Knobs the tests turn down; the defaults suit production. */
export interface S3BlobStoreTuning {
  /** Bytes per multipart part (S3's minimum is 5 MiB). */
  partSize?: number;
  /**
   * Parts uploaded in parallel. One upload holds about partSize × (queueSize + 1) in memory, and
   * briefly one part more while a part is assembled.
   */
  queueSize?: number;
  /** Keys per ListObjectsV2 page (S3's maximum is 1000). */
  listPageSize?: number;
}

/**
 * Blobs as objects in an S3-compatible bucket (AWS, MinIO, Ceph, Garage…), for deployments
 * whose local disk is not durable or is shared by several servers. Uploads are multipart and
 * streamed from the staged file, so an upload holds 24 to 32 MB whatever the file's size.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = "s3";
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly partSize: number;
  private readonly queueSize: number;
  private readonly listPageSize: number;

  constructor(config: S3BlobStoreConfig, tuning: S3BlobStoreTuning = {}) {
    this.bucket = config.bucket;
    this.partSize = tuning.partSize ?? 8 * 1024 * 1024;
    this.queueSize = tuning.queueSize ?? 2;
    this.listPageSize = tuning.listPageSize ?? 1000;
    this.client = new (s3Client().S3Client)({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
      // The SDK's default (CRC checksums on every request, since 2025) is refused by many
      // S3-compatible servers; the size check after each upload and the SHA-256 kept in the
      // database cover integrity instead.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async putFile(
    source: string,
    meta: { sha256: string; size: number; contentType: string },
  ): Promise<StoredBlob> {
    const key = newBlobKey(meta.sha256);
    const upload = new (s3Storage().Upload)({
      client: this.client,
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: createReadStream(source),
        ContentType: meta.contentType,
        Metadata: { sha256: meta.sha256 },
      },
    });
    await upload.done();
    // The object is whole or absent (S3 semantics); check it is the file we meant to store.
    const head = await this.client.send(
      new (s3Client().HeadObjectCommand)({ Bucket: this.bucket, Key: key }),
    );
    if (head.ContentLength !== meta.size) {
      await this.delete(key);
      throw new Error(
        `Size mismatch storing ${source}: expected ${meta.size}, got ${head.ContentLength}`,
      );
    }
    return { key, size: meta.size, sha256: meta.sha256 };
  }

  /**
   * Staged in `tempDir` (hashed and limited on the way): the key holds the content's hash, and
   * content detection reads the file's two ends, so the object is uploaded on commit.
   */
  async receive(
    stream: Readable,
    limits: { maxBytes: number; tempDir: string },
  ): Promise<ReceivedBlob> {
    const received = await receiveToTempFile(stream, limits);
    return {
      ...received,
      commit: (contentType) => this.putFile(received.path, { ...received, contentType }),
      discard: () => fs.rm(received.path, { force: true }),
    };
  }

  async get(key: string): Promise<Readable> {
    assertBlobKey(key);
    try {
      const response = await this.client.send(
        new (s3Client().GetObjectCommand)({ Bucket: this.bucket, Key: key }),
      );
      if (!(response.Body instanceof Readable)) {
        throw new Error(`S3 returned no Node stream for ${key}`);
      }
      return response.Body;
    } catch (error) {
      if (isNotFound(error)) {
        throw new BlobNotFoundError(key);
      }
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    assertBlobKey(key);
    try {
      await this.client.send(new (s3Client().HeadObjectCommand)({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) {
        return false;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    // S3's DeleteObject already succeeds for an absent key.
    await this.client.send(new (s3Client().DeleteObjectCommand)({ Bucket: this.bucket, Key: key }));
  }

  async *list(): AsyncIterable<string> {
    const pages = s3Client().paginateListObjectsV2(
      { client: this.client, pageSize: this.listPageSize },
      { Bucket: this.bucket, Prefix: KEY_PREFIX },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        if (object.Key && isBlobKey(object.Key)) {
          yield object.Key;
        }
      }
    }
  }

  /** Closes the client's sockets, so a test or a CLI command can exit promptly. */
  destroy(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof s3Client().S3ServiceException &&
    (error.name === "NoSuchKey" ||
      error.name === "NotFound" ||
      error.$metadata.httpStatusCode === 404)
  );
}
