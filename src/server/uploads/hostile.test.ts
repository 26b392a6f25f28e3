import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance, ToolInstanceDetail } from "../../contracts/participation.js";
import { documents, evidenceFiles } from "../db/schema/index.js";
import { SYSTEM_ACTOR } from "../lib/audit.js";
import { registerAgreement } from "../modules/agreements/service.js";
import { json, setUpTestApp } from "../test/app.js";
import { type Session, signedIn } from "../test/factories.js";
import { minimalDocx, minimalXlsx, zip } from "../test/office.js";
import { multipartBody, SAMPLE_ELF, samplePdf } from "../test/samples.js";
import { ZIP_LIMITS } from "./detect.js";

/**
 * Hostile files through the real upload routes (evidence, and the agreement document): each is
 * refused with a clear 4xx and a stable code, or, for names, accepted under a sanitised name; and
 * nothing is left behind: no row, no blob in the blob store, no staged file in the temp folder.
 */
const MAX_UPLOAD = 2 * 1024 * 1024;

const ctx = setUpTestApp({ config: { maxUploadBytes: MAX_UPLOAD } });
let liaison: Session;
let admin: Session;
let instanceId: string;
let agreementId: string;
let pdf: Buffer;

beforeAll(async () => {
  agreementId = await registerAgreement(
    ctx.handle.db,
    { municipality: "15106", signedOn: "2022-11-16", cohort: "Cohorte 2022" },
    SYSTEM_ACTOR,
    new Date(),
  );
  liaison = (await signedIn(ctx.app, "liaison", { municipality: "15106" })).session;
  admin = (await signedIn(ctx.app, "admin")).session;
  const tools = json<ToolInstance[]>(await ctx.get("/api/municipalities/15106/tools", liaison));
  instanceId = tools.find((tool) => tool.tool === "E3")?.id ?? "";
  pdf = await samplePdf();
});

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [entry.name],
    );
}

const blobRoot = () => (ctx.config.blobStore.kind === "disk" ? ctx.config.blobStore.root : "");

/** What a refused upload must not leave: rows, blobs, staged files. */
async function leftovers() {
  return {
    evidence: (
      await ctx.handle.db
        .select()
        .from(evidenceFiles)
        .where(eq(evidenceFiles.toolInstanceId, instanceId))
    ).length,
    documents: (await ctx.handle.db.select().from(documents)).length,
    blobs: filesUnder(blobRoot()).length,
    staged: filesUnder(ctx.config.uploadTempDir),
  };
}

const uploadRaw = (payload: Buffer | string, contentType: string, url = evidenceUrl()) =>
  ctx.app.inject({
    method: "POST",
    url,
    headers: { ...liaison.headers, "content-type": contentType },
    payload,
  });
const evidenceUrl = () => `/api/tool-instances/${instanceId}/evidence`;
const upload = (fileName: string, data: Buffer, url = evidenceUrl(), session = liaison) => {
  return ctx.upload(url, session, fileName, data);
};

async function expectRefused(
  response: { statusCode: number; body: string },
  status: number,
  code: string,
) {
  expect(response.statusCode, response.body).toBe(status);
  const body = JSON.parse(response.body) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[áéíóúñ]|archivo|petición/i);
  expect(await leftovers()).toEqual({ evidence: 0, documents: 0, blobs: 0, staged: [] });
}

