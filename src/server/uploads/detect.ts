import fs, { type FileHandle } from "node:fs/promises";
import { ACCEPTED_TYPES, type AcceptedType } from "./accepted-types.js";
import { UnsupportedFileTypeError } from "./errors.js";

/** ZIP's end-of-central-directory record sits in the last 22 bytes + up to 64 KiB of comment. */
const ZIP_TAIL = 22 + 0xffff;
/** PDF readers look for `%%EOF` within the last 1024 bytes. */
const PDF_TAIL = 1024;
/** Browsers sniff the first 512 bytes for markup; a PDF has none there. */
const PDF_HEAD = 1024;
const HTML_IN_HEAD = /<\s*(html|head|body|script|iframe|svg|!doctype)\b/i;
/** IEND is the last chunk; a little slack tolerates the rare trailing padding. */
const PNG_TAIL = 1024;

/**
 * What the file is, judged by its content: `file-type` reads the magic bytes and, for ZIPs, the
 * entries (`[Content_Types].xml` for Office, `mimetype` for OpenDocument), so a renamed EXE,
 * a plain ZIP or a macro-enabled DOCM is not taken for a document. On top of that, the end of
 * the file must be where the format says (PDF trailer, ZIP directory, PNG IEND), which refuses
 * truncated uploads. Returns null for anything outside ACCEPTED_TYPES.
 */
export async function detectFileType(
  path: string,
): Promise<{ ext: AcceptedType["ext"]; mime: AcceptedType["mime"] } | null> {
  // Before anything reads (and inflates) a ZIP entry: the central directory must be sane.
  if ((await readHead(path, 4)).equals(ZIP_LOCAL_HEADER) && (await zipProblem(path)) !== null) {
    return null;
  }
  // file-type loads with the first upload, not at start (decision 0034).
  const { fileTypeFromFile } = await import("file-type");
  const detected = await fileTypeFromFile(path);
  const accepted = ACCEPTED_TYPES.find((type) => type.ext === detected?.ext);
  if (!accepted || !(await hasCompleteEnding(path, accepted.ext))) {
    return null;
  }
  return { ext: accepted.ext, mime: accepted.mime };
}

/** detectFileType for routes: the accepted type, or the Spanish error listing what is accepted. */
export async function requireAcceptedFileType(
  path: string,
): Promise<{ ext: AcceptedType["ext"]; mime: AcceptedType["mime"] }> {
  if ((await readHead(path, 4)).equals(ZIP_LOCAL_HEADER)) {
    const problem = await zipProblem(path);
    if (problem) {
      throw new UnsupportedFileTypeError(problem);
    }
  }
  const type = await detectFileType(path);
  if (!type) {
    throw new UnsupportedFileTypeError();
  }
  return type;
}

async function hasCompleteEnding(path: string, ext: AcceptedType["ext"]): Promise<boolean> {
  switch (ext) {
    case "pdf":
      // Not a polyglot: no ZIP directory closing it, no HTML that a sniffing browser would run.
      return (
        (await readTail(path, PDF_TAIL)).includes("%%EOF") &&
        findZipEnd(await readTail(path, ZIP_TAIL)) < 0 &&
        !HTML_IN_HEAD.test((await readHead(path, PDF_HEAD)).toString("latin1"))
      );
    case "docx":
    case "xlsx":
    case "odt":
    case "ods":
      return findZipEnd(await readTail(path, ZIP_TAIL)) >= 0;
    case "png":
      return (await readTail(path, PNG_TAIL)).includes(
        Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
      );
    case "jpg":
      // Not checked: phones append whole videos after the end marker ("motion photos"), so a
      // tail test would refuse genuine photos; a truncated JPEG still shows what arrived.
      return true;
  }
}

async function readTail(path: string, length: number): Promise<Buffer> {
  const handle = await fs.open(path, "r");
  try {
    return (await tailOf(handle, length)).tail;
  } finally {
    await handle.close();
  }
}

