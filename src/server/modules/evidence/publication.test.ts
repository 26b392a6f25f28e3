import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { EvidenceFile, ToolInstanceDetail } from "../../../contracts/participation.js";
import { OpenDataCatalog, OpenDataRows, PublicMunicipality } from "../../../contracts/public.js";
import { auditEvents, evidenceFiles, toolInstances } from "../../db/schema/index.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";
import { parseCsvTable } from "../../test/csv.js";
import { type Session, toolInstanceOf } from "../../test/factories.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import { freshOpenData } from "../../test/open-data.js";
import { answerOpenObservations } from "../../test/progress.js";
import { samplePdf } from "../../test/samples.js";

const ctx = setUpTestApp({ agreements: [TOLUCA, METEPEC] });
const liaison = ctx.session("liaison");
const liaisonName = "Persona liaison";
const collaborator = ctx.session("collaborator");
const reviewer = ctx.session("reviewer");
const admin = ctx.session("admin");
const otherLiaison = ctx.session("liaison", { municipality: METEPEC });

const get = (url: string, session?: Session) =>
  ctx.app.inject({ method: "GET", url, headers: session ? { cookie: session.cookie } : {} });

async function upload(instanceId: string, fileName: string, isPublic: boolean) {
  const response = await ctx.upload(
    `/api/tool-instances/${instanceId}/evidence?public=${isPublic}`,
    liaison,
    fileName,
    await samplePdf(fileName),
  );
  expect(response.statusCode).toBe(201);
  return json<ToolInstanceDetail>(response);
}

/** The version of a file (by name) as the tool page shows it to staff. */
async function version(instanceId: string, fileName: string): Promise<EvidenceFile> {
  const detail = json<ToolInstanceDetail>(await get(`/api/tool-instances/${instanceId}`, reviewer));
  const found = detail.evidence.find((file) => file.fileName === fileName);
  if (!found) {
    throw new Error(`${fileName} missing`);
  }
  return found;
}

const withdraw = (id: string, session: Session, reason: string) =>
  ctx.send("POST", `/api/evidence/${id}/withdrawal`, session, { reason });

const setPublic = (id: string, session: Session, isPublic: boolean) =>
  ctx.send("PUT", `/api/evidence/${id}/public`, session, { isPublic });

const remove = (id: string, session: Session) =>
  ctx.app.inject({ method: "DELETE", url: `/api/evidence/${id}`, headers: session.headers });

const auditOf = (action: string, id: string) =>
  ctx.handle.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, id)));

const row = async (id: string) =>
  (await ctx.handle.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id)))[0];

/** The liaison uploads one public file and submits it; the reviewer decides. */
async function sendPublicFile(
  instanceId: string,
  fileName: string,
  decision: "validate" | "request_changes",
) {
  await upload(instanceId, fileName, true);
  await submit(instanceId);
  await decide(instanceId, decision);
}

/** An instance that has gone through upload, submission and validation of one public file. */
async function publishedFile(tool: string, fileName: string, part: string | null = null) {
  const instance = (await toolInstanceOf(ctx.app, liaison, tool, { part })).id;
  await sendPublicFile(instance, fileName, "validate");
  return { instance, file: await version(instance, fileName) };
}

async function submit(instanceId: string) {
  // A returned tool goes back only with its observations answered (the resubmission rule).
  await answerOpenObservations(ctx, liaison, instanceId);
  const response = await ctx.send("POST", `/api/tool-instances/${instanceId}/submit`, liaison);
  expect(response.statusCode).toBe(200);
  return json<ToolInstanceDetail>(response);
}

async function decide(instanceId: string, decision: "validate" | "request_changes") {
  const current = json<ToolInstanceDetail>(
    await get(`/api/tool-instances/${instanceId}`, reviewer),
  );
  const response = await ctx.send("POST", `/api/tool-instances/${instanceId}/review`, reviewer, {
    decision,
    expectedVersion: current.version,
    observations:
      decision === "request_changes"
        ? [{ type: "requerimiento", text: "El documento muestra datos personales." }]
        : [],
  });
  expect(response.statusCode).toBe(200);
  return json<ToolInstanceDetail>(response);
}

const publicDocuments = async () =>
  PublicMunicipality.parse(json(await get(`/api/public/municipalities/${TOLUCA}`))).documents.map(
    (d) => d.fileName,
  );

