import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { receiveToTempFile } from "../uploads/receive.js";
import { stagingFileName } from "../uploads/sweep.js";
import {
  BlobNotFoundError,
  type BlobStore,
  type ReceivedBlob,
  type StoredBlob,
} from "./blob-store.js";
import { assertBlobKey, isBlobKey, KEY_PREFIX, newBlobKey } from "./keys.js";

/** Beside the blobs so that the final rename never crosses a filesystem. */
const TEMP_DIR = ".tmp";

/**
 * Blobs as files under one root folder (`<MRTM_DATA_DIR>/blobs` by default): what a single
 * server needs, backed up with the data folder. A blob appears under its key only once its bytes
 * are on disk (temp file, fsync, rename, fsync of the folder), so a crash can leave a stray temp
 * file in `.tmp/`, never a truncated blob.
 */
export class LocalDiskBlobStore implements BlobStore {
  readonly kind = "disk";

  constructor(readonly root: string) {}

  async putFile(
    source: string,
    meta: { sha256: string; size: number; contentType: string },
  ): Promise<StoredBlob> {
    const temp = path.join(await this.tempDir(), stagingFileName("blob"));
    try {
      // copyFile lets the kernel move the bytes (copy_file_range, reflinks): no buffer in JS.
      await fs.copyFile(source, temp, fs.constants.COPYFILE_EXCL);
      return await this.place(temp, meta);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  /** Written straight into `.tmp/` beside the blobs: committing is an fsync and a rename. */
  async receive(stream: Readable, limits: { maxBytes: number }): Promise<ReceivedBlob> {
    const received = await receiveToTempFile(stream, {
      maxBytes: limits.maxBytes,
      tempDir: await this.tempDir(),
    });
    const discard = () => fs.rm(received.path, { force: true });
    return {
      ...received,
      commit: async () => {
        try {
          return await this.place(received.path, received);
        } catch (error) {
          await discard();
          throw error;
        }
      },
      discard,
    };
  }

  private async tempDir(): Promise<string> {
    const dir = path.join(this.root, TEMP_DIR);
    await fs.mkdir(dir, { recursive: true });
    return dir;
  }

  /** Moves a complete temp file under a new key, durably: fsync, rename, fsync of the folders. */
  private async place(temp: string, meta: { sha256: string; size: number }): Promise<StoredBlob> {
    const key = newBlobKey(meta.sha256);
    const target = this.pathOf(key);
    const handle = await fs.open(temp, "r+");
    try {
      const { size } = await handle.stat();
      if (size !== meta.size) {
        throw new Error(`Size mismatch storing a blob: expected ${meta.size}, got ${size}`);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    const folder = path.dirname(target);
    const created = await fs.mkdir(folder, { recursive: true });
    await fs.rename(temp, target);
    await syncDirectory(folder);
    // New fan-out folders are entries in their parents, which need syncing just the same.
    for (let dir = folder; created && dir !== path.dirname(created); ) {
      dir = path.dirname(dir);
      await syncDirectory(dir);
    }
    return { key, size: meta.size, sha256: meta.sha256 };
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      // Opening first turns absence into BlobNotFoundError here rather than a stream error later.
      const handle = await fs.open(file, "r");
      return handle.createReadStream();
    } catch (error) {
      if (isNotFound(error)) {
        throw new BlobNotFoundError(key);
      }
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isNotFound(error)) {
        return false;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<string> {
    const base = path.join(this.root, KEY_PREFIX);
    for (const first of await readDirNames(base)) {
      for (const second of await readDirNames(path.join(base, first))) {
        const folder = path.join(base, first, second);
        // opendir streams the entries: a folder is never read into one array.
        let dir: Awaited<ReturnType<typeof fs.opendir>>;
        try {
          dir = await fs.opendir(folder);
        } catch (error) {
          if (isNotFound(error)) {
            continue;
          }
          throw error;
        }
        for await (const entry of dir) {
          const key = `${KEY_PREFIX}${first}/${second}/${entry.name}`;
          if (entry.isFile() && isBlobKey(key)) {
            yield key;
          }
        }
      }
    }
  }

  private pathOf(key: string): string {
    assertBlobKey(key);
    return path.join(this.root, ...key.split("/"));
  }
}

async function readDirNames(folder: string): Promise<string[]> {
  try {
    return (await fs.readdir(folder, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && /^[0-9a-f]{2}$/.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if (isNotFound(error)) {
      return [];
    }
    throw error;
  }
}

/** Makes the rename itself durable: without it a power cut can forget the new directory entry. */
async function syncDirectory(folder: string): Promise<void> {
  const handle = await fs.open(folder, "r");
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems refuse fsync on a directory; the data itself is already synced.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EINVAL" && code !== "EISDIR" && code !== "EPERM") {
      throw error;
    }
  } finally {
    await handle.close();
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
}
