import { describe, expect, it } from "vitest";
import type { Diagnostic, ToolInstance } from "../../../contracts/participation.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import type { Session } from "../../test/factories.js";
import { pdfText } from "../../test/pdf.js";
import { samplePdf } from "../../test/samples.js";

const ctx = setUpTestApp({ agreements: ["15106"] });
const liaison = ctx.session("liaison");
const collaborator = ctx.session("collaborator");
const reviewer = ctx.session("reviewer");
let diagnostic: Diagnostic;

const url = "/api/municipalities/15106/diagnostic";
const get = async () =>
  json<Diagnostic>(
    await ctx.app.inject({ method: "GET", url, headers: { cookie: liaison.cookie } }),
  );
const save = (
  session: Session,
  answers: { instanceId: string; answer: "has" | "pending" | null }[],
) => ctx.app.inject({ method: "PUT", url, headers: session.headers, payload: { answers } });
const post = (session: Session, path: string, payload?: object) =>
  ctx.app.inject({ method: "POST", url: path, headers: session.headers, payload });
/** Uploads a PDF as evidence of an instance (liaison). */
const uploadEvidence = async (instanceId: string, fileName: string) => {
  return ctx.upload(
    `/api/tool-instances/${instanceId}/evidence`,
    liaison,
    fileName,
    await samplePdf(),
  );
};
/** How many times the diagnostic was saved, by its audit events. */
const saves = async () => (await auditEventsOf(ctx.handle.db, "diagnostic.saved")).length;
const submit = (session: Session) =>
  ctx.app.inject({ method: "POST", url: `${url}/submit`, headers: session.headers });
const item = (tool: string, part: string | null = null) => {
  const found = diagnostic.items.find((i) => i.tool === tool && i.part === part);
  if (!found) {
    throw new Error(`${tool} missing`);
  }
  return found.instanceId;
};
/** Each item's saved answer, by tool and part. */
const answers = async () =>
  (await get()).items.map((i) => [`${i.tool}${i.part ?? ""}`, i.answer] as const);

