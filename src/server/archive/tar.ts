/**
 * The archive's container: a gzip-compressed tar written and read by `tar-stream` (headers, pax
 * and long names, padding) through node:zlib, with MRTM's own rules on top. Both directions
 * stream: an entry's bytes go from a file into the archive, and from the archive to a callback,
 * a chunk at a time; neither an entry nor the archive is ever held whole in memory.
 *
 * What the reader refuses, before the callback sees the entry: anything but a regular file
 * (directories, links, devices), a path seen earlier in the same archive (an archive whose second
 * copy of a file would be checked while the first is loaded), and sizes beyond any archive MRTM
 * writes. See docs/decisions/0008-instance-archive.md.
 */
import { createReadStream, createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { tarStream } from "../lib/lazy-modules.js";

/** Largest entry MRTM writes or reads: ustar's size field (8 GiB − 1). */
export const MAX_ENTRY_BYTES = 8 * 1024 ** 3 - 1;

export class ArchiveFormatError extends Error {
  override name = "ArchiveFormatError";
}

/** Writes a .tar.gz: entries are appended one after another, each streamed from its source. */
export class TarGzWriter {
  private readonly pack = tarStream().pack();
  private readonly done: Promise<void>;

  constructor(out: Writable) {
    this.done = pipeline(this.pack, createGzip(), out);
    // The pipeline's rejection surfaces through finish(); keep it from being unhandled meanwhile.
    this.done.catch(() => {});
  }

  private async entry(
    path: string,
    size: number,
    mtime: Date,
    chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  ) {
    if (size > MAX_ENTRY_BYTES) {
      throw new ArchiveFormatError(`${path} supera el tamaño máximo de una entrada (8 GB).`);
    }
    let failed: Error | null = null;
    const written = new Promise<void>((resolve, reject) => {
      const sink = this.pack.entry(
        { name: path, size, mtime, mode: 0o644, type: "file" },
        (error) => (error ? reject(error) : resolve()),
      );
      (async () => {
        let count = 0;
        for await (const chunk of chunks) {
          count += chunk.length;
          if (count > size) {
            break;
          }
          if (!sink.write(chunk)) {
            await new Promise<void>((drained) => sink.once("drain", () => drained()));
          }
        }
        if (count !== size) {
          failed = new ArchiveFormatError(`${path} cambió mientras se escribía.`);
          sink.destroy(failed);
          return;
        }
        sink.end();
      })().catch((error: unknown) => {
        sink.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
    try {
      await written;
    } catch (error) {
      throw failed ?? error;
    }
  }

  /** Appends a file's bytes under `path`; `size` must be the file's size. */
  async addFile(path: string, file: string, size: number, mtime = new Date()): Promise<void> {
    await this.entry(path, size, mtime, createReadStream(file));
  }

  async addBuffer(path: string, data: Buffer, mtime = new Date()): Promise<void> {
    await this.entry(path, data.length, mtime, [data]);
  }

  async finish(): Promise<void> {
    this.pack.finalize();
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
 * Reads a .tar.gz sequentially. For each entry, `onEntry` gets its path and size and an async
 * iterable of its bytes, which it may consume (what it leaves is skipped). Refuses, with an
 * ArchiveFormatError, any entry that is not a regular file, a path that appears twice, a size
 * beyond MAX_ENTRY_BYTES, and a damaged or truncated file.
 */
export async function readTarGz(
  file: string,
  onEntry: (entry: TarEntry, data: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const extract = tarStream().extract();
  const source = pipeline(createReadStream(file), createGunzip(), extract);
  source.catch(() => {});
  const seen = new Set<string>();
  let fromCallback: unknown = null;
  try {
    for await (const entry of extract) {
      const { name, type, size } = entry.header;
      if (type !== "file") {
        throw new ArchiveFormatError(
          `${name} no es un archivo regular (${type ?? "tipo desconocido"}); un archivo de MRTM solo contiene archivos.`,
        );
      }
      if (seen.has(name)) {
        throw new ArchiveFormatError(`${name} aparece más de una vez en el archivo.`);
      }
      seen.add(name);
      if (size === undefined || !Number.isSafeInteger(size) || size < 0 || size > MAX_ENTRY_BYTES) {
        throw new ArchiveFormatError(
          `${name} declara un tamaño imposible (${String(size)} bytes; el máximo es 8 GB).`,
        );
      }
      const bytes = entry[Symbol.asyncIterator]();
      let ended = false;
      const data = async function* () {
        while (!ended) {
          const next = await bytes.next().catch((error: unknown) => {
            throw describe(error);
          });
          if (next.done) {
            ended = true;
            return;
          }
          yield next.value;
        }
      };
      try {
        await onEntry({ path: name, size }, data());
      } catch (error) {
        fromCallback = error;
        throw error;
      }
      // Whatever the callback left unread.
      for await (const _ of data()) {
        // skipped
      }
    }
    await source;
  } catch (error) {
    extract.destroy();
    await source.catch(() => {});
    throw error === fromCallback ? error : describe(error);
  }
}

/** A reading error from gzip or the tar parser, in words for the person running the command. */
function describe(error: unknown): unknown {
  if (error instanceof ArchiveFormatError || !(error instanceof Error)) {
    return error;
  }
  if (/unexpected end|end of file|truncated/i.test(error.message)) {
    return new ArchiveFormatError("El archivo está truncado.");
  }
  if (/invalid|checksum|unknown format|incorrect header/i.test(error.message)) {
    return new ArchiveFormatError(`El archivo está dañado (${error.message}).`);
  }
  return error;
}