/** The published documents as every public surface lists them: page, open data (CSV, JSON). */
async function everywherePublished() {
  const csv = parseCsvTable((await freshOpenData(ctx, "/api/public/open-data/documents.csv")).body);
  const rows = OpenDataRows.parse(
    json(await freshOpenData(ctx, "/api/public/open-data/documents.json")),
  );
  const catalog = OpenDataCatalog.parse(json(await get("/api/public/open-data")));
  return {
    page: await publicDocuments(),
    csv: csv.map((r) => r.archivo),
    json: rows.map((r) => r.archivo),
    catalogRows: catalog.datasets.find((d) => d.id === "documents")?.rows,
  };
}

describe("what the public sees of a returned submission", () => {
  it("never publishes a public file whose submission was returned, even once the tool is validated", async () => {
    const e2 = (await toolInstanceOf(ctx.app, liaison, "E2")).id;
    await sendPublicFile(e2, "politica-con-datos-personales.pdf", "request_changes");
    await sendPublicFile(e2, "politica-testada.pdf", "validate");

    expect(await publicDocuments()).toEqual(["politica-testada.pdf"]);
    const returned = await version(e2, "politica-con-datos-personales.pdf");
    expect((await get(`/api/public/documents/${returned.id}`)).statusCode).toBe(404);
    // The tool page says why: the returned version is not public, the corrected one is.
    expect(returned).toMatchObject({ sentWith: "changes_requested", publication: "returned" });
    expect(await version(e2, "politica-testada.pdf")).toMatchObject({
      sentWith: "validated",
      publication: "published",
      withdrawal: null,
    });
    const everywhere = await everywherePublished();
    expect(everywhere).toEqual({
      page: ["politica-testada.pdf"],
      csv: ["politica-testada.pdf"],
      json: ["politica-testada.pdf"],
      catalogRows: 1,
    });
  });
});

describe("POST /api/evidence/:id/withdrawal", () => {
  it("takes a published document off the page, the open data and the download at once, and keeps it in the record", async () => {
    const { instance, file } = await publishedFile("E3", "codigo-de-etica.pdf", "a");
    const before = await get(`/api/public/municipalities/${TOLUCA}`);
    expect(await publicDocuments()).toContain("codigo-de-etica.pdf");
    expect((await get(`/api/public/documents/${file.id}`)).statusCode).toBe(200);

    const response = await withdraw(
      file.id,
      liaison,
      "  Contiene la firma y el domicilio de un particular.  ",
    );
    expect(response.statusCode).toBe(200);
    const shown = json<ToolInstanceDetail>(response).evidence.find((f) => f.id === file.id);
    expect(shown).toMatchObject({
      publication: "withdrawn",
      isPublic: true,
      withdrawal: { reason: "Contiene la firma y el domicilio de un particular.", by: liaisonName },
    });
    expect(shown?.withdrawal?.at).toMatch(/^\d{4}-\d\d-\d\dT/);

    const after = await get(`/api/public/municipalities/${TOLUCA}`, undefined);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const everywhere = await everywherePublished();
    for (const list of [everywhere.page, everywhere.csv, everywhere.json]) {
      expect(list).not.toContain("codigo-de-etica.pdf");
    }
    const download = await get(`/api/public/documents/${file.id}`);
    expect(download.statusCode).toBe(404);
    expect(errorCode(download)).toBe("not_found");
    // Staff still see and download it, marked withdrawn.
    expect((await version(instance, "codigo-de-etica.pdf")).publication).toBe("withdrawn");
    expect((await get(`/api/evidence/${file.id}/download`, reviewer)).statusCode).toBe(200);
    const [event] = await auditOf("evidence.withdrawn", file.id);
    expect(event).toMatchObject({
      municipalityCvegeo: TOLUCA,
      before: { publication: "published" },
      after: {
        publication: "withdrawn",
        reason: "Contiene la firma y el domicilio de un particular.",
      },
    });
  });

  it("lets the reviewer and the admin withdraw too", async () => {
    const first = await publishedFile("R1", "perfil-oficial.pdf", "a");
    const second = await publishedFile("R1", "perfil-activa.pdf", "b");
    expect(
      (await withdraw(first.file.id, reviewer, "Datos personales del titular")).statusCode,
    ).toBe(200);
    expect((await withdraw(second.file.id, admin, "Solicitud del municipio")).statusCode).toBe(200);
    const page = await publicDocuments();
    expect(page).not.toContain("perfil-oficial.pdf");
    expect(page).not.toContain("perfil-activa.pdf");
  });

  it("refuses a collaborator (403), another municipality's liaison (404), a missing reason (400), changing nothing", async () => {
    const { file } = await publishedFile("R2", "plan-capacitacion.pdf");
    const forbidden = await withdraw(file.id, collaborator, "Tiene datos personales");
    expect(forbidden.statusCode).toBe(403);
    expect(errorCode(forbidden)).toBe("forbidden");
    const hidden = await withdraw(file.id, otherLiaison, "Tiene datos personales");
    expect(hidden.statusCode).toBe(404);
    expect(errorCode(hidden)).toBe("not_found");
    const blank = await withdraw(file.id, liaison, "   ");
    expect(errorOf(blank, 400)).toMatchObject({
      code: "validation_error",
      message: "Escriba el motivo por el que retira el documento de publicación.",
      details: [{ field: "reason" }],
    });
    expect((await row(file.id))?.withdrawnAt).toBeNull();
    expect(await auditOf("evidence.withdrawn", file.id)).toHaveLength(0);
    expect(await publicDocuments()).toContain("plan-capacitacion.pdf");
  });

  it("refuses a private document and a second withdrawal with their own codes", async () => {
    const r3 = (await toolInstanceOf(ctx.app, liaison, "R3")).id;
    await upload(r3, "lista-asistentes.pdf", false);
    const secret = await version(r3, "lista-asistentes.pdf");
    const notPublic = await withdraw(secret.id, reviewer, "No debe publicarse");
    expect(notPublic.statusCode).toBe(409);
    expect(errorCode(notPublic)).toBe("evidence_not_public");

    await upload(r3, "plan-ciudadania.pdf", true);
    const draft = await version(r3, "plan-ciudadania.pdf");
    expect(draft.publication).toBe("to_publish");
    expect((await withdraw(draft.id, liaison, "Aún tiene nombres de asistentes")).statusCode).toBe(
      200,
    );
    const again = await withdraw(draft.id, reviewer, "Otra vez");
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("evidence_withdrawn");
    expect(await auditOf("evidence.withdrawn", draft.id)).toHaveLength(1);
  });
});

