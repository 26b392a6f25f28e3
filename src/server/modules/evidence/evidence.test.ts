import fs from "node:fs";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { ToolInstanceDetail } from "../../../contracts/participation.js";
import { auditEvents, evidenceFiles } from "../../db/schema/index.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { type Session, toolInstanceOf } from "../../test/factories.js";
import { SAMPLE_ELF, SAMPLE_PNG, samplePdf } from "../../test/samples.js";

const ctx = setUpTestApp({ config: { maxUploadBytes: 64 * 1024 }, agreements: ["15106"] });
const liaison = ctx.session("liaison");
const collaborator = ctx.session("collaborator");
const reviewer = ctx.session("reviewer");
const outsider = ctx.session("collaborator", { municipality: "15054" });
let instances: Map<string, string>;
let pdf: Buffer;

beforeAll(async () => {
  instances = new Map([
    ["E2", (await toolInstanceOf(ctx.app, liaison, "E2")).id],
    ["E3", (await toolInstanceOf(ctx.app, liaison, "E3", { part: "a" })).id],
  ]);
  pdf = await samplePdf();
});

const instance = (code: string) => {
  const found = instances.get(code);
  if (!found) {
    throw new Error(`${code} missing`);
  }
  return found;
};
const upload = (id: string, session: Session, fileName: string, data: Buffer, query = "") => {
  return ctx.upload(`/api/tool-instances/${id}/evidence${query}`, session, fileName, data);
};
const blobRoot = () => (ctx.config.blobStore.kind === "disk" ? ctx.config.blobStore.root : "");
const blobCount = () => {
  const root = blobRoot();
  const walk = (dir: string): number =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .reduce(
            (n, e) =>
              n +
              (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.includes(".tmp") ? 0 : 1),
            0,
          )
      : 0;
  return walk(root);
};
/** What an upload leaves behind: the files in the blob store and the evidence rows. */
const stored = async () => {
  const [rows] = await ctx.handle.db.select({ n: count() }).from(evidenceFiles);
  return { blobs: blobCount(), evidence: rows?.n ?? 0 };
};
/** How many downloads of the given evidence file the audit trail records. */
const downloadsOf = async (id: string | undefined) =>
  (
    await ctx.handle.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "evidence.downloaded"), eq(auditEvents.entityId, id ?? "")))
  ).length;

