import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileTooLargeError } from "../uploads/errors.js";
import { LocalDiskBlobStore } from "./disk.js";

let root: string;
let source: string;
const data = Buffer.from("acta de cabildo");
const meta = {
  sha256: createHash("sha256").update(data).digest("hex"),
  size: data.length,
  contentType: "application/pdf",
};

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "mrtm-disk-"));
  source = path.join(root, "..", `${path.basename(root)}-source.bin`);
  await fs.writeFile(source, data);
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
  await fs.rm(source, { force: true });
});

async function listAll(store: LocalDiskBlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.list()) {
    keys.push(key);
  }
  return keys;
}

describe("LocalDiskBlobStore on disk", () => {
  it("lays blobs out by key under the root and leaves no temp file behind", async () => {
    const store = new LocalDiskBlobStore(root);
    const { key } = await store.putFile(source, meta);
    const file = path.join(root, ...key.split("/"));
    expect(file.startsWith(`${root}${path.sep}sha256${path.sep}`)).toBe(true);
    expect(await fs.readFile(file)).toEqual(data);
    expect(await fs.readdir(path.join(root, ".tmp"))).toEqual([]);
    // The caller's staged file is left alone: removing it is the caller's business.
    expect(await fs.readFile(source)).toEqual(data);
  });

  it("leaves neither a blob nor a temp file when the copy fails", async () => {
    const store = new LocalDiskBlobStore(root);
    await expect(store.putFile(path.join(root, "absent.bin"), meta)).rejects.toThrow(/ENOENT/);
    expect(await listAll(store)).toEqual([]);
    expect(await fs.readdir(path.join(root, ".tmp"))).toEqual([]);
  });

  it("lists only real blobs: not a crash's leftover temp file, not foreign files", async () => {
    const store = new LocalDiskBlobStore(root);
    const { key } = await store.putFile(source, meta);
    await fs.writeFile(path.join(root, ".tmp", "dead.part"), "half");
    const folder = path.dirname(path.join(root, ...key.split("/")));
    await fs.writeFile(path.join(folder, "notes.txt"), "not a blob");
    await fs.mkdir(path.join(root, "sha256", "zz"), { recursive: true });
    expect(await listAll(store)).toEqual([key]);
  });

  it("lists nothing, without failing, before the first blob", async () => {
    expect(await listAll(new LocalDiskBlobStore(path.join(root, "not-yet")))).toEqual([]);
  });

  it("refuses a hash that is not lowercase hex SHA-256, since it becomes part of the path", async () => {
    const store = new LocalDiskBlobStore(root);
    await expect(store.putFile(source, { ...meta, sha256: "../../etc" })).rejects.toThrow(
      /SHA-256/,
    );
    expect(await listAll(store)).toEqual([]);
  });

  describe("receive: an upload written once, where the blob will live", () => {
    const limits = { maxBytes: 1024, tempDir: "/nonexistent-the-disk-store-does-not-use-it" };

    it("hashes and counts while writing beside the blobs, and commits with a rename", async () => {
      const store = new LocalDiskBlobStore(root);
      const received = await store.receive(
        Readable.from([data.subarray(0, 5), data.subarray(5)]),
        limits,
      );
      expect(received).toMatchObject({ size: meta.size, sha256: meta.sha256 });
      expect(path.dirname(received.path)).toBe(path.join(root, ".tmp"));
      const written = await fs.stat(received.path);
      const blob = await received.commit(meta.contentType);
      const file = path.join(root, ...blob.key.split("/"));
      // The same file, renamed: no second copy of the bytes.
      expect((await fs.stat(file)).ino).toBe(written.ino);
      expect(await fs.readFile(file)).toEqual(data);
      expect(await listAll(store)).toEqual([blob.key]);
      await received.discard();
      expect(await fs.readdir(path.join(root, ".tmp"))).toEqual([]);
      expect(await fs.readFile(file)).toEqual(data);
    });

    it("leaves nothing when discarded, and nothing past the size limit", async () => {
      const store = new LocalDiskBlobStore(root);
      const received = await store.receive(Readable.from([data]), limits);
      await received.discard();
      await expect(
        store.receive(Readable.from([Buffer.alloc(1025)]), limits),
      ).rejects.toBeInstanceOf(FileTooLargeError);
      expect(await fs.readdir(path.join(root, ".tmp"))).toEqual([]);
      expect(await listAll(store)).toEqual([]);
    });
  });
});