describe("DELETE /api/evidence/:id", () => {
  it("deletes a draft, its blob and, with nothing left, makes the tool pending again; audited", async () => {
    const r4 = (await toolInstanceOf(ctx.app, liaison, "R4")).id;
    await upload(r4, "diagnostico-equivocado.pdf", true);
    const draft = await version(r4, "diagnostico-equivocado.pdf");
    const stored = await row(draft.id);
    expect(await ctx.app.deps.blobs.exists(stored?.blobKey ?? "")).toBe(true);

    const response = await remove(draft.id, liaison);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    expect(await row(draft.id)).toBeUndefined();
    expect(await ctx.app.deps.blobs.exists(stored?.blobKey ?? "")).toBe(false);
    const detail = json<ToolInstanceDetail>(await get(`/api/tool-instances/${r4}`, liaison));
    expect(detail.evidence).toEqual([]);
    expect(detail.state).toBe("pending");
    const [event] = await auditOf("evidence.deleted", draft.id);
    expect(event).toMatchObject({
      municipalityCvegeo: TOLUCA,
      before: { fileName: "diagnostico-equivocado.pdf", state: "in_progress" },
      after: { state: "pending" },
    });
  });

  it("keeps a blob another row still references", async () => {
    const p1 = (await toolInstanceOf(ctx.app, liaison, "P1", { part: "a" })).id;
    await upload(p1, "proceso-a.pdf", false);
    await upload(p1, "proceso-b.pdf", false);
    const a = await version(p1, "proceso-a.pdf");
    const b = await version(p1, "proceso-b.pdf");
    const shared = (await row(a.id))?.blobKey ?? "";
    await ctx.handle.db
      .update(evidenceFiles)
      .set({ blobKey: shared })
      .where(eq(evidenceFiles.id, b.id));

    expect((await remove(a.id, liaison)).statusCode).toBe(204);
    expect(await ctx.app.deps.blobs.exists(shared)).toBe(true);
    expect((await get(`/api/evidence/${b.id}/download`, liaison)).statusCode).toBe(200);
    const [instance] = await ctx.handle.db
      .select({ state: toolInstances.state })
      .from(toolInstances)
      .where(eq(toolInstances.id, p1));
    expect(instance?.state).toBe("in_progress");
  });

  it("refuses a version sent to review (409), a collaborator (403) and another municipality (404), deleting nothing", async () => {
    const c1 = (await toolInstanceOf(ctx.app, liaison, "C1")).id;
    await upload(c1, "plan-difusion.pdf", true);
    await submit(c1);
    const sent = await version(c1, "plan-difusion.pdf");
    const refused = await remove(sent.id, liaison);
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe("evidence_submitted");

    const c2 = (await toolInstanceOf(ctx.app, liaison, "C2")).id;
    await upload(c2, "carta-borrador.pdf", false);
    const draft = await version(c2, "carta-borrador.pdf");
    const byCollaborator = await remove(draft.id, collaborator);
    expect(byCollaborator.statusCode).toBe(403);
    expect(errorCode(byCollaborator)).toBe("forbidden");
    const byReviewer = await remove(draft.id, reviewer);
    expect(byReviewer.statusCode).toBe(403);
    const outside = await remove(draft.id, otherLiaison);
    expect(outside.statusCode).toBe(404);
    expect(errorCode(outside)).toBe("not_found");

    for (const id of [sent.id, draft.id]) {
      expect(await row(id)).toBeDefined();
      expect(await auditOf("evidence.deleted", id)).toHaveLength(0);
    }
    const blobKey = (await row(draft.id))?.blobKey ?? "";
    expect(await ctx.app.deps.blobs.exists(blobKey)).toBe(true);
  });
});

