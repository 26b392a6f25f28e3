import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalDocx, minimalXlsx, XML, zip } from "../test/office.js";
import { ACCEPTED_TYPES_LABEL } from "./accepted-types.js";
import { detectFileType, requireAcceptedFileType } from "./detect.js";
import { UnsupportedFileTypeError } from "./errors.js";

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "mrtm-detect-"));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Writes the bytes under a name chosen to mislead: detection must not look at it. */
async function write(name: string, data: Buffer | string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, data);
  return file;
}

describe("detectFileType accepts the evidence formats by content", () => {
  const cases: [string, () => Buffer | Promise<Buffer>, string, string][] = [
    ["pdf", minimalPdf, "pdf", "application/pdf"],
    [
      "docx",
      () => minimalDocx(),
      "docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    [
      "xlsx",
      minimalXlsx,
      "xlsx",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ],
    ["odt", () => minimalOdf("text"), "odt", "application/vnd.oasis.opendocument.text"],
    [
      "ods",
      () => minimalOdf("spreadsheet"),
      "ods",
      "application/vnd.oasis.opendocument.spreadsheet",
    ],
    ["jpg", minimalJpeg, "jpg", "image/jpeg"],
    ["png", () => PNG_1X1, "png", "image/png"],
  ];

  it.each(cases)("%s", async (name, build, ext, mime) => {
    // Named .bin: only the content speaks.
    const file = await write(`${name}-sample.bin`, await build());
    expect(await detectFileType(file)).toEqual({ ext, mime });
  });

  it("ignores a misleading name (a PDF called foto.png is a PDF)", async () => {
    const file = await write("foto.png", minimalPdf());
    expect(await detectFileType(file)).toEqual({ ext: "pdf", mime: "application/pdf" });
  });
});

describe("detectFileType refuses everything else", () => {
  const elf = Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
    Buffer.alloc(120),
  ]);
  // DOS stub + PE signature at the offset e_lfanew points to, as in any Windows executable.
  const pe = Buffer.alloc(256);
  pe.write("MZ", 0, "latin1");
  pe.writeUInt32LE(0x80, 0x3c);
  pe.write("PE\0\0", 0x80, "latin1");

  const cases: [string, () => Buffer | string | Promise<Buffer>][] = [
    ["an ELF executable renamed .pdf", () => elf],
    ["a Windows executable renamed .pdf", () => pe],
    ["a plain ZIP", () => zip([{ name: "informe.txt", data: "hola" }])],
    ["a macro-enabled Word document (DOCM)", () => minimalDocx({ macroEnabled: true })],
    ["an OpenDocument presentation (ODP)", () => minimalOdf("presentation")],
    ["HTML", () => "<!doctype html><html><body><script>alert(1)</script></body></html>"],
    [
      "SVG",
      () =>
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ],
    ["plain text", () => "Acta de la sesión de cabildo\n"],
    ["an empty file", () => Buffer.alloc(0)],
    ["a PDF cut in half", () => minimalPdf().subarray(0, 300)],
    ["a PDF header alone", () => "%PDF-1.7\n"],
    ["a DOCX cut before its central directory", async () => cut(await minimalDocx(), 0.6)],
    [
      "an ODS cut before its central directory",
      async () => cut(await minimalOdf("spreadsheet"), 0.6),
    ],
    ["a PNG without its IEND chunk", () => PNG_1X1.subarray(0, PNG_1X1.length - 12)],
  ];

  it.each(cases)("%s", async (name, build) => {
    const file = await write(`${name.replace(/\W+/g, "-")}.pdf`, await build());
    expect(await detectFileType(file)).toBeNull();
  });

  it("requireAcceptedFileType says, in Spanish, which types are accepted", async () => {
    const file = await write("virus.pdf", elf);
    const error = await requireAcceptedFileType(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedFileTypeError);
    expect(error).toMatchObject({ code: "unsupported_file_type", status: 415 });
    expect((error as Error).message).toContain("PDF, DOCX, XLSX, ODT, ODS, JPG o PNG");
    expect(ACCEPTED_TYPES_LABEL).toBe("PDF, DOCX, XLSX, ODT, ODS, JPG o PNG");
  });
});

function cut(data: Buffer, fraction: number): Buffer {
  return data.subarray(0, Math.floor(data.length * fraction));
}

// Structurally valid sample files, built here rather than checked in as opaque binaries.

/** A one-page PDF 1.4 with a correct cross-reference table and trailer. */
function minimalPdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    streamObject("BT /F1 24 Tf 20 100 Td (Evidencia) Tj ET"),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function streamObject(content: string): string {
  return `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
}

/** 1×1 PNG (checked with pngjs when written: one RGBA pixel). */
const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * An 8×8 grey baseline JPEG: JFIF header, a flat quantisation table, one-symbol Huffman tables,
 * one block coded as "DC 0, end of block" (checked with jpeg-js when written: all pixels 128).
 */
function minimalJpeg(): Buffer {
  const segment = (marker: number, body: number[]) =>
    Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
  const huffman = (tableClass: number) => [tableClass, 1, ...new Array<number>(15).fill(0), 0];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [...Buffer.from("JFIF\0", "latin1"), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    segment(0xc4, huffman(0x00)),
    segment(0xc4, huffman(0x10)),
    segment(0xda, [1, 1, 0, 0, 63, 0]),
    Buffer.from([0x3f, 0xff, 0xd9]),
  ]);
}

const ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/** An OpenDocument package: `mimetype` first and stored, then the manifest and content.xml. */
function minimalOdf(kind: "text" | "spreadsheet" | "presentation"): Promise<Buffer> {
  const mime = `application/vnd.oasis.opendocument.${kind}`;
  const bodies = {
    text: `<office:text><text:p>Evidencia</text:p></office:text>`,
    spreadsheet: `<office:spreadsheet><table:table table:name="Hoja1"><table:table-row><table:table-cell office:value-type="string"><text:p>Evidencia</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>`,
    presentation: `<office:presentation><draw:page draw:name="1"/></office:presentation>`,
  };
  return zip([
    { name: "mimetype", data: mime, store: true },
    {
      name: "META-INF/manifest.xml",
      data: `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="${mime}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
    },
    {
      name: "content.xml",
      data: `${XML}<office:document-content xmlns:office="${ODF_OFFICE}" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" office:version="1.2"><office:body>${bodies[kind]}</office:body></office:document-content>`,
    },
  ]);
}
