import { describe, expect, it } from "vitest";
import { extensionOf, isExtensionOf, MAX_FILE_NAME_LENGTH, nameForType } from "./file-names.js";

describe("nameForType", () => {
  it.each([
    // A PDF uploaded as a web page gets the PDF extension, keeping its base name.
    ["informe.html", "pdf", "informe.pdf"],
    ["Informe trimestral.HTM", "pdf", "Informe trimestral.pdf"],
    ["foto.svg", "png", "foto.png"],
    // A name without an extension gets one.
    ["informe", "pdf", "informe.pdf"],
    ["Acta 12.03.2024", "pdf", "Acta 12.03.2024.pdf"],
    // A name whose extension already names the type is kept, in any case or spelling.
    ["informe.pdf", "pdf", "informe.pdf"],
    ["INFORME.PDF", "pdf", "INFORME.PDF"],
    ["foto.jpeg", "jpg", "foto.jpeg"],
    ["foto.JPG", "jpg", "foto.JPG"],
    ["Padrón 2024.xlsx", "xlsx", "Padrón 2024.xlsx"],
    // An older Office name is named by what the content is.
    ["oficio.doc", "docx", "oficio.docx"],
    ["padron.xlsx", "ods", "padron.ods"],
    // The extension is not doubled when the wrong one was appended to the right one.
    ["informe.pdf.html", "pdf", "informe.pdf"],
    ["informe.pdf.exe", "pdf", "informe.pdf"],
    // Trailing dots and spaces are dropped, as Windows would drop them on saving.
    ["informe.html.", "pdf", "informe.pdf"],
    ["informe.html . ", "pdf", "informe.pdf"],
    ["informe.pdf.", "pdf", "informe.pdf"],
    // A file with nothing left of its name is «documento».
    ["", "pdf", "documento.pdf"],
    ["...", "png", "documento.png"],
  ])("names %j of type %s %j", (name, type, named) => {
    expect(nameForType(name, type)).toBe(named);
  });

  it("stays within the name length limit when the extension is added", () => {
    const long = `${"a".repeat(MAX_FILE_NAME_LENGTH)}.html`;
    const named = nameForType(long, "pdf");
    expect(named).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(named.endsWith("a.pdf")).toBe(true);
  });
});

describe("extensionOf", () => {
  it.each([
    ["informe.HTML", "html"],
    ["Acta 12.03.2024", null],
    ["informe", null],
    [".pdf", null],
    ["informe.tar.gz", "gz"],
  ])(
    "reads the letters after the last dot, not a date's digits nor a dot file: %j",
    (name, extension) => {
      expect(extensionOf(name)).toBe(extension);
    },
  );
});

describe("isExtensionOf", () => {
  it.each([
    ["JPEG", "jpg", true],
    ["jpg", "jpg", true],
    ["pdf", "jpg", false],
    ["doc", "docx", false],
  ])(
    "accepts the usual spellings of a JPEG and nothing else for other types: %s for %s",
    (extension, type, accepted) => {
      expect(isExtensionOf(extension, type)).toBe(accepted);
    },
  );
});
