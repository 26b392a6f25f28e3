/**
 * The name a stored file is offered under ends with the extension of what the file is, judged by
 * its content, never with the one its uploader typed: a PDF uploaded as `informe.html` is offered
 * as `informe.pdf`, so the operating system opens it with a PDF reader and never as a web page
 * (a PDF/HTML polyglot would otherwise run). The base name is kept; a name without extension gets
 * one.
 */

/** Longest stored name, extension included (the same limit the upload's name is cut to). */
export const MAX_FILE_NAME_LENGTH = 200;

/** Other spellings of a type's extension that name the same type: `foto.jpeg` stays as it is. */
const SAME_TYPE: Readonly<Record<string, readonly string[]>> = {
  jpg: ["jpg", "jpeg", "jpe", "jfif"],
};

/**
 * What reads as an extension at the end of a name: a dot and 1 to 10 letters or digits, at least
 * one a letter. `Acta 12.03.2024` has none (it is a date), so it keeps its digits and gets one.
 */
const EXTENSION = /\.([a-z0-9]{1,10})$/i;

/** The extension ending `name`, lower case, or null when it has none. */
export function extensionOf(name: string): string | null {
  const found = EXTENSION.exec(name)?.[1];
  return found && /[a-z]/i.test(found) && found.length < name.length - 1
    ? found.toLowerCase()
    : null;
}

/** Whether `extension` (any case) names the type whose canonical extension is `typeExt`. */
export function isExtensionOf(extension: string, typeExt: string): boolean {
  const wanted = typeExt.toLowerCase();
  return (SAME_TYPE[wanted] ?? [wanted]).includes(extension.toLowerCase());
}

/**
 * `name` ending with the extension of the detected type `typeExt` (e.g. `pdf`): unchanged when
 * its extension already names that type (in any case, or another spelling such as `jpeg`);
 * otherwise its extension is replaced (`informe.html` → `informe.pdf`; `informe.pdf.html` →
 * `informe.pdf`) or, when it has none, added (`informe` → `informe.pdf`). Trailing dots and
 * spaces go first, as Windows drops them on saving (`informe.html.` would be saved as
 * `informe.html`). The result stays within MAX_FILE_NAME_LENGTH; an empty name becomes
 * `documento.<ext>`.
 */
export function nameForType(name: string, typeExt: string): string {
  const ext = typeExt.toLowerCase();
  const trimmed = withoutTrailingDots(name);
  const current = extensionOf(trimmed);
  if (current !== null && isExtensionOf(current, ext)) {
    return trimmed.slice(0, MAX_FILE_NAME_LENGTH);
  }
  let base =
    current === null ? trimmed : withoutTrailingDots(trimmed.slice(0, -current.length - 1));
  const inner = extensionOf(base);
  if (inner !== null && isExtensionOf(inner, ext)) {
    base = base.slice(0, -inner.length - 1);
  }
  base = withoutTrailingDots(base.slice(0, MAX_FILE_NAME_LENGTH - ext.length - 1));
  return `${base === "" ? "documento" : base}.${ext}`;
}

function withoutTrailingDots(name: string): string {
  return name.replace(/[.\s]+$/u, "");
}