/** The last `length` bytes of an open file (all of it when shorter) and the offset they start at. */
async function tailOf(
  handle: FileHandle,
  length: number,
): Promise<{ tail: Buffer; start: number }> {
  const { size } = await handle.stat();
  const bytes = Math.min(size, length);
  const tail = Buffer.alloc(bytes);
  await handle.read(tail, 0, bytes, size - bytes);
  return { tail, start: size - bytes };
}

const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Limits for DOCX, XLSX, ODT and ODS (all ZIPs), checked on the central directory alone, which
 * declares every entry's sizes: nothing is inflated to judge them. A genuine office document of
 * the maximum upload size holds a few hundred entries and inflates to a few hundred MB at most;
 * XML rarely compresses beyond 100:1. A zip bomb needs many entries, huge declared sizes or an
 * extreme ratio (deflate tops out near 1,032:1), and is refused.
 */
export const ZIP_LIMITS = {
  /** Entries in the archive. */
  maxEntries: 10_000,
  /** Sum of the declared uncompressed sizes. */
  maxTotalUncompressed: 1024 * 1024 * 1024,
  /** Ratio uncompressed / compressed, checked for entries that inflate beyond 1 MiB. */
  maxRatio: 200,
  ratioFloor: 1024 * 1024,
  /** Bytes of central directory read at most. */
  maxDirectoryBytes: 8 * 1024 * 1024,
} as const;

/**
 * Why a ZIP is refused (a Spanish sentence), or null when its central directory is within
 * ZIP_LIMITS: consistent offsets, no ZIP64 (never needed under the upload limit), no entry name
 * that climbs out of the archive, and the size, count and ratio limits above.
 */
export async function zipProblem(path: string): Promise<string | null> {
  const malformed = "El archivo comprimido está dañado o incompleto.";
  const bomb =
    "El archivo comprimido declara un contenido desproporcionado (posible «bomba zip») y no se acepta.";
  const handle = await fs.open(path, "r");
  try {
    const { tail, start } = await tailOf(handle, ZIP_TAIL);
    const end = findZipEnd(tail);
    if (end < 0) {
      return malformed;
    }
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      return bomb;
    }
    if (directoryOffset + directorySize > start + end) {
      return malformed;
    }
    if (entries > ZIP_LIMITS.maxEntries || directorySize > ZIP_LIMITS.maxDirectoryBytes) {
      return bomb;
    }
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    let at = 0;
    let total = 0;
    for (let index = 0; index < entries; index++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) {
        return malformed;
      }
      const compressed = directory.readUInt32LE(at + 20);
      const uncompressed = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = directory.subarray(at + 46, at + 46 + nameLength).toString("latin1");
      if (compressed === 0xffffffff || uncompressed === 0xffffffff) {
        return bomb;
      }
      if (name.includes("\0") || name.startsWith("/") || name.split(/[\\/]/).includes("..")) {
        return malformed;
      }
      total += uncompressed;
      if (
        total > ZIP_LIMITS.maxTotalUncompressed ||
        (uncompressed > ZIP_LIMITS.ratioFloor &&
          uncompressed > ZIP_LIMITS.maxRatio * Math.max(compressed, 1))
      ) {
        return bomb;
      }
      at += 46 + nameLength + extraLength + commentLength;
    }
    return at === directory.length ? null : malformed;
  } finally {
    await handle.close();
  }
}

/**
 * Offset in `tail` of the end-of-central-directory record, exactly followed by its comment and
 * nothing else, or -1.
 */
function findZipEnd(tail: Buffer): number {
  const signature = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
  // A negative offset would search from the end again, hence the explicit stop at 0.
  let at = tail.lastIndexOf(signature);
  while (at >= 0) {
    if (at + 22 <= tail.length && at + 22 + tail.readUInt16LE(at + 20) === tail.length) {
      return at;
    }
    at = at > 0 ? tail.lastIndexOf(signature, at - 1) : -1;
  }
  return -1;
}

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await fs.open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
