import { nameForType } from "../../../domain/file-names.js";
import { ACCEPTED_TYPES } from "../../uploads/accepted-types.js";

/**
 * The name a person gave their file, made safe to show and to offer back in a download: no path
 * (the last segment only), no control or bidirectional-override characters, no quotes, at most
 * 200 characters, and ending with the extension of `ext`, the type detected from the content
 * (`informe.html` holding a PDF is stored as `informe.pdf`; see `nameForType`). It is only ever
 * a label: storage keys never derive from it.
 */
export function cleanFileName(raw: string | undefined, ext: string): string {
  const lastSegment = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = lastSegment
    .normalize("NFC")
    // Control characters, and the invisible direction marks and overrides that make
    // "factura\u202Efdp.exe" display as "facturaexe.pdf".
    .replace(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"<>|*?:]/gu, "")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+/, "")
    .trim()
    .slice(0, 200);
  return nameForType(cleaned, ext);
}

/**
 * The name a stored file is downloaded under: its stored name with the extension of its stored
 * (detected) type. Files stored before names followed their type still download safely named.
 * A type outside ACCEPTED_TYPES leaves the name as it is.
 */
export function downloadFileName(fileName: string, mime: string): string {
  const type = ACCEPTED_TYPES.find((accepted) => accepted.mime === mime);
  return type ? nameForType(fileName, type.ext) : fileName;
}

/** A Content-Disposition header that survives accents (RFC 6266 / RFC 5987). */
export function attachmentHeader(fileName: string): string {
  const ascii =
    fileName
      .normalize("NFD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\]/g, "") || "documento";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
