/**
 * What a person is told about a file before and after sending it: the size limit, named in every
 * message, the accepted types, and the effective date of a document. The server enforces the same
 * rules (the content decides the type there); the web app checks them before the first byte leaves.
 */
import { compareDates, type LocalDate, parseLocalDate } from "./dates.js";
import { extensionOf, isExtensionOf } from "./file-names.js";

const megabytes = new Intl.NumberFormat("es-MX", { maximumFractionDigits: 1 });

/** "25 MB" for 25 × 1024 × 1024 bytes (one decimal at most). */
export function megabytesLabel(bytes: number): string {
  return `${megabytes.format(bytes / 1024 / 1024)} MB`;
}

/** «El archivo supera el tamaño máximo permitido (25 MB).» */
export function fileTooLargeMessage(maxBytes: number): string {
  return `El archivo supera el tamaño máximo permitido (${megabytesLabel(maxBytes)}).`;
}

/** What the instance accepts (`GET /api/uploads/limits`). */
export interface UploadRules {
  maxBytes: number;
  acceptedLabel: string;
  accepted: readonly { ext: string; mime: string }[];
}

/**
 * Why a chosen file would be refused, or null. The type is judged by what the browser knows (the
 * name's extension and its MIME type): a name with an extension no accepted type has, and a MIME
 * type none has either, is refused. A name without an extension is left to the server, which
 * recognises the content.
 */
export function chosenFileProblem(
  file: { name: string; size: number; type: string },
  rules: UploadRules,
): string | null {
  const ext = extensionOf(file.name);
  const knownExt = ext !== null && rules.accepted.some((type) => isExtensionOf(ext, type.ext));
  const knownMime = rules.accepted.some((type) => type.mime === file.type);
  if (ext !== null && !knownExt && !knownMime) {
    return `No se admiten archivos .${ext}. Tipos admitidos: ${rules.acceptedLabel}; hasta ${megabytesLabel(rules.maxBytes)}.`;
  }
  if (file.size > rules.maxBytes) {
    return fileTooLargeMessage(rules.maxBytes);
  }
  return null;
}

function dayMonthYear(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}

/**
 * A document's effective date (fecha de vigencia) says since when it rules: a date after today
 * would claim something not yet in force.
 */
export function effectiveDateProblem(effectiveOn: LocalDate, today: LocalDate): string | null {
  return compareDates(effectiveOn, today) > 0
    ? `La fecha de vigencia no puede ser posterior a hoy (${dayMonthYear(today)}).`
    : null;
}