describe("PUT /api/evidence/:id/public", () => {
  it("lets the reviewer decide, before validating, which files of the submission are published", async () => {
    const c3 = (await toolInstanceOf(ctx.app, liaison, "C3")).id;
    await upload(c3, "guia-con-anexo-reservado.pdf", true);
    await upload(c3, "guia-version-publica.pdf", false);
    await submit(c3);
    const reserved = await version(c3, "guia-con-anexo-reservado.pdf");
    const publicVersion = await version(c3, "guia-version-publica.pdf");

    const off = await setPublic(reserved.id, reviewer, false);
    expect(off.statusCode).toBe(200);
    expect(json<ToolInstanceDetail>(off).evidence.find((f) => f.id === reserved.id)).toMatchObject({
      isPublic: false,
      publication: "private",
    });
    expect((await setPublic(publicVersion.id, admin, true)).statusCode).toBe(200);
    await decide(c3, "validate");

    const page = await publicDocuments();
    expect(page).toContain("guia-version-publica.pdf");
    expect(page).not.toContain("guia-con-anexo-reservado.pdf");
    const [event] = await auditOf("evidence.public_changed", reserved.id);
    expect(event).toMatchObject({ before: { isPublic: true }, after: { isPublic: false } });
    expect(await auditOf("evidence.public_changed", publicVersion.id)).toHaveLength(1);

    // Decided: the record no longer changes.
    const late = await setPublic(reserved.id, reviewer, true);
    expect(late.statusCode).toBe(409);
    expect(errorCode(late)).toBe("evidence_not_in_review");
    expect((await row(reserved.id))?.isPublic).toBe(false);
  });

  it("refuses the municipality (403) and files not under review (409)", async () => {
    const c4 = (await toolInstanceOf(ctx.app, liaison, "C4")).id;
    await upload(c4, "politica-datos.pdf", true);
    const draft = await version(c4, "politica-datos.pdf");
    const notInReview = await setPublic(draft.id, reviewer, false);
    expect(notInReview.statusCode).toBe(409);
    expect(errorCode(notInReview)).toBe("evidence_not_in_review");
    await submit(c4);
    for (const session of [liaison, collaborator]) {
      const refused = await setPublic(draft.id, session, false);
      expect(refused.statusCode).toBe(403);
      expect(errorCode(refused)).toBe("forbidden");
    }
    expect(await setPublic(draft.id, otherLiaison, false).then((r) => r.statusCode)).toBe(404);
    expect((await row(draft.id))?.isPublic).toBe(true);
    expect(await auditOf("evidence.public_changed", draft.id)).toHaveLength(0);
  });
});

describe("GET /api/public/documents/:id names the file by its type (issue 13, finding 4)", () => {
  it("publishes a PDF uploaded as a web page as .pdf, also when stored under the old name", async () => {
    const instance = (await toolInstanceOf(ctx.app, liaison, "M1")).id;
    await sendPublicFile(instance, "informe-de-gestion.html", "validate");
    const file = await version(instance, "informe-de-gestion.pdf");
    expect(await publicDocuments()).toContain("informe-de-gestion.pdf");
    const download = await get(`/api/public/documents/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="informe-de-gestion.pdf"; filename*=UTF-8''informe-de-gestion.pdf`,
    );

    // A file published before names followed their type still downloads as what it is.
    await ctx.handle.db
      .update(evidenceFiles)
      .set({ fileName: "informe-anterior.html" })
      .where(eq(evidenceFiles.id, file.id));
    const old = await get(`/api/public/documents/${file.id}`);
    expect(old.statusCode).toBe(200);
    expect(old.headers["content-disposition"]).toBe(
      `attachment; filename="informe-anterior.pdf"; filename*=UTF-8''informe-anterior.pdf`,
    );
  });
});
