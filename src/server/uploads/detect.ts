import fs from "node:fs/promises";
import { fileTypeFromFile } from "file-type";
import { ACCEPTED_TYPES, type AcceptedType } from "./accepted-types.js";
import { UnsupportedFileTypeError } from "./errors.js";

/** ZIP's end-of-central-directory record sits in the last 22 bytes + up to 64 KiB of comment. */
const ZIP_TAIL = 22 + 0xffff;
/** PDF readers look for `%%EOF` within the last 1024 bytes. */
const PDF_TAIL = 1024;
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
  const type = await detectFileType(path);
  if (!type) {
    throw new UnsupportedFileTypeError();
  }
  return type;
}

async function hasCompleteEnding(path: string, ext: AcceptedType["ext"]): Promise<boolean> {
  switch (ext) {
    case "pdf":
      return (await readTail(path, PDF_TAIL)).includes("%%EOF");
    case "docx":
    case "xlsx":
    case "odt":
    case "ods":
      return hasZipEnd(await readTail(path, ZIP_TAIL));
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

/** The end-of-central-directory record, exactly followed by its comment and nothing else. */
function hasZipEnd(tail: Buffer): boolean {
  const signature = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
  // A negative offset would search from the end again, hence the explicit stop at 0.
  let at = tail.lastIndexOf(signature);
  while (at >= 0) {
    if (at + 22 <= tail.length && at + 22 + tail.readUInt16LE(at + 20) === tail.length) {
      return true;
    }
    at = at > 0 ? tail.lastIndexOf(signature, at - 1) : -1;
  }
  return false;
}

async function readTail(path: string, length: number): Promise<Buffer> {
  const handle = await fs.open(path, "r");
  try {
    const { size } = await handle.stat();
    const bytes = Math.min(size, length);
    const buffer = Buffer.alloc(bytes);
    await handle.read(buffer, 0, bytes, size - bytes);
    return buffer;
  } finally {
    await handle.close();
  }
}
