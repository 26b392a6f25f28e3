/**
 * Minimal, structurally valid office files for upload tests, built in code rather than checked in
 * as binaries: a ZIP writer, OOXML parts, and a DOCX and an XLSX.
 */
import yazl from "yazl";

export const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const OOXML_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types";
const OOXML_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const OFFICE_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export function contentTypes(overrides: Record<string, string>): string {
  const parts = Object.entries(overrides)
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join("");
  return `${XML}<Types xmlns="${OOXML_TYPES}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${parts}</Types>`;
}

export function relationships(rels: { id: string; type: string; target: string }[]): string {
  const items = rels
    .map((rel) => `<Relationship Id="${rel.id}" Type="${rel.type}" Target="${rel.target}"/>`)
    .join("");
  return `${XML}<Relationships xmlns="${OOXML_RELS}">${items}</Relationships>`;
}

/**
 * A Word document with one paragraph; `macroEnabled` gives the DOCM flavour instead, `extra`
 * entries are added after its parts.
 */
export function minimalDocx({
  macroEnabled = false,
  extra = [],
}: {
  macroEnabled?: boolean;
  extra?: ZipEntry[];
} = {}): Promise<Buffer> {
  const main = macroEnabled
    ? "application/vnd.ms-word.document.macroEnabled.main+xml"
    : "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
  return zip([
    { name: "[Content_Types].xml", data: contentTypes({ "/word/document.xml": main }) },
    {
      name: "_rels/.rels",
      data: relationships([
        { id: "rId1", type: `${OFFICE_DOC_REL}/officeDocument`, target: "word/document.xml" },
      ]),
    },
    {
      name: "word/document.xml",
      data: `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Evidencia</w:t></w:r></w:p></w:body></w:document>`,
    },
    ...extra,
  ]);
}

/** A workbook with one sheet and one inline-string cell. */
export function minimalXlsx(): Promise<Buffer> {
  const sheetMl = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  return zip([
    {
      name: "[Content_Types].xml",
      data: contentTypes({
        "/xl/workbook.xml":
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "/xl/worksheets/sheet1.xml":
          "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
      }),
    },
    {
      name: "_rels/.rels",
      data: relationships([
        { id: "rId1", type: `${OFFICE_DOC_REL}/officeDocument`, target: "xl/workbook.xml" },
      ]),
    },
    {
      name: "xl/workbook.xml",
      data: `${XML}<workbook xmlns="${sheetMl}" xmlns:r="${OFFICE_DOC_REL}"><sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: relationships([
        { id: "rId1", type: `${OFFICE_DOC_REL}/worksheet`, target: "worksheets/sheet1.xml" },
      ]),
    },
    {
      name: "xl/worksheets/sheet1.xml",
      data: `${XML}<worksheet xmlns="${sheetMl}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Evidencia</t></is></c></row></sheetData></worksheet>`,
    },
  ]);
}

/** A ZIP of the given entries, in order (OpenDocument needs `mimetype` first and uncompressed). */
export interface ZipEntry {
  name: string;
  data: string | Buffer;
  store?: boolean;
}

export function zip(entries: ZipEntry[]): Promise<Buffer> {
  const file = new yazl.ZipFile();
  for (const entry of entries) {
    file.addBuffer(Buffer.from(entry.data), entry.name, {
      compress: !entry.store,
      // No extra field on a stored entry: ODF readers expect the mimetype text at offset 38.
      forceDosTimestamp: entry.store === true,
      mtime: new Date("2026-01-01T00:00:00Z"),
    });
  }
  file.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    file.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    file.outputStream.on("error", reject);
    file.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
