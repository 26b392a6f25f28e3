import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";
import { navLink, sendToReview, signInAs, validateFromQueue } from "./session.js";

/**
 * The M1 survey end to end: Toluca's liaison opens the cycle's survey, a citizen answers it on a
 * 360 px phone without an account, the liaison sees the answer in the results and closes the
 * survey, which leaves the results report and the answers as M1 evidence drafts; once a reviewer
 * validates them, the public page of Toluca shows the index.
 */
describe("an M1 satisfaction survey", () => {
  let server: E2eServer;
  let liaison: E2eBrowser;
  let citizen: E2eBrowser;
  let reviewer: E2eBrowser;

  beforeAll(async () => {
    server = await startServer();
    [liaison, citizen, reviewer] = await Promise.all([
      launchBrowser(),
      launchBrowser({ viewport: { width: 360, height: 740 } }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await liaison?.close();
    await citizen?.close();
    await reviewer?.close();
    await server?.close();
  });

  it("goes from opening the survey to the evidence drafts, with a citizen answering on a phone", async () => {
    const { accounts, baseUrl } = server;
    const l = liaison.page;
    const c = citizen.page;

    // The liaison opens M1's survey from the tool's page.
    await l.goto(`${baseUrl}/modelo`);
    await signInAs(l, accounts.liaison);
    await navLink(l, "Mi municipio").click();
    await l.getByRole("heading", { name: /Mi municipio: Toluca/ }).waitFor();
    await l.locator('tr[data-tool="M1"]').first().getByRole("link").click();
    await l.getByRole("heading", { name: /^M1 · / }).waitFor();
    const toolUrl = l.url();
    await l.getByRole("link", { name: "Ir a la encuesta" }).click();
    await l.getByRole("heading", { name: "Cuestionario estándar del modelo" }).waitFor();
    await l.getByRole("button", { name: "Agregar una pregunta propia" }).click();
    await l.getByLabel("Texto de la pregunta").fill("El horario de atención es adecuado.");
    await l.getByRole("button", { name: "Abrir la encuesta" }).click();
    await l.getByRole("heading", { name: "Compartir la encuesta" }).waitFor();
    expect(await seriousViolations(l)).toEqual([]);
    const href = await l.locator('a[href*="/encuesta/"]').first().getAttribute("href");
    const formPath = new URL(href ?? "").pathname;
    expect(formPath).toMatch(/^\/encuesta\/[\w-]{20,}$/);

    // A citizen, no account, on a 360 px phone: the form fits, passes axe and takes the answer.
    await c.goto(`${baseUrl}${formPath}`);
    await c.getByRole("heading", { name: "Encuesta de satisfacción" }).waitFor();
    expect(await c.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    expect(await seriousViolations(c)).toEqual([]);
    // Sending without the required answers names what is missing.
    await c.getByRole("button", { name: "Enviar respuestas" }).click();
    await c
      .getByRole("alert")
      .getByText(/Responda la pregunta/)
      .first()
      .waitFor();
    await c
      .getByRole("group", { name: /qué tan satisfecho/ })
      .getByLabel("5 · Muy satisfecho(a)")
      .check();
    await c
      .getByRole("group", { name: /fácil de encontrar/ })
      .getByLabel("4 · De acuerdo")
      .check();
    await c
      .getByRole("group", { name: /Con qué carácter/ })
      .getByLabel("Ciudadana o ciudadano")
      .check();
    await c
      .getByRole("group", { name: /Qué medio utilizó/ })
      .getByLabel("Presencial, en la Unidad de Transparencia")
      .check();
    await c.getByLabel(/Algo más que quiera comentarnos/).fill("Me atendieron muy bien.");
    await c.getByRole("button", { name: "Enviar respuestas" }).click();
    await c.getByText("¡Gracias! Su respuesta quedó registrada.").waitFor();
    // The same browser cannot answer twice.
    await c.reload();
    await c.getByText(/Ya respondió esta encuesta/).waitFor();

    // The liaison sees the answer in the live results, with its comment.
    await l.reload();
    await l.getByTestId("survey-responses").getByText("1", { exact: true }).waitFor();
    expect(await l.getByTestId("survey-index").textContent()).toContain("87.5 de 100");
    await l.getByText("Me atendieron muy bien.").waitFor();

    // Closing it generates the evidence: two drafts of this cycle's M1.
    await l.getByRole("button", { name: "Cerrar la encuesta y generar la evidencia" }).click();
    await l
      .getByRole("dialog", { name: "Cerrar la encuesta" })
      .getByRole("button", { name: "Cerrar y generar la evidencia" })
      .click();
    // The survey's own state badge (the results table names earlier cycles' states too).
    await l
      .locator(".badge")
      .filter({ hasText: /^Cerrada$/ })
      .waitFor();
    await l.goto(toolUrl);
    await l.locator('tr[data-evidence-version="2"]').waitFor();
    expect(await l.getByText(/M1-encuesta-ciclo-\d+-resultados\.pdf/).count()).toBeGreaterThan(0);
    expect(await l.getByText(/M1-encuesta-ciclo-\d+-respuestas\.xlsx/).count()).toBeGreaterThan(0);

    // The closed survey says so to the citizen, and the public page shows nothing of it yet.
    await c.goto(`${baseUrl}${formPath}`);
    await c.getByText(/Esta encuesta ya cerró/).waitFor();
    // (Asked without the browser's cache: public reads may be kept for a minute.)
    const before = await c.request.get(`${baseUrl}/api/public/municipalities/15106`);
    expect((await before.json()).survey).toBeNull();

    // The liaison sends the evidence; a reviewer validates it.
    await sendToReview(l);
    const r = reviewer.page;
    await r.goto(`${baseUrl}/modelo`);
    await signInAs(r, accounts.reviewer);
    await validateFromQueue(r, "15106-M1");

    // Validated, the survey's index and its visible comment reach the public page.
    await c.goto(`${baseUrl}/publico/municipios/15106`);
    await c.getByRole("heading", { level: 1, name: /Toluca/ }).waitFor();
    await c.getByTestId("public-survey-index").waitFor();
    expect(await c.getByTestId("public-survey-index").textContent()).toContain("87.5 de 100");
    expect(await c.getByTestId("public-survey-responses").textContent()).toBe("1");
    await c.getByText("Me atendieron muy bien.").waitFor();
    expect(await c.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  }, 300_000);
});