describe("POST /api/tool-instances/:id/evidence", () => {
  it("stores a PDF as version 1, hashed, and moves the tool to in progress", async () => {
    const response = await upload(
      instance("E2"),
      collaborator,
      "../../Política 2023.pdf",
      pdf,
      "?effectiveOn=2023-01-10&public=true",
    );
    expect(response.statusCode).toBe(201);
    const detail = json<ToolInstanceDetail>(response);
    expect(detail.state).toBe("in_progress");
    expect(detail.evidence).toEqual([
      expect.objectContaining({
        version: 1,
        fileName: "Política 2023.pdf",
        mime: "application/pdf",
        size: pdf.length,
        effectiveOn: "2023-01-10",
        isPublic: true,
      }),
    ]);
    const { createHash } = await import("node:crypto");
    expect(detail.evidence[0]?.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    const [event] = await auditEventsOf(ctx.handle.db, "evidence.uploaded");
    expect(event).toMatchObject({
      municipalityCvegeo: "15106",
      after: { version: 1, state: "in_progress" },
    });
  });

  it("keeps every upload as a new version, never overwriting", async () => {
    const response = await upload(instance("E2"), liaison, "foto-acta.png", SAMPLE_PNG);
    const detail = json<ToolInstanceDetail>(response);
    expect(detail.evidence.map((e) => [e.version, e.mime])).toEqual([
      [1, "application/pdf"],
      [2, "image/png"],
    ]);
  });

  it("refuses a renamed executable by its content with 415, storing nothing", async () => {
    const before = blobCount();
    const response = await upload(instance("E3"), liaison, "politica.pdf", SAMPLE_ELF);
    expect(errorOf(response, 415)).toMatchObject({
      code: "unsupported_file_type",
      message: expect.stringContaining("PDF, DOCX, XLSX, ODT, ODS, JPG o PNG"),
    });
    expect(blobCount()).toBe(before);
    expect(
      await ctx.handle.db
        .select()
        .from(evidenceFiles)
        .where(eq(evidenceFiles.toolInstanceId, instance("E3"))),
    ).toEqual([]);
  });

  it("refuses a file over the size limit with 413, storing nothing", async () => {
    const before = blobCount();
    const response = await upload(
      instance("E3"),
      liaison,
      "grande.pdf",
      Buffer.concat([pdf, Buffer.alloc(80 * 1024)]),
    );
    expect(response.statusCode).toBe(413);
    expect(errorCode(response)).toBe("file_too_large");
    // The message names the limit (64 KiB here).
    expect(json<{ error: { message: string } }>(response).error.message).toBe(
      "El archivo supera el tamaño máximo permitido (0.1 MB).",
    );
    expect(blobCount()).toBe(before);
    // Nothing staged either: the disk store receives beside the blobs, S3 in the temp folder.
    const staging = [
      ctx.config.uploadTempDir,
      ...(blobRoot() ? [path.join(blobRoot(), ".tmp")] : []),
    ];
    expect(staging.flatMap((dir) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []))).toEqual([]);
  });

  it("refuses an effective date after today with 400 naming the field, storing nothing", async () => {
    const before = await stored();
    const future = await upload(instance("E3"), liaison, "a.pdf", pdf, "?effectiveOn=2031-01-10");
    expect(future.statusCode).toBe(400);
    const body = json<{ error: { code: string; message: string; details: unknown[] } }>(future);
    expect(body.error.code).toBe("validation_error");
    expect(body.error.message).toMatch(
      /^La fecha de vigencia no puede ser posterior a hoy \(\d{2}\/\d{2}\/\d{4}\)\.$/,
    );
    expect(body.error.details).toEqual([{ field: "effectiveOn", message: body.error.message }]);
    expect(await stored()).toEqual(before);
  });

  it("refuses staff uploads (403), another municipality's instance (404) and a non-multipart body", async () => {
    const before = await stored();
    expect(before).toEqual({ blobs: 2, evidence: 2 });
    const byStaff = await upload(instance("E3"), reviewer, "a.pdf", pdf);
    expect(byStaff.statusCode).toBe(403);
    expect(errorCode(byStaff)).toBe("forbidden");
    const byOutsider = await upload(instance("E3"), outsider, "a.pdf", pdf);
    expect(byOutsider.statusCode).toBe(404);
    expect(errorCode(byOutsider)).toBe("not_found");
    const plain = await ctx.send(
      "POST",
      `/api/tool-instances/${instance("E3")}/evidence`,
      liaison,
      { file: "x" },
    );
    expect(plain.statusCode).toBe(415);
    expect(errorCode(plain)).toBe("unsupported_media_type");
    expect(await stored()).toEqual(before);
  });

  it("refuses uploads while the tool is in review", async () => {
    expect(
      (await ctx.send("POST", `/api/tool-instances/${instance("E2")}/submit`, liaison)).statusCode,
    ).toBe(200);
    const before = await stored();
    const response = await upload(instance("E2"), liaison, "otra.pdf", pdf);
    expect(errorOf(response, 409)).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("en revisión"),
    });
    expect(await stored()).toEqual(before);
  });
});

describe("GET /api/uploads/limits", () => {
  it("tells forms the configured size limit and the accepted types", async () => {
    const limits = json<{ maxBytes: number; acceptedLabel: string; accepted: { ext: string }[] }>(
      await ctx.app.inject({ method: "GET", url: "/api/uploads/limits" }),
    );
    expect(limits).toMatchObject({
      maxBytes: 64 * 1024,
      acceptedLabel: "PDF, DOCX, XLSX, ODT, ODS, JPG o PNG",
    });
    expect(limits.accepted.map((t) => t.ext)).toEqual([
      "pdf",
      "docx",
      "xlsx",
      "odt",
      "ods",
      "jpg",
      "png",
    ]);
  });
});

