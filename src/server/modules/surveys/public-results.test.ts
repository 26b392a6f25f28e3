// What the public sees of an M1 survey: nothing until it is closed and its M1 cycle validated;
// then the municipality's page shows its index, interval, responses and the visible comments, and
// the open data its aggregated results. No public endpoint ever carries a raw answer, a hidden
// comment or anything of an unvalidated survey.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDataCatalog, PublicMunicipality } from "../../../contracts/public.js";
import type { InstanceSurvey } from "../../../contracts/surveys.js";
import { createTestContext, json, type TestContext } from "../../test/app.js";
import { registerTestAgreement, type Session } from "../../test/factories.js";
import { METEPEC, TOLUCA } from "../../test/municipalities.js";
import { freshOpenData } from "../../test/open-data.js";
import {
  type CycleActors,
  cycleActors,
  instanceId,
  review,
  VALIDATE,
} from "../../test/progress.js";

const VISIBLE = "Comentario visible sobre el portal";
const HIDDEN = "COMENTARIO-OCULTO-7731";
const RAW = "RESPUESTA-PROPIA-5519";
const UNVALIDATED = "ENCUESTA-SIN-VALIDAR-2290";

let ctx: TestContext;
let actors: CycleActors;
let liaison: Session;
let m1 = "";

beforeAll(async () => {
  ctx = await createTestContext({ surveyMaxPerAddress: 100 });
  await registerTestAgreement(ctx.handle.db, TOLUCA);
  await registerTestAgreement(ctx.handle.db, METEPEC);
  actors = await cycleActors(ctx, [TOLUCA, METEPEC]);
  liaison = actors.liaisons.get(TOLUCA)?.session as Session;
  m1 = await instanceId(ctx, TOLUCA, "M1");
});
afterAll(() => ctx.app.close());

const get = (url: string) => ctx.app.inject({ method: "GET", url });

async function openSurvey(session: Session, id: string): Promise<string> {
  const opened = await ctx.app.inject({
    method: "POST",
    url: `/api/tool-instances/${id}/survey`,
    headers: session.headers,
    payload: { ownQuestions: [{ kind: "text", text: "¿Qué trámite hizo?", required: false }] },
  });
  expect(opened.statusCode).toBe(201);
  return json<{ token: string }>(opened).token;
}

async function answer(token: string, satisfaction: number, extra: Record<string, unknown>) {
  const response = await ctx.app.inject({
    method: "POST",
    url: `/api/public/surveys/${token}/responses`,
    payload: {
      answers: {
        satisfaccion_general: satisfaction,
        portal_clara: satisfaction,
        tipo_persona: "ciudadania",
        canal: "portal",
        ...extra,
      },
    },
  });
  expect(response.statusCode).toBe(201);
}

/** Every public read, with the open data's datasets as the catalogue lists them. */
async function publicBodies(): Promise<string[]> {
  const catalogue = json<OpenDataCatalog>(await get("/api/public/open-data"));
  const urls = [
    "/api/public/summary",
    "/api/public/ranking",
    "/api/public/municipalities?q=Toluca",
    `/api/public/municipalities/${TOLUCA}`,
    "/api/public/municipalities/15054",
    "/api/public/open-data",
    "/api/public/methodology",
  ];
  const datasets = catalogue.datasets.flatMap((dataset) => [dataset.csv, dataset.json]);
  const bodies: string[] = [];
  for (const url of [...urls, ...datasets]) {
    const response = datasets.includes(url) ? await freshOpenData(ctx, url) : await get(url);
    expect(response.statusCode, url).toBe(200);
    bodies.push(response.body);
  }
  return bodies;
}

/** What Toluca's liaison reads of its M1 survey. */
const liaisonSurvey = async () =>
  json<InstanceSurvey>(
    await ctx.app.inject({
      method: "GET",
      url: `/api/tool-instances/${m1}/survey`,
      headers: liaison.headers,
    }),
  );

/** The liaison hides the comment with this text from public view. */
async function hideComment(text: string): Promise<void> {
  const survey = (await liaisonSurvey()).survey;
  const comment = survey?.comments.find((candidate) => candidate.text === text);
  const hide = await ctx.app.inject({
    method: "PUT",
    url: `/api/survey-responses/${comment?.id}/comment-visibility`,
    headers: liaison.headers,
    payload: { hidden: true },
  });
  expect(hide.statusCode).toBe(200);
}

const page = async (cvegeo = TOLUCA) =>
  json<PublicMunicipality>(await get(`/api/public/municipalities/${cvegeo}`));

