import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";

/**
 * The public methodology, as a citizen reaches it: from the ranking, without signing in; it shows
 * the model in force with each dimension's and tool's weight in the index, a worked example with
 * the index it gets, and prints without the site's navigation.
 */
let server: E2eServer;
let browser: E2eBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the methodology page", () => {
  it("is linked from the ranking and shows the weights of the model in force", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/publico/clasificacion`);
    await page.getByRole("link", { name: "Cómo se calcula el índice" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Metodología del índice de implementación" })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe("/metodologia");

    const sheet = page.getByRole("region", { name: "Ficha técnica" });
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain("Modelo 2022, versión 1");

    // Every weight 1: each of the five dimensions is a fifth of the index, E2 a quarter of E.
    const weights = page.getByRole("table", { name: /Pesos, plazos y forma de puntuar/ });
    const estrategia = weights.locator('tbody[data-dimension="E"] tr').first();
    expect(await estrategia.textContent()).toContain("Estrategia (E)");
    expect(await estrategia.textContent()).toContain("20.0 %");
    const e2 = weights.locator('tr[data-tool="E2"]');
    const e2Cells = await e2.locator("td").allTextContents();
    expect(e2Cells[0]).toContain("3 meses desde la firma del convenio");
    expect(e2Cells[1]).toContain("Cuenta 1 al validarse");
    expect(e2Cells.slice(2)).toEqual(["25.0 %", "5.0 %"]);
    const p1Cells = await weights.locator('tr[data-tool="P1"]').locator("td").allTextContents();
    expect(p1Cells[1]).toContain("Madurez: criterios de 1 / 0.5 / 0");
    expect(p1Cells.slice(2)).toEqual(["50.0 %", "10.0 %"]);

    // A worked example computed by the server's scoring: E1, E2 and R2 validated → 15 %.
    const example = page.getByRole("article", { name: "Un municipio con E1, E2 y R2 validadas" });
    expect(await example.locator(".methodology-result__index").textContent()).toBe("15.0 %");
  });

  it("prints the sheet with the institution's name but without navigation, footer or buttons", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/metodologia`);
    await page.getByRole("region", { name: "Ficha técnica" }).waitFor();
    const navigation = page.getByRole("navigation", { name: "Principal" });
    expect(await navigation.isVisible()).toBe(true);
    await page.emulateMedia({ media: "print" });
    try {
      expect(await page.locator(".brand").isVisible()).toBe(true);
      expect(await navigation.isVisible()).toBe(false);
      expect(await page.locator(".site-footer").isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "Imprimir" }).isVisible()).toBe(false);
      expect(await page.getByRole("heading", { name: "Ficha técnica" }).isVisible()).toBe(true);
      // Nothing of the weights table is clipped: it is as wide as the page at most.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });
});