describe("GET /api/evidence/:id/download", () => {
  it("sends the exact bytes as an attachment with nosniff, and audits the download", async () => {
    const detail = json<ToolInstanceDetail>(
      await ctx.get(`/api/tool-instances/${instance("E2")}`, reviewer),
    );
    const id = detail.evidence[0]?.id;
    const response = await ctx.get(`/api/evidence/${id}/download`, reviewer);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(pdf)).toBe(true);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="Politica 2023.pdf"; filename*=UTF-8''Pol%C3%ADtica%202023.pdf`,
    );
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    const [event] = await auditEventsOf(ctx.handle.db, "evidence.downloaded");
    expect(event?.entityId).toBe(id);
  });

  it("hides another municipality's document (404) and refuses anonymous downloads (401)", async () => {
    const [file] = await ctx.handle.db
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.toolInstanceId, instance("E2")))
      .orderBy(evidenceFiles.version)
      .limit(1);
    // The reviewer's download above is the only one so far.
    expect(await downloadsOf(file?.id)).toBe(1);
    const hidden = await ctx.get(`/api/evidence/${file?.id}/download`, outsider);
    expect(hidden.statusCode).toBe(404);
    expect(errorCode(hidden)).toBe("not_found");
    expect(hidden.rawPayload.includes(pdf)).toBe(false);
    const anonymous = await ctx.app.inject({
      method: "GET",
      url: `/api/evidence/${file?.id}/download`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(errorCode(anonymous)).toBe("unauthenticated");
    expect(await downloadsOf(file?.id)).toBe(1);
  });
});

describe("a stored file's name follows its content (issue 13, finding 4)", () => {
  const headersOf = async (id: string, what: "download" | "preview") => {
    const response = await ctx.get(`/api/evidence/${id}/${what}`, liaison);
    expect(response.statusCode).toBe(200);
    return response.headers;
  };

  it("stores a PDF uploaded as informe.html as informe.pdf and downloads it so", async () => {
    const response = await upload(instance("E3"), liaison, "informe.html", pdf);
    expect(response.statusCode).toBe(201);
    const [evidence] = json<ToolInstanceDetail>(response).evidence;
    expect(evidence).toMatchObject({ fileName: "informe.pdf", mime: "application/pdf" });
    const [event] = await auditEventsOf(ctx.handle.db, "evidence.uploaded", {
      entityId: evidence?.id ?? "",
    });
    expect(event?.after).toMatchObject({ fileName: "informe.pdf" });
    const download = await headersOf(evidence?.id ?? "", "download");
    expect(download["content-disposition"]).toBe(
      `attachment; filename="informe.pdf"; filename*=UTF-8''informe.pdf`,
    );
    expect(download["content-type"]).toBe("application/pdf");
    const preview = await headersOf(evidence?.id ?? "", "preview");
    expect(preview["content-disposition"]).toBe(
      `inline; filename="informe.pdf"; filename*=UTF-8''informe.pdf`,
    );
  });

  it("gives a name without extension the detected one, and keeps a right one as typed", async () => {
    const bare = await upload(instance("E3"), liaison, "informe", pdf);
    expect(bare.statusCode).toBe(201);
    const photo = await upload(instance("E3"), liaison, "Foto del acta.JPEG.svg", SAMPLE_PNG);
    expect(photo.statusCode).toBe(201);
    const kept = await upload(instance("E3"), liaison, "Acta.PDF", pdf);
    const names = json<ToolInstanceDetail>(kept).evidence.map((e) => e.fileName);
    expect(names).toEqual(
      expect.arrayContaining(["informe.pdf", "Foto del acta.JPEG.png", "Acta.PDF"]),
    );
    expect(names).not.toContain("informe");
  });

  it("downloads a file stored under a misleading name by the extension of its type", async () => {
    const [file] = await ctx.handle.db
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.toolInstanceId, instance("E3")))
      .limit(1);
    // As a file uploaded before names followed their type was stored.
    await ctx.handle.db
      .update(evidenceFiles)
      .set({ fileName: "antiguo.html" })
      .where(eq(evidenceFiles.id, file?.id ?? ""));
    const download = await headersOf(file?.id ?? "", "download");
    expect(download["content-disposition"]).toBe(
      `attachment; filename="antiguo.pdf"; filename*=UTF-8''antiguo.pdf`,
    );
  });
});
