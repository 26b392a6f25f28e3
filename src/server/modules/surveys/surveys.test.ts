import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { InstanceSurvey, PublicSurvey } from "../../../contracts/surveys.js";
import { auditEvents, evidenceFiles, surveyResponses } from "../../db/schema/index.js";
import { errorCode, errorOf, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { type Session, toolInstanceOf } from "../../test/factories.js";
import { pdfText } from "../../test/pdf.js";

// Every test answers from 127.0.0.1, well under this; the limit's own test uses another address.
const ctx = setUpTestApp({ config: { surveyMaxPerAddress: 40 }, agreements: ["15106", "15054"] });
const liaison = ctx.session("liaison", { municipality: "15106" });
const collaborator = ctx.session("collaborator", { municipality: "15106" });
const reviewer = ctx.session("reviewer");
const outsider = ctx.session("liaison", { municipality: "15054" });
let m1: string;

const valid = {
  satisfaccion_general: 4,
  portal_clara: 5,
  tipo_persona: "ciudadania",
  canal: "portal",
};

beforeAll(async () => {
  m1 = (await toolInstanceOf(ctx.app, liaison, "M1")).id;
});

const open = (id: string, session: Session, payload?: unknown) =>
  ctx.app.inject({
    method: "POST",
    url: `/api/tool-instances/${id}/survey`,
    headers: session.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const answer = (token: string, payload: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({
    method: "POST",
    url: `/api/public/surveys/${token}/responses`,
    payload: payload as object,
    headers,
  });
const surveyOf = async (session: Session, id = m1) => {
  const response = await ctx.app.inject({
    method: "GET",
    url: `/api/tool-instances/${id}/survey`,
    headers: session.headers,
  });
  return { status: response.statusCode, body: json<InstanceSurvey>(response) };
};

describe("an M1 survey from opening to evidence", () => {
  let token = "";

  it("refuses to open a survey on another tool, by a collaborator or on another municipality", async () => {
    const m2 = (await toolInstanceOf(ctx.app, liaison, "M2")).id;
    const onM2 = await open(m2, liaison);
    expect(errorOf(onM2, 409)).toMatchObject({ message: expect.stringContaining("M1") });
    expect((await open(m1, collaborator)).statusCode).toBe(403);
    expect((await open(m1, outsider)).statusCode).toBe(404);
    const tooMany = await open(m1, liaison, {
      ownQuestions: Array.from({ length: 6 }, (_, i) => ({
        kind: "text",
        text: `Pregunta ${i}`,
        required: false,
      })),
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it("opens the cycle's survey for the liaison: 201 with the token and the public URL", async () => {
    const response = await open(m1, liaison, {
      ownQuestions: [
        { kind: "choice", text: "¿Cómo se enteró de la encuesta?", options: ["Cartel", "Redes"] },
      ],
    });
    expect(response.statusCode).toBe(201);
    const body = json<{ token: string; url: string }>(response);
    token = body.token;
    expect(token.length).toBeGreaterThanOrEqual(20);
    expect(body.url).toBe(`${ctx.config.publicUrl}/encuesta/${token}`);
    // Once per cycle.
    expect((await open(m1, liaison)).statusCode).toBe(409);
  });

  it("gives the public form's questions to anyone, and 404 for an unknown token", async () => {
    const response = await ctx.app.inject({ method: "GET", url: `/api/public/surveys/${token}` });
    expect(response.statusCode).toBe(200);
    const survey = json<PublicSurvey>(response);
    expect(survey.status).toBe("open");
    expect(survey.municipality.cvegeo).toBe("15106");
    const kinds = new Set(survey.questions.map((q) => q.kind));
    expect(kinds).toEqual(new Set(["likert", "choice", "text"]));
    expect(survey.questions.find((q) => q.code === "propia_1")).toMatchObject({
      kind: "choice",
      required: false,
    });
    expect(JSON.stringify(survey)).not.toContain("openedBy");
    const unknown = await ctx.app.inject({ method: "GET", url: "/api/public/surveys/no-existe" });
    expect(unknown.statusCode).toBe(404);
  });

  it("serves the public page at /encuesta/<token>, small, and a 404 page for an unknown link", async () => {
    const page = await ctx.app.inject({ method: "GET", url: `/encuesta/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("Encuesta de satisfacción");
    expect(page.body).toContain("Aviso de privacidad");
    const css = await ctx.app.inject({ method: "GET", url: "/encuesta-recursos/encuesta.css" });
    const js = await ctx.app.inject({ method: "GET", url: "/encuesta-recursos/encuesta.js" });
    expect(page.body.length + css.body.length + js.body.length).toBeLessThan(50 * 1024);
    const missing = await ctx.app.inject({ method: "GET", url: "/encuesta/no-existe" });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain("Encuesta no encontrada");
  });

  it("takes a valid answer (201) and refuses a value out of range naming the question (400)", async () => {
    const ok = await answer(token, {
      answers: { ...valid, comentario: "Muy buena atención" },
      browserToken: "navegador-numero-uno-000",
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.headers["set-cookie"]).toContain("mrtm_encuesta=");
    const bad = await answer(token, { answers: { ...valid, satisfaccion_general: 7 } });
    expect(errorOf(bad, 400)).toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("qué tan satisfecho"),
      details: [{ field: "answers.satisfaccion_general" }],
    });
    const missing = await answer(token, { answers: { portal_clara: 3 } });
    expect(missing.statusCode).toBe(400);
    expect((await answer("no-existe", { answers: valid })).statusCode).toBe(404);
  });

  it("takes one answer per browser, by its key or its cookie, and refuses a filled honeypot", async () => {
    const again = await answer(token, { answers: valid, browserToken: "navegador-numero-uno-000" });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("survey_already_answered");
    const first = await answer(token, { answers: { ...valid, canal: "pnt" } });
    const cookie = String(first.headers["set-cookie"]).split(";")[0] ?? "";
    const byCookie = await answer(token, { answers: valid }, { cookie });
    expect(byCookie.statusCode).toBe(409);
    const bot = await answer(token, { answers: valid, website: "http://spam.example" });
    expect(bot.statusCode).toBe(400);
    expect(errorCode(bot)).toBe("survey_answer_refused");
    const [stored] = await ctx.handle.db.select().from(surveyResponses).limit(1);
    // Nothing about the respondent but a hash of the browser's random key.
    expect(Object.keys(stored ?? {}).sort()).toEqual([
      "answers",
      "browserKey",
      "commentHiddenAt",
      "commentHiddenBy",
      "id",
      "municipalityCvegeo",
      "submittedAt",
      "surveyId",
    ]);
    expect(stored?.browserKey).toMatch(/^[0-9a-f]{64}$/);
    // The first answer as stored: the survey's municipality, the checked answers as jsonb.
    const browserKey = createHash("sha256").update("navegador-numero-uno-000").digest("hex");
    const [mine] = await ctx.handle.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.browserKey, browserKey));
    expect(mine).toMatchObject({
      municipalityCvegeo: "15106",
      answers: { ...valid, comentario: "Muy buena atención" },
      commentHiddenAt: null,
    });
    expect(mine?.submittedAt).toBeInstanceOf(Date);
  });

  it("shows live results to the municipality and staff, never to another municipality", async () => {
    await answer(token, {
      answers: {
        ...valid,
        satisfaccion_general: 2,
        tipo_persona: "periodismo",
        comentario: "Un insulto",
      },
    });
    const { status, body } = await surveyOf(collaborator);
    expect(status).toBe(200);
    const results = body.survey?.results;
    expect(results?.responses).toBe(3);
    expect(results?.index?.value).toBeGreaterThan(0);
    expect(results?.index?.low).not.toBeNull();
    expect(results?.byChannel.find((group) => group.value === "pnt")?.responses).toBe(1);
    expect(results?.byRespondentType.find((group) => group.value === "periodismo")?.responses).toBe(
      1,
    );
    // The comparison's cycle of this survey carries the same figures as its results.
    expect(body.comparison.cycles).toEqual([
      { cycle: 1, status: "open", responses: 3, index: results?.index },
    ]);
    expect(body.survey?.comments.map((comment) => comment.text)).toEqual([
      "Un insulto",
      "Muy buena atención",
    ]);
    expect((await surveyOf(reviewer)).status).toBe(200);
    expect((await surveyOf(outsider)).status).toBe(404);
  });

  it("lets the liaison hide a comment (audited), never edit it; others may not", async () => {
    const { body } = await surveyOf(liaison);
    const insult = body.survey?.comments.find((comment) => comment.text === "Un insulto");
    const hide = (session: Session, hidden: boolean) =>
      ctx.send("PUT", `/api/survey-responses/${insult?.id}/comment-visibility`, session, {
        hidden,
      });
    expect((await hide(collaborator, true)).statusCode).toBe(403);
    expect((await hide(outsider, true)).statusCode).toBe(404);
    const hidden = await hide(liaison, true);
    expect(hidden.statusCode).toBe(200);
    expect(
      json<InstanceSurvey>(hidden).survey?.comments.find((comment) => comment.id === insult?.id),
    ).toMatchObject({ text: "Un insulto", hidden: true });
    const events = await auditEventsOf(ctx.handle.db, "survey.comment_hidden");
    expect(events).toHaveLength(1);
  });

  it("serves the QR code (PNG, SVG) and the poster PDF to the municipality", async () => {
    const get = (suffix: string, session: Session) =>
      ctx.app.inject({
        method: "GET",
        url: `/api/tool-instances/${m1}/survey/${suffix}`,
        headers: session.headers,
      });
    const png = await get("qr.png", collaborator);
    expect(png.statusCode).toBe(200);
    expect(png.rawPayload.subarray(1, 4).toString()).toBe("PNG");
    const svg = await get("qr.svg", liaison);
    expect(svg.body).toContain("<svg");
    const poster = await get("poster.pdf", liaison);
    expect(poster.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(poster.rawPayload);
    expect(text).toContain("¿Cómo le atendimos?");
    expect(text).toContain(`/encuesta/${token}`);
    expect((await get("qr.png", outsider)).statusCode).toBe(404);
  });

  it("closes: no more answers (409), and the report PDF and answers XLSX become M1 drafts", async () => {
    expect(
      (await ctx.send("POST", `/api/tool-instances/${m1}/survey/close`, collaborator)).statusCode,
    ).toBe(403);
    const closed = await ctx.send("POST", `/api/tool-instances/${m1}/survey/close`, liaison);
    expect(closed.statusCode).toBe(200);
    expect(json<InstanceSurvey>(closed).survey?.status).toBe("closed");
    const late = await answer(token, { answers: valid });
    expect(late.statusCode).toBe(409);
    expect(errorCode(late)).toBe("survey_closed");
    const page = await ctx.app.inject({ method: "GET", url: `/encuesta/${token}` });
    expect(page.body).toContain("ya cerró");

    const files = await ctx.handle.db
      .select()
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.toolInstanceId, m1)));
    expect(files.map((file) => file.fileName).sort()).toEqual([
      "M1-encuesta-ciclo-1-respuestas.xlsx",
      "M1-encuesta-ciclo-1-resultados.pdf",
    ]);
    const download = (id: string) =>
      ctx.app.inject({
        method: "GET",
        url: `/api/evidence/${id}/download`,
        headers: liaison.headers,
      });
    const pdf = files.find((file) => file.mime === "application/pdf");
    const report = await pdfText((await download(pdf?.id ?? "")).rawPayload);
    expect(report).toContain("Respuestas recibidas: 3");
    expect(report).toContain("Muy buena atención");
    expect(report).not.toContain("Un insulto");
    const xlsx = files.find((file) => file.mime !== "application/pdf");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(xlsx?.id ?? "")).rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Respuestas");
    expect(sheet?.rowCount).toBe(4);
    const cells = JSON.stringify(sheet?.getSheetValues());
    expect(cells).toContain("[Comentario oculto por moderación]");
    expect(cells).not.toContain("Un insulto");
    expect(cells).not.toContain("navegador");

    // The tool is ready to submit: in progress, with the two drafts.
    const detail = await ctx.app.inject({
      method: "GET",
      url: `/api/tool-instances/${m1}`,
      headers: liaison.headers,
    });
    expect(json<{ state: string }>(detail).state).toBe("in_progress");
    const [event] = await auditEventsOf(ctx.handle.db, "survey.closed");
    expect(event?.after).toMatchObject({ status: "closed", responses: 3, evidence: 2 });
    // Closing twice is refused.
    const twice = await ctx.send("POST", `/api/tool-instances/${m1}/survey/close`, liaison);
    expect(twice.statusCode).toBe(409);
  });
});

describe("the per-address limit", () => {
  it("refuses answers beyond the limit from one address with 429 and a Spanish message", async () => {
    const id = (await toolInstanceOf(ctx.app, liaison, "M1")).id;
    const { survey } = (await surveyOf(liaison, id)).body;
    const send = () =>
      ctx.app.inject({
        method: "POST",
        url: `/api/public/surveys/${survey?.token}/responses`,
        payload: { answers: valid },
        remoteAddress: "10.0.0.9",
      });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push((await send()).statusCode);
    }
    // The survey is closed by now: each answer is refused, but counts against the address.
    expect(new Set(statuses)).toEqual(new Set([409]));
    const limited = await send();
    expect(errorOf(limited, 429)).toMatchObject({
      code: "rate_limited",
      message: expect.stringContaining("Espere unos minutos"),
    });
  });
});

describe("closing while answers arrive", () => {
  it("keeps every accepted answer in the evidence and refuses the later ones with 409", async () => {
    const tools = await ctx.app.inject({
      method: "GET",
      url: "/api/municipalities/15106/tools",
      headers: liaison.headers,
    });
    const cycle2 = json<{ id: string; tool: string; cycle: number }[]>(tools).find(
      (tool) => tool.tool === "M1" && tool.cycle === 2,
    );
    expect(cycle2).toBeDefined();
    const id = cycle2?.id ?? "";
    const { token } = json<{ token: string }>(await open(id, liaison));
    expect((await answer(token, { answers: valid })).statusCode).toBe(201);
    const [closed, ...answers] = await Promise.all([
      ctx.send("POST", `/api/tool-instances/${id}/survey/close`, liaison),
      ...Array.from({ length: 12 }, () => answer(token, { answers: valid })),
    ]);
    expect(closed?.statusCode).toBe(200);
    const accepted = answers.filter((response) => response.statusCode === 201).length;
    const refused = answers.filter((response) => errorCode(response) === "survey_closed").length;
    expect(accepted + refused).toBe(answers.length);
    const survey = json<InstanceSurvey>(closed as NonNullable<typeof closed>).survey;
    // Every stored answer is in the results the evidence was made from.
    expect(survey?.results.responses).toBe(1 + accepted);
    const events = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, survey?.id ?? ""));
    expect(events.find((event) => event.action === "survey.closed")?.after).toMatchObject({
      responses: 1 + accepted,
    });
  });
});
