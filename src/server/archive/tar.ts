/**
 * A minimal ustar writer and reader, gzip-compressed: enough for MRTM archives (regular files
 * only, names of our own making) and no dependency. Both sides stream: an entry's bytes go from
 * a file into the archive, and from the archive to a callback, a chunk at a time.
 */
import { createReadStream, createWriteStream } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";

const BLOCK = 512;
const ZEROS = Buffer.alloc(BLOCK * 2);

export class ArchiveFormatError extends Error {
  override name = "ArchiveFormatError";
}

/** Splits a path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a slash. */
function splitName(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) {
    return { prefix: "", name: path };
  }
  for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) {
      return { prefix, name };
    }
  }
  throw new ArchiveFormatError(`Nombre demasiado largo para el archivo: ${path}`);
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function header(path: string, size: number, mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK);
  const { prefix, name } = splitName(path);
  block.write(name, 0, 100, "utf8");
  block.write(octal(0o644, 8), 100, "ascii");
  block.write(octal(0, 8), 108, "ascii");
  block.write(octal(0, 8), 116, "ascii");
  block.write(octal(size, 12), 124, "ascii");
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, "ascii");
  block.write("        ", 148, "ascii");
  block.write("0", 156, "ascii");
  block.write("ustar\u000000", 257, "ascii");
  block.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of block) {
    sum += byte;
  }
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return block;
}

/** Writes a .tar.gz: entries are appended one after another from files on disk. */
export class TarGzWriter {
  private readonly gzip = createGzip();
  private readonly done: Promise<void>;

  constructor(out: Writable) {
    this.done = pipeline(this.gzip, out);
    // The pipeline's rejection surfaces through finish(); keep it from being unhandled meanwhile.
    this.done.catch(() => {});
  }

  private async write(chunk: Buffer): Promise<void> {
    if (!this.gzip.write(chunk)) {
      await new Promise<void>((resolve) => this.gzip.once("drain", () => resolve()));
    }
  }

  /** Appends a file's bytes under `path`; `size` must be the file's size. */
  async addFile(path: string, file: string, size: number, mtime = new Date()): Promise<void> {
    await this.write(header(path, size, mtime));
    let written = 0;
    for await (const chunk of createReadStream(file)) {
      const bytes = chunk as Buffer;
      written += bytes.length;
      await this.write(bytes);
    }
    if (written !== size) {
      throw new ArchiveFormatError(`El archivo ${file} cambió mientras se escribía.`);
    }
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding > 0) {
      await this.write(Buffer.alloc(padding));
    }
  }

  async addBuffer(path: string, data: Buffer, mtime = new Date()): Promise<void> {
    await this.write(header(path, data.length, mtime));
    await this.write(data);
    const padding = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (padding > 0) {
      await this.write(Buffer.alloc(padding));
    }
  }

  async finish(): Promise<void> {
    await this.write(ZEROS);
    this.gzip.end();
    await this.done;
  }
}

export function createTarGzWriter(path: string): TarGzWriter {
  return new TarGzWriter(createWriteStream(path, { flags: "wx" }));
}

export interface TarEntry {
  path: string;
  size: number;
}

/**
 * Reads a .tar.gz sequentially. For each regular file, `onEntry` gets its header and an async
 * iterable of its bytes, which it must consume (or the rest is skipped).
 */
export async function readTarGz(
  file: string,
  onEntry: (entry: TarEntry, data: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const source: Readable = createReadStream(file).pipe(createGunzip());
  const reader = new BlockReader(source[Symbol.asyncIterator]() as AsyncIterator<Buffer>);
  for (;;) {
    const block = await reader.read(BLOCK);
    if (block === null) {
      throw new ArchiveFormatError("El archivo está truncado (falta el final del tar).");
    }
    if (block.every((byte) => byte === 0)) {
      return;
    }
    const entry = parseHeader(block);
    const padded = Math.ceil(entry.size / BLOCK) * BLOCK;
    let remaining = entry.size;
    const data = async function* () {
      while (remaining > 0) {
        const chunk = await reader.readUpTo(remaining);
        if (chunk === null) {
          throw new ArchiveFormatError(`El archivo está truncado dentro de ${entry.path}.`);
        }
        remaining -= chunk.length;
        yield chunk;
      }
    };
    if (entry.type === "0" || entry.type === "\0") {
      await onEntry({ path: entry.path, size: entry.size }, data());
    }
    // Whatever the callback left unread, then the padding.
    for await (const _ of data()) {
      // skipped
    }
    if (padded > entry.size && (await reader.read(padded - entry.size)) === null) {
      throw new ArchiveFormatError("El archivo está truncado.");
    }
  }
}

function parseHeader(block: Buffer): { path: string; size: number; type: string } {
  const text = (start: number, length: number) =>
    block
      .subarray(start, start + length)
      .toString("utf8")
      .replace(/\0.*$/s, "");
  const stored = Number.parseInt(text(148, 8).trim(), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) {
    sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
  }
  if (stored !== sum) {
    throw new ArchiveFormatError("Cabecera de tar dañada (suma de verificación incorrecta).");
  }
  const name = text(0, 100);
  const prefix = text(345, 155);
  const size = Number.parseInt(text(124, 12).trim() || "0", 8);
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new ArchiveFormatError("Cabecera de tar dañada (tamaño).");
  }
  return { path: prefix ? `${prefix}/${name}` : name, size, type: text(156, 1) || "0" };
}

/** Hands out exact byte counts from a stream of arbitrary chunks. */
class BlockReader {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(): Promise<boolean> {
    const next = await this.source.next();
    if (next.done) {
      return false;
    }
    this.buffered =
      this.buffered.length === 0 ? next.value : Buffer.concat([this.buffered, next.value]);
    return true;
  }

  /** Exactly `n` bytes, or null at the end of the stream. */
  async read(n: number): Promise<Buffer | null> {
    while (this.buffered.length < n) {
      if (!(await this.fill())) {
        return null;
      }
    }
    const out = this.buffered.subarray(0, n);
    this.buffered = this.buffered.subarray(n);
    return out;
  }

  /** Between 1 and `n` bytes, or null at the end of the stream. */
  async readUpTo(n: number): Promise<Buffer | null> {
    if (this.buffered.length === 0 && !(await this.fill())) {
      return null;
    }
    const out = this.buffered.subarray(0, Math.min(n, this.buffered.length));
    this.buffered = this.buffered.subarray(out.length);
    return out;
  }
}
