import { describe, expect, it } from "vitest";
import { extensionOf, isExtensionOf, MAX_FILE_NAME_LENGTH, nameForType } from "./file-names.js";

describe("nameForType", () => {
  it("gives a PDF uploaded as a web page the PDF extension, keeping its base name", () => {
    expect(nameForType("informe.html", "pdf")).toBe("informe.pdf");
    expect(nameForType("Informe trimestral.HTM", "pdf")).toBe("Informe trimestral.pdf");
    expect(nameForType("foto.svg", "png")).toBe("foto.png");
  });

  it("adds the extension to a name without one", () => {
    expect(nameForType("informe", "pdf")).toBe("informe.pdf");
    expect(nameForType("Acta 12.03.2024", "pdf")).toBe("Acta 12.03.2024.pdf");
  });

  it("keeps a name whose extension already names the type, in any case or spelling", () => {
    expect(nameForType("informe.pdf", "pdf")).toBe("informe.pdf");
    expect(nameForType("INFORME.PDF", "pdf")).toBe("INFORME.PDF");
    expect(nameForType("foto.jpeg", "jpg")).toBe("foto.jpeg");
    expect(nameForType("foto.JPG", "jpg")).toBe("foto.JPG");
    expect(nameForType("Padrón 2024.xlsx", "xlsx")).toBe("Padrón 2024.xlsx");
  });

  it("names an older Office name by what the content is", () => {
    expect(nameForType("oficio.doc", "docx")).toBe("oficio.docx");
    expect(nameForType("padron.xlsx", "ods")).toBe("padron.ods");
  });

  it("does not double the extension when the wrong one was appended to the right one", () => {
    expect(nameForType("informe.pdf.html", "pdf")).toBe("informe.pdf");
    expect(nameForType("informe.pdf.exe", "pdf")).toBe("informe.pdf");
  });

  it("drops trailing dots and spaces, which Windows would drop on saving", () => {
    expect(nameForType("informe.html.", "pdf")).toBe("informe.pdf");
    expect(nameForType("informe.html . ", "pdf")).toBe("informe.pdf");
    expect(nameForType("informe.pdf.", "pdf")).toBe("informe.pdf");
  });

  it("names a file with nothing left of its name «documento»", () => {
    expect(nameForType("", "pdf")).toBe("documento.pdf");
    expect(nameForType("...", "png")).toBe("documento.png");
  });

  it("stays within the name length limit when the extension is added", () => {
    const long = `${"a".repeat(MAX_FILE_NAME_LENGTH)}.html`;
    const named = nameForType(long, "pdf");
    expect(named).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(named.endsWith("a.pdf")).toBe(true);
  });
});

describe("extensionOf", () => {
  it("reads the letters after the last dot, not a date's digits nor a dot file", () => {
    expect(extensionOf("informe.HTML")).toBe("html");
    expect(extensionOf("Acta 12.03.2024")).toBeNull();
    expect(extensionOf("informe")).toBeNull();
    expect(extensionOf(".pdf")).toBeNull();
    expect(extensionOf("informe.tar.gz")).toBe("gz");
  });
});

describe("isExtensionOf", () => {
  it("accepts the usual spellings of a JPEG and nothing else for other types", () => {
    expect(isExtensionOf("JPEG", "jpg")).toBe(true);
    expect(isExtensionOf("jpg", "jpg")).toBe(true);
    expect(isExtensionOf("pdf", "jpg")).toBe(false);
    expect(isExtensionOf("doc", "docx")).toBe(false);
  });
});