describe("renamed executables and polyglots", () => {
  const pe = Buffer.alloc(256);
  pe.write("MZ", 0, "latin1");
  pe.writeUInt32LE(0x80, 0x3c);
  pe.write("PE\0\0", 0x80, "latin1");
  const cases: [string, () => Buffer | Promise<Buffer>][] = [
    ["an ELF executable named .pdf", () => SAMPLE_ELF],
    ["a Windows PE executable named .pdf", () => pe],
    ["a shell script named .pdf", () => Buffer.from("#!/bin/sh\nrm -rf / --no-preserve-root\n")],
    [
      "a PDF that is also a ZIP (archive appended after %%EOF)",
      async () => Buffer.concat([pdf, await zip([{ name: "payload.exe", data: "MZ" }])]),
    ],
    [
      "a ZIP wearing a PDF header",
      async () => Buffer.concat([Buffer.from("%PDF-1.7\n"), await minimalDocx()]),
    ],
    [
      "HTML with a script inside a PDF",
      () =>
        Buffer.concat([
          Buffer.from("%PDF-1.4\n<html><body><script>fetch('/api/users')</script></body></html>\n"),
          pdf.subarray(9),
        ]),
    ],
  ];
  it.each(cases)("refuses %s with 415 and stores nothing", async (_name, build) => {
    await expectRefused(await upload("informe.pdf", await build()), 415, "unsupported_file_type");
  });

  it("refuses an executable through the agreement document route too", async () => {
    await expectRefused(
      await upload("convenio.pdf", SAMPLE_ELF, `/api/agreements/${agreementId}/document`, admin),
      415,
      "unsupported_file_type",
    );
  });
});

describe("zip bombs in DOCX and XLSX, judged on the central directory", () => {
  it("refuses an entry with an extreme compression ratio", async () => {
    // 64 MiB of zeros deflate to ~64 KB: a 1,000:1 ratio, far beyond any real document.
    const bomb = await minimalDocx({
      extra: [{ name: "word/media/zeros.bin", data: Buffer.alloc(64 << 20) }],
    });
    expect(bomb.length).toBeLessThan(MAX_UPLOAD);
    const response = await upload("informe.docx", bomb);
    await expectRefused(response, 415, "unsupported_file_type");
    expect(response.body).toContain("bomba zip");
  });

  it("refuses a declared uncompressed size over the limit, without inflating it", async () => {
    const docx = await minimalXlsx();
    // Declare 2 GiB for the first entry in the central directory (the data stays tiny).
    const directory = docx.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const first = docx.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(directory).toBeGreaterThan(0);
    docx.writeUInt32LE(0x7fffffff, first + 24);
    docx.writeUInt32LE(0x7fffffff, directory + 24);
    const response = await upload("datos.xlsx", docx);
    await expectRefused(response, 415, "unsupported_file_type");
    expect(response.body).toContain("bomba zip");
  });

  it(`refuses more than ${ZIP_LIMITS.maxEntries} entries`, async () => {
    const many = Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, index) => ({
      name: `x/${index}`,
      data: Buffer.alloc(0),
      store: true,
    }));
    const response = await upload("muchas.docx", await minimalDocx({ extra: many }));
    await expectRefused(response, 415, "unsupported_file_type");
  });

  it("refuses entry names that climb out of the archive (zip slip)", async () => {
    // yazl refuses to write such a name, so the name is patched in both headers afterwards.
    const docx = await minimalDocx({
      extra: [{ name: "zz/zz/zz/etc/cron.d/evil", data: Buffer.from("* * * * * root id") }],
    });
    const hostile = Buffer.from(
      docx.toString("latin1").replaceAll("zz/zz/zz/", "../../../"),
      "latin1",
    );
    const response = await upload("informe.docx", hostile);
    await expectRefused(response, 415, "unsupported_file_type");
  });

  it("still accepts a genuine DOCX", async () => {
    const response = await upload("informe.docx", await minimalDocx());
    expect(response.statusCode, response.body).toBe(201);
    await ctx.handle.db.delete(evidenceFiles).where(eq(evidenceFiles.toolInstanceId, instanceId));
    fs.rmSync(blobRoot(), { recursive: true, force: true });
  });
});

