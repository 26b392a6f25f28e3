import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Agreement, LiaisonDesignation } from "../../../contracts/participation.js";
import { documents } from "../../db/schema/index.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { buildUser, registerTestAgreement, type Session, signedIn } from "../../test/factories.js";
import { SAMPLE_ELF, samplePdf } from "../../test/samples.js";

const ctx = setUpTestApp();
let admin: Session;
let ownLiaison: Session;
let otherLiaison: Session;
let agreementId: string;
let pdf: Buffer;

beforeAll(async () => {
  agreementId = await registerTestAgreement(ctx.handle.db);
  await registerTestAgreement(ctx.handle.db, "15054");
  admin = (await signedIn(ctx.app, "admin")).session;
  // Not designated: the designation test below designates another liaison of Toluca, and a
  // hand-over would end this session.
  ownLiaison = (await signedIn(ctx.app, "liaison", { municipality: "15106", designated: false }))
    .session;
  otherLiaison = (await signedIn(ctx.app, "liaison", { municipality: "15054" })).session;
  pdf = await samplePdf("Convenio de colaboración firmado");
});

/** The audit events of documents attached to Toluca's agreement, oldest first. */
const attachedEvents = () =>
  auditEventsOf(ctx.handle.db, "agreement.document_attached", { entityId: agreementId });

describe("the signed agreement", () => {
  it("is attached by an admin, shown on the agreement, downloadable by the municipality and audited", async () => {
    expect(
      (
        await ctx.upload(
          `/api/agreements/${agreementId}/document`,
          admin,
          "Convenio Toluca.pdf",
          pdf,
        )
      ).statusCode,
    ).toBe(204);
    const agreement = json<Agreement>(
      await ctx.get("/api/municipalities/15106/agreement", ownLiaison),
    );
    expect(agreement.document).toMatchObject({ fileName: "Convenio Toluca.pdf", size: pdf.length });
    const download = await ctx.get(`/api/agreements/${agreementId}/document`, ownLiaison);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers["content-disposition"]).toContain("attachment");
    expect(await attachedEvents()).not.toEqual([]);
  });

  it("keeps the earlier version when a new one is attached", async () => {
    await ctx.upload(
      `/api/agreements/${agreementId}/document`,
      admin,
      "Convenio Toluca (corregido).pdf",
      pdf,
    );
    const rows = await ctx.handle.db
      .select()
      .from(documents)
      .where(eq(documents.ownerId, agreementId));
    expect(rows.map((r) => r.fileName).sort()).toEqual([
      "Convenio Toluca (corregido).pdf",
      "Convenio Toluca.pdf",
    ]);
  });

  it("is hidden from another municipality (404), refuses non-admin uploads and non-documents", async () => {
    const versions = async () =>
      (await ctx.handle.db.select().from(documents).where(eq(documents.ownerId, agreementId))).map(
        (r) => r.fileName,
      );
    const before = await versions();
    expect(before).toHaveLength(2);
    const hidden = await ctx.get(`/api/agreements/${agreementId}/document`, otherLiaison);
    expect(hidden.statusCode).toBe(404);
    expect(errorCode(hidden)).toBe("not_found");
    // A liaison may not attach it; an admin may not attach an executable renamed .pdf.
    for (const [session, data, status, code] of [
      [ownLiaison, pdf, 403, "forbidden"],
      [admin, SAMPLE_ELF, 415, "unsupported_file_type"],
    ] as const) {
      const refused = await ctx.upload(
        `/api/agreements/${agreementId}/document`,
        session,
        "x.pdf",
        data,
      );
      expect(refused.statusCode).toBe(status);
      expect(errorCode(refused)).toBe(code);
    }
    // No new version of the document.
    expect(await versions()).toEqual(before);
  });
});

describe("the designation letter", () => {
  it("is attached to a designation and listed in the liaison history", async () => {
    const liaison = await buildUser(ctx.handle.db, "liaison", {
      municipality: "15106",
      designated: false,
    });
    const history = json<LiaisonDesignation[]>(
      await ctx.send("POST", "/api/municipalities/15106/liaison", admin, {
        userId: liaison.id,
        designatedOn: "2022-11-20",
      }),
    );
    const designation = history[0];
    expect(
      (
        await ctx.upload(
          `/api/liaison-designations/${designation?.id}/letter`,
          admin,
          "Oficio de designación.pdf",
          pdf,
        )
      ).statusCode,
    ).toBe(204);
    const after = json<LiaisonDesignation[]>(
      await ctx.get("/api/municipalities/15106/liaisons", admin),
    );
    expect(after[0]?.letter?.fileName).toBe("Oficio de designación.pdf");
    const download = await ctx.get(`/api/liaison-designations/${designation?.id}/letter`, admin);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toMatch(/^attachment;/);
  });
});

describe("a document's name follows its content (issue 13, finding 4)", () => {
  const downloadName = async () =>
    (await ctx.get(`/api/agreements/${agreementId}/document`, ownLiaison)).headers[
      "content-disposition"
    ];

  it("stores a PDF attached as Convenio.html as Convenio.pdf and downloads it so", async () => {
    expect(
      (await ctx.upload(`/api/agreements/${agreementId}/document`, admin, "Convenio.html", pdf))
        .statusCode,
    ).toBe(204);
    const agreement = json<Agreement>(
      await ctx.get("/api/municipalities/15106/agreement", ownLiaison),
    );
    expect(agreement.document?.fileName).toBe("Convenio.pdf");
    const attached = await attachedEvents();
    expect(attached.map((e) => e.after)).toContainEqual(
      expect.objectContaining({ fileName: "Convenio.pdf" }),
    );
    expect(await downloadName()).toBe(
      `attachment; filename="Convenio.pdf"; filename*=UTF-8''Convenio.pdf`,
    );
  });

  it("downloads a document stored under a misleading name by the extension of its type", async () => {
    await ctx.handle.db
      .update(documents)
      .set({ fileName: "Convenio firmado.htm" })
      .where(eq(documents.fileName, "Convenio.pdf"));
    expect(await downloadName()).toBe(
      `attachment; filename="Convenio firmado.pdf"; filename*=UTF-8''Convenio%20firmado.pdf`,
    );
  });
});