describe("the public side of M1 surveys", () => {
  let token = "";

  it("shows nothing of an open survey, nor of a closed one not yet validated", async () => {
    token = await openSurvey(liaison, m1);
    await answer(token, 5, { comentario: VISIBLE, propia_1: RAW });
    await answer(token, 4, { comentario: HIDDEN });
    await answer(token, 2, {});
    // Another municipality's survey stays open and unvalidated throughout.
    const other = await openSurvey(
      actors.liaisons.get(METEPEC)?.session as Session,
      await instanceId(ctx, METEPEC, "M1"),
    );
    await answer(other, 1, { comentario: UNVALIDATED });

    await hideComment(HIDDEN);
    expect((await page()).survey).toBeNull();

    const closed = await ctx.app.inject({
      method: "POST",
      url: `/api/tool-instances/${m1}/survey/close`,
      headers: liaison.headers,
    });
    expect(closed.statusCode).toBe(200);
    expect((await page()).survey).toBeNull();
    const catalogue = json<OpenDataCatalog>(await get("/api/public/open-data"));
    expect(catalogue.datasets.find((dataset) => dataset.id === "surveys")?.rows).toBe(0);
    for (const body of await publicBodies()) {
      expect(body).not.toContain(VISIBLE);
      expect(body).not.toContain(HIDDEN);
      expect(body).not.toContain(RAW);
      expect(body).not.toContain(UNVALIDATED);
    }
  });

  it("once validated: the page shows the index, interval, responses and visible comments; the open data the aggregates", async () => {
    await review(ctx, actors, TOLUCA, "M1", VALIDATE);
    const { survey } = await page();
    expect(survey).toMatchObject({ cycle: 1, responses: 3, comments: [{ text: VISIBLE }] });
    expect(survey?.index?.n).toBe(3);
    expect(survey?.index?.low).not.toBeNull();
    expect((await page(METEPEC)).survey).toBeNull();

    const rows = json<Record<string, unknown>[]>(
      await freshOpenData(ctx, "/api/public/open-data/surveys.json"),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        cvegeo: TOLUCA,
        ciclo: 1,
        respuestas: 3,
        indice_satisfaccion: survey?.index?.value,
        ic95_inferior: survey?.index?.low,
        ic95_superior: survey?.index?.high,
      }),
    ]);
    const distribution = json<Record<string, unknown>[]>(
      await freshOpenData(ctx, "/api/public/open-data/survey-questions.json"),
    );
    const overall = distribution.filter((row) => row.pregunta === "satisfaccion_general");
    expect(overall.map((row) => [row.opcion, row.conteo])).toEqual([
      ["1", 0],
      ["2", 1],
      ["3", 0],
      ["4", 1],
      ["5", 1],
    ]);
    expect(distribution.some((row) => row.pregunta === "propia_1")).toBe(false);
    expect(distribution.some((row) => row.pregunta === "comentario")).toBe(false);
    const csv = (await freshOpenData(ctx, "/api/public/open-data/surveys.csv")).body;
    expect(csv.split("\r\n")[0]).toContain("indice_satisfaccion,ic95_inferior,ic95_superior");

    const bodies = await publicBodies();
    expect(bodies.some((body) => body.includes(VISIBLE))).toBe(true);
    for (const body of bodies) {
      expect(body).not.toContain(HIDDEN);
      expect(body).not.toContain(RAW);
      expect(body).not.toContain(UNVALIDATED);
    }
    // The close's PDF report and answers XLSX stay private documents: none is published.
    const documents = json<PublicMunicipality>(
      await get(`/api/public/municipalities/${TOLUCA}`),
    ).documents.map((document) => document.fileName);
    expect(documents.filter((name) => /resultados|respuestas/.test(name))).toEqual([]);
  });

  it("drops a comment the liaison hides after validation from the cached page at once", async () => {
    await hideComment(VISIBLE);
    expect((await page()).survey?.comments).toEqual([]);
    for (const body of await publicBodies()) {
      expect(body).not.toContain(VISIBLE);
    }
  });

  it("compares a survey with earlier cycles and the regional median, never others' answers", async () => {
    const otherLiaison = actors.liaisons.get(METEPEC)?.session as Session;
    const response = await ctx.app.inject({
      method: "GET",
      url: `/api/tool-instances/${await instanceId(ctx, METEPEC, "M1")}/survey`,
      headers: otherLiaison.headers,
    });
    const { comparison } = json<InstanceSurvey>(response);
    expect(comparison.cycles).toMatchObject([{ cycle: 1, status: "open", responses: 1 }]);
    const toluca = (await page()).survey;
    // Toluca's latest closed survey is the only other one: the median is its index.
    expect(comparison.regional).toEqual({ median: toluca?.index?.value, municipalities: 1 });
    expect(response.body).not.toContain(VISIBLE);
    const own = (await liaisonSurvey()).comparison;
    // The other municipality's survey is still open: nothing to compare Toluca with.
    expect(own.regional).toEqual({ median: null, municipalities: 0 });
    expect(own.cycles).toMatchObject([{ cycle: 1, status: "closed", responses: 3 }]);
  });

  it("counts a survey closed after an earlier read, with the figures its answers give", async () => {
    const otherId = await instanceId(ctx, METEPEC, "M1");
    const otherLiaison = actors.liaisons.get(METEPEC)?.session as Session;
    const closed = await ctx.app.inject({
      method: "POST",
      url: `/api/tool-instances/${otherId}/survey/close`,
      headers: otherLiaison.headers,
    });
    expect(closed.statusCode).toBe(200);
    const other = json<InstanceSurvey>(closed);
    expect(other.comparison.cycles).toEqual([
      { cycle: 1, status: "closed", responses: 1, index: other.survey?.results.index },
    ]);
    expect(other.survey?.results.index?.value).toEqual(expect.any(Number));
    // Read twice: the second comparison reuses the closed survey's figures, the same ones.
    for (let read = 0; read < 2; read++) {
      const own = (await liaisonSurvey()).comparison;
      expect(own.regional).toEqual({
        median: other.survey?.results.index?.value,
        municipalities: 1,
      });
      expect(own.cycles).toMatchObject([{ cycle: 1, status: "closed", responses: 3 }]);
    }
  });
});