describe("file names", () => {
  const cases: [string, string, string][] = [
    ["path traversal", "../../etc/passwd.pdf", "passwd.pdf"],
    ["an absolute Windows path", "C:\\Windows\\System32\\acta.pdf", "acta.pdf"],
    ["an absolute Unix path", "/etc/shadow.pdf", "shadow.pdf"],
    ["a NUL byte", "acta\u0000.exe.pdf", "acta.exe.pdf"],
    // The PDF it holds names it: the typed «.exe» gives way to the detected type's extension.
    ["an RTL override", "factura\u202Efdp.exe", "facturafdp.pdf"],
    ["invisible direction marks", "\u2066acta\u2069\u200F.pdf", "acta.pdf"],
    ["a 5,000-character name", `${"a".repeat(5000)}.pdf`, `${"a".repeat(196)}.pdf`],
  ];
  it.each(cases)("keeps %s only as a sanitised label", async (_name, raw, expected) => {
    const response = await upload(raw, pdf);
    expect(response.statusCode, response.body).toBe(201);
    const detail = json<ToolInstanceDetail>(response);
    const latest = detail.evidence.at(-1);
    expect(latest?.fileName).toBe(expected);
    const [row] = await ctx.handle.db
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.toolInstanceId, instanceId));
    // The blob key comes from the content, never from the name.
    expect(row?.blobKey).not.toMatch(/passwd|shadow|acta|factura|\.\./);
    expect(filesUnder(blobRoot()).every((file) => !file.includes(".pdf"))).toBe(true);
    await ctx.handle.db.delete(evidenceFiles).where(eq(evidenceFiles.toolInstanceId, instanceId));
    fs.rmSync(blobRoot(), { recursive: true, force: true });
  });
});

describe("broken multipart requests", () => {
  const boundary = "----mrtmhostil";
  const part = (name: string, body: Buffer | string, filename?: string) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ""}\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.from(body),
      Buffer.from("\r\n"),
    ]);
  const close = Buffer.from(`--${boundary}--\r\n`);
  const type = `multipart/form-data; boundary=${boundary}`;

  it("refuses two files in one request", async () => {
    const body = Buffer.concat([part("file", pdf, "a.pdf"), part("file2", pdf, "b.pdf"), close]);
    await expectRefused(await uploadRaw(body, type), 400, "validation_error");
  });

  it("refuses a request without a file part", async () => {
    await expectRefused(await uploadRaw(close, type), 400, "validation_error");
    await expectRefused(
      await uploadRaw(Buffer.concat([part("nota", "hola"), close]), type),
      400,
      "validation_error",
    );
  });

  it("refuses a body whose boundary is not the declared one", async () => {
    const body = Buffer.concat([part("file", pdf, "a.pdf"), close]);
    await expectRefused(
      await uploadRaw(body, "multipart/form-data; boundary=otra-frontera"),
      400,
      "validation_error",
    );
  });

  it("refuses a multipart type without a boundary", async () => {
    await expectRefused(await uploadRaw(close, "multipart/form-data"), 400, "validation_error");
  });

  it("refuses a body cut before its closing boundary", async () => {
    const body = Buffer.concat([part("file", pdf, "a.pdf")]).subarray(0, 2000);
    await expectRefused(await uploadRaw(body, type), 400, "validation_error");
  });

  it("refuses a file over the limit with 413", async () => {
    await expectRefused(
      await upload("grande.pdf", Buffer.concat([pdf, Buffer.alloc(MAX_UPLOAD)])),
      413,
      "file_too_large",
    );
  });
});

describe("a client that disconnects mid-upload", () => {
  it("leaves no staged file, no blob and no row", async () => {
    const address = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = new URL(address);
    const body = multipartBody("cortado.pdf", Buffer.concat([pdf, Buffer.alloc(512 * 1024, 1)]));
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        socket.write(
          [
            `POST ${evidenceUrl()} HTTP/1.1`,
            `Host: 127.0.0.1:${port}`,
            `Cookie: ${liaison.cookie}`,
            `X-CSRF-Token: ${liaison.csrfToken}`,
            `Content-Type: ${body.headers["content-type"]}`,
            `Content-Length: ${body.payload.length}`,
            "",
            "",
          ].join("\r\n"),
        );
        // Half the body, then the connection drops.
        socket.write(body.payload.subarray(0, body.payload.length / 2), () => {
          setTimeout(() => socket.destroy(), 200);
        });
      });
      socket.on("close", () => resolve());
      socket.on("error", reject);
    });
    // The server notices the closed socket and cleans up; give it a moment. (The local disk
    // store receives an upload beside the blobs, in their .tmp/, which `blobs` counts.)
    for (let attempt = 0; attempt < 50; attempt++) {
      const state = await leftovers();
      if (state.staged.length === 0 && state.blobs === 0) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await leftovers()).toEqual({ evidence: 0, documents: 0, blobs: 0, staged: [] });
  });
});
