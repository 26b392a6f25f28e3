import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic, ToolInstance } from "../../../contracts/participation.js";
import { auditEvents } from "../../db/schema/index.js";
import { createTestContext, errorCode, json, type TestContext } from "../../test/app.js";
import { registerTestAgreement, type Session, signedIn } from "../../test/factories.js";
import { pdfText } from "../../test/pdf.js";
import { multipartBody, samplePdf } from "../../test/samples.js";

let ctx: TestContext;
let liaison: Session;
let collaborator: Session;
let reviewer: Session;
let diagnostic: Diagnostic;

beforeAll(async () => {
  ctx = await createTestContext();
  await registerTestAgreement(ctx.handle.db);
  liaison = (await signedIn(ctx.app, "liaison", { municipality: "15106" })).session;
  collaborator = (await signedIn(ctx.app, "collaborator", { municipality: "15106" })).session;
  reviewer = (await signedIn(ctx.app, "reviewer")).session;
});
afterAll(() => ctx.app.close());

const url = "/api/municipalities/15106/diagnostic";
const get = async () =>
  json<Diagnostic>(
    await ctx.app.inject({ method: "GET", url, headers: { cookie: liaison.cookie } }),
  );
const save = (
  session: Session,
  answers: { instanceId: string; answer: "has" | "pending" | null }[],
) => ctx.app.inject({ method: "PUT", url, headers: session.headers, payload: { answers } });
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
  it("lists every deliverable of the first cycle except the agreement itself, unanswered", async () => {
    diagnostic = await get();
    expect(diagnostic.status).toBe("draft");
    expect(diagnostic.items).toHaveLength(22);
    expect(diagnostic.items.some((i) => i.tool === "E1")).toBe(false);
    expect(diagnostic.items.filter((i) => i.tool === "R1").map((i) => i.partName)).toHaveLength(4);
    expect(diagnostic.items.every((i) => i.answer === null)).toBe(true);
  });

  it("saves a collaborator's draft answers", async () => {
    const answers = diagnostic.items.map((i) => ({
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
    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({
      error: { code: "validation_error", details: [{ field: `answers.${unknown}` }] },
    });
    expect(await answers()).toEqual(before);
    expect(before.find(([tool]) => tool === "E2")?.[1]).toBe("has");
  });

  it("refuses to submit a claimed tool without its supporting document, naming it", async () => {
    const response = await submit(liaison);
    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({
      error: {
        details: [
          {
            message:
              "Falta el documento comprobatorio: E2 Política de Transparencia y Acceso a la Información Pública.",
          },
        ],
      },
    });
  });

  it("refuses a collaborator's submit: only the liaison submits", async () => {
    const response = await submit(collaborator);
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("forbidden");
    expect((await get()).status).toBe("draft");
  });

  it("submits: the claimed tool goes to review, the rest stay pending as gaps", async () => {
    const body = multipartBody("politica.pdf", await samplePdf());
    const upload = await ctx.app.inject({
      method: "POST",
      url: `/api/tool-instances/${item("E2")}/evidence`,
      headers: { ...liaison.headers, ...body.headers },
      payload: body.payload,
    });
    expect(upload.statusCode).toBe(201);
    const response = await submit(liaison);
    expect(response.statusCode).toBe(200);
    expect(json<Diagnostic>(response)).toMatchObject({
      status: "submitted",
      submittedBy: "Persona liaison",
    });
    const tools = json<ToolInstance[]>(
      await ctx.app.inject({
        method: "GET",
        url: "/api/municipalities/15106/tools",
        headers: { cookie: reviewer.cookie },
      }),
    );
    expect(tools.find((t) => t.tool === "E2")?.state).toBe("submitted");
    expect(tools.filter((t) => t.cycle === 1 && t.state === "pending")).toHaveLength(21);
    const [event] = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "diagnostic.submitted"));
    expect(event?.after).toEqual({ claimed: 1, pending: 21 });
  });

  it("is frozen once submitted", async () => {
    const response = await save(liaison, [{ instanceId: item("E3", "a"), answer: "has" }]);
    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("conflict");
    expect((await answers()).find(([tool]) => tool === "E3a")?.[1]).toBe("pending");
    expect(errorCode(await submit(liaison))).toBe("conflict");
  });

  it("gives a PDF acknowledgement naming the municipality and every answer", async () => {
    const response = await ctx.app.inject({
      method: "GET",
      url: `${url}/acknowledgement.pdf`,
      headers: { cookie: liaison.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toContain("attachment");
    const text = await pdfText(response.rawPayload);
    expect(text).toContain("Acuse de recibo del diagnóstico inicial");
    expect(text).toContain("Toluca (clave INEGI 15106)");
    expect(text).toContain("Cuenta con ella (1 documento)");
    expect(text).toContain(
      "1 herramienta(s) con documento comprobatorio, 21 pendiente(s) de elaboración",
    );
    expect(text).toContain(
      "Dirección General de Transparencia, Acceso a la Información Pública y Gobierno Abierto",
    );
  });
});