describe("the initial diagnostic", () => {
  it("lists every deliverable of the first cycle with its current state, the agreement shown as done", async () => {
    diagnostic = await get();
    expect(diagnostic.status).toBe("draft");
    expect(diagnostic.agreement).toEqual({
      signedOn: "2022-11-16",
      unitName:
        "Dirección General de Transparencia, Acceso a la Información Pública y Gobierno Abierto",
    });
    expect(diagnostic.items).toHaveLength(23);
    expect(diagnostic.items[0]).toMatchObject({
      tool: "E1",
      periodKind: "on_agreement",
      state: "validated",
      answer: null,
    });
    expect(diagnostic.items.filter((i) => i.tool === "R1").map((i) => i.partName)).toHaveLength(4);
    expect(
      diagnostic.items.filter((i) => i.tool !== "E1").every((i) => i.state === "pending"),
    ).toBe(true);
    expect(diagnostic.items.every((i) => i.answer === null)).toBe(true);
  });

  it("saves a collaborator's draft answers", async () => {
    const answers = diagnostic.items
      .filter((i) => i.tool !== "E1")
      .map((i) => ({
        instanceId: i.instanceId,
        answer: i.tool === "E2" ? ("has" as const) : ("pending" as const),
      }));
    const response = await save(collaborator, answers);
    expect(response.statusCode).toBe(200);
    expect(
      json<Diagnostic>(response)
        .items.filter((i) => i.answer === "has")
        .map((i) => i.tool),
    ).toEqual(["E2"]);
  });

  it("refuses answers for something that is not in the diagnostic, saving none of them", async () => {
    const before = await answers();
    const unknown = "00000000-0000-4000-8000-000000000000";
    const response = await save(collaborator, [
      { instanceId: item("E2"), answer: "pending" },
      { instanceId: unknown, answer: "has" },
    ]);
    expect(errorOf(response, 400)).toMatchObject({
      code: "validation_error",
      details: [{ field: `answers.${unknown}` }],
    });
    expect(await answers()).toEqual(before);
    expect(before.find(([tool]) => tool === "E2")?.[1]).toBe("has");
  });

  it("refuses an answer for the agreement tool (409), naming it; nothing is written", async () => {
    const before = await answers();
    const count = await saves();
    const response = await save(liaison, [
      { instanceId: item("E2"), answer: "pending" },
      { instanceId: item("E1"), answer: "has" },
    ]);
    expect(errorOf(response, 409)).toMatchObject({
      code: "diagnostic_tool_not_open",
      message:
        "E1 Convenio de colaboración se realizó con la firma del convenio: el diagnóstico no la pregunta.",
      details: [{ field: `answers.${item("E1")}` }],
    });
    expect(await answers()).toEqual(before);
    expect(await saves()).toBe(count);
  });

  it("shows a tool in review, not asks: an answer for it is refused (409) naming it, nothing written", async () => {
    expect((await uploadEvidence(item("E3", "b"), "canales.pdf")).statusCode).toBe(201);
    expect((await post(liaison, `/api/tool-instances/${item("E3", "b")}/submit`)).statusCode).toBe(
      200,
    );
    const shown = (await get()).items.find((i) => i.tool === "E3" && i.part === "b");
    expect(shown).toMatchObject({ state: "submitted", evidenceCount: 1 });
    const before = await answers();
    const count = await saves();
    const response = await save(collaborator, [
      { instanceId: item("E4"), answer: "has" },
      { instanceId: item("E3", "b"), answer: "has" },
    ]);
    expect(errorOf(response, 409)).toMatchObject({
      code: "diagnostic_tool_not_open",
      message: "E3 b) Canales de denuncia está en revisión: el diagnóstico no la pregunta.",
    });
    expect(await answers()).toEqual(before);
    expect(before.find(([tool]) => tool === "E4")?.[1]).toBe("pending");
    expect(await saves()).toBe(count);
  });

  it("shows a validated tool, not asks: an answer for it is refused (409) naming it, nothing written", async () => {
    const detail = json<ToolInstance>(
      await ctx.get(`/api/tool-instances/${item("E3", "b")}`, reviewer),
    );
    const review = await post(reviewer, `/api/tool-instances/${item("E3", "b")}/review`, {
      decision: "validate",
      expectedVersion: detail.version,
    });
    expect(review.statusCode).toBe(200);
    expect((await get()).items.find((i) => i.tool === "E3" && i.part === "b")?.state).toBe(
      "validated",
    );
    const before = await answers();
    const response = await save(liaison, [{ instanceId: item("E3", "b"), answer: "pending" }]);
    expect(errorOf(response, 409)).toMatchObject({
      code: "diagnostic_tool_not_open",
      message: "E3 b) Canales de denuncia ya está validada: el diagnóstico no la pregunta.",
    });
    expect(await answers()).toEqual(before);
  });

  it("refuses to submit a claimed tool without its supporting document, naming it", async () => {
    const response = await submit(liaison);
    expect(errorOf(response, 400)).toMatchObject({
      details: [
        {
          message:
            "Falta el documento comprobatorio: E2 Política de Transparencia y Acceso a la Información Pública.",
        },
      ],
    });
  });

  it("refuses a collaborator's submit: only the liaison submits", async () => {
    const response = await submit(collaborator);
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("forbidden");
    expect((await get()).status).toBe("draft");
  });

  it("submits: the claimed tool goes to review, the rest stay pending as gaps", async () => {
    expect((await uploadEvidence(item("E2"), "politica.pdf")).statusCode).toBe(201);
    const response = await submit(liaison);
    expect(response.statusCode).toBe(200);
    expect(json<Diagnostic>(response)).toMatchObject({
      status: "submitted",
      submittedBy: "Persona liaison",
    });
    const tools = json<ToolInstance[]>(await ctx.get("/api/municipalities/15106/tools", reviewer));
    expect(tools.find((t) => t.tool === "E2")?.state).toBe("submitted");
    expect(tools.filter((t) => t.cycle === 1 && t.state === "pending")).toHaveLength(20);
    const [event] = await auditEventsOf(ctx.handle.db, "diagnostic.submitted");
    // E1 and E3 b) were shown, not asked: the draft answer E3 b) had before its validation is gone.
    expect(event?.after).toEqual({ claimed: 1, pending: 20, shown: 2 });
    expect((await answers()).find(([tool]) => tool === "E3b")?.[1]).toBeNull();
  });

  it("is frozen once submitted", async () => {
    const response = await save(liaison, [{ instanceId: item("E3", "a"), answer: "has" }]);
    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("conflict");
    expect((await answers()).find(([tool]) => tool === "E3a")?.[1]).toBe("pending");
    expect(errorCode(await submit(liaison))).toBe("conflict");
  });

  it("gives a PDF acknowledgement naming the municipality, the agreement and every tool", async () => {
    const response = await ctx.get(`${url}/acknowledgement.pdf`, liaison);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toContain("attachment");
    const text = await pdfText(response.rawPayload);
    expect(text).toContain("Acuse de recibo del diagnóstico inicial");
    expect(text).toContain("Toluca (clave INEGI 15106)");
    expect(text).toContain("Convenio firmado el: 16/11/2022");
    expect(text).toContain(
      "E1 Convenio de colaboración Realizado (convenio en archivo de Dirección General de Transparencia, Acceso a la Información Pública y Gobierno Abierto)",
    );
    expect(text).toContain(
      "E2 Política de Transparencia y Acceso a la Información Pública Cuenta con ella (1 documento); estado actual: En revisión",
    );
    // Validated before the diagnostic was sent: certified as validated, never as pending.
    expect(text).toContain(
      "E3 b) Sistema de Integridad y Código de Ética: Canales de denuncia Validada E4",
    );
    expect(text).toContain(
      "1 herramienta(s) con documento comprobatorio, 20 pendiente(s) de elaboración, 1 validada(s) o en revisión",
    );
    expect(text).toContain(
      "Dirección General de Transparencia, Acceso a la Información Pública y Gobierno Abierto",
    );
  });
});
