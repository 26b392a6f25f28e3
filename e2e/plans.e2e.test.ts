import { describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { signInAs, signOut, withServerAndBrowser } from "./session.js";

describe("E4 project cards", () => {
  const context = withServerAndBrowser();
  const year = new Date().getUTCFullYear() + 1;

  it("a liaison writes a card that gives E4 its deadline and prints it; staff read it", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const liaison = server.accounts.liaison;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, liaison);
    await page.goto(`${server.baseUrl}/mi-municipio`);
    await page.getByRole("link", { name: "Fichas de proyecto" }).click();
    await page.getByRole("heading", { name: /Fichas de proyecto: Toluca/, level: 1 }).waitFor();
    await page.getByText("sin definir (sin fichas vigentes)").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Nueva ficha" }).click();
    await page.getByRole("heading", { name: "Nueva ficha de proyecto", level: 1 }).waitFor();
    await page.getByLabel("Nombre del proyecto").fill("Portal de datos abiertos");
    await page.getByLabel("Objetivos").fill("Publicar la información más solicitada.");
    await page.getByLabel("Resultados esperados").fill("Diez conjuntos de datos publicados.");
    await page
      .getByLabel("Vinculación con el Plan de Desarrollo Municipal")
      .fill("Eje transversal: gobierno abierto.");
    await page.getByLabel("Presupuesto (pesos)").fill("150,000.50");
    await page.getByLabel("Fuente del presupuesto").fill("Recursos propios");
    await page.getByLabel(/^Fecha de inicio/).fill(`${year}-02-01`);
    await page.getByLabel(/^Fecha de término/).fill(`${year}-08-31`);
    await page.getByLabel(/^Actividad 1/).fill("Analizar las solicitudes");
    await page.getByLabel("Responsable de la actividad 1").fill("Unidad de Transparencia");
    await page.getByLabel("Inicio de la actividad 1").fill(`${year}-02-01`);
    // An activity that ends after the project is refused by the form, naming it.
    await page.getByLabel("Término de la actividad 1").fill(`${year}-09-30`);
    await page.getByRole("button", { name: "Registrar ficha" }).click();
    await page
      .getByText("Actividad 1: sus fechas deben quedar dentro de las del proyecto.")
      .waitFor();
    await page.getByLabel("Término de la actividad 1").fill(`${year}-04-30`);
    await page.getByRole("button", { name: "Registrar ficha" }).click();

    await page.getByRole("heading", { name: "Portal de datos abiertos", level: 1 }).waitFor();
    const pdf = page.getByRole("link", { name: "Descargar para cabildo (PDF)" });
    const href = await pdf.getAttribute("href");
    const response = await page.request.get(`${server.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");

    await page.getByRole("link", { name: "Toluca" }).click();
    // The list shows what it had while it reads the new card again (a busy machine makes that
    // read slow, and the card's own page, still on screen meanwhile, shows the same dates):
    // wait for the card's row itself.
    await page.getByRole("cell", { name: "$150,000.50" }).waitFor();
    await page.getByRole("cell", { name: `01/02/${year} – 31/08/${year}` }).waitFor();
    await signOut(page, liaison.name);

    const reviewer = server.accounts.reviewer;
    await signInAs(page, reviewer);
    await page.goto(`${server.baseUrl}/municipios/15106/proyectos`);
    await page.getByRole("link", { name: "Portal de datos abiertos", exact: true }).click();
    await page.getByRole("heading", { name: "Actividades principales" }).waitFor();
    await page.getByRole("cell", { name: "Analizar las solicitudes" }).waitFor();
    expect(await page.getByRole("button", { name: "Guardar cambios" }).count()).toBe(0);
    await signOut(page, reviewer.name);
  });

  it("a liaison proposes the improvement plan from its gaps and closes an action; staff see it", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const liaison = server.accounts.liaison;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, liaison);
    await page.goto(`${server.baseUrl}/mi-municipio`);
    await page.getByRole("link", { name: "Plan de mejora" }).click();
    await page.getByRole("heading", { name: /Plan de mejora: Toluca/, level: 1 }).waitFor();
    await page.getByRole("button", { name: /Proponer \d+ acciones desde las brechas/ }).click();
    await page.getByText(/Se agregaron \d+ acciones al plan\./).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const first = page.getByRole("form").filter({ hasText: "Guardar seguimiento" }).first();
    await first.getByLabel("Estado").selectOption("done");
    await first.getByRole("button", { name: "Guardar seguimiento" }).click();
    await first
      .getByText("Para darla por cumplida, describa la evidencia de su cumplimiento.")
      .waitFor();
    await first.getByLabel("Evidencia de cumplimiento").fill("Acta de cabildo 14/2026");
    await first.getByRole("button", { name: "Guardar seguimiento" }).click();
    await page.getByText("Evidencia: Acta de cabildo 14/2026").waitFor();
    await page.getByText(/^1 de \d+ acciones cumplidas/).waitFor();
    await signOut(page, liaison.name);

    await signInAs(page, server.accounts.reviewer);
    await page.goto(`${server.baseUrl}/brechas`);
    await page.getByRole("heading", { name: "Planes de mejora" }).waitFor();
    await page.getByRole("link", { name: "Toluca" }).last().waitFor();
  });
});
