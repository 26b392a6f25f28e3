import { and, eq, inArray } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toolInstances } from "../src/server/db/schema/index.js";
import { SYSTEM_ACTOR } from "../src/server/lib/audit.js";
import { registerAgreement } from "../src/server/modules/agreements/service.js";
import { submitInstance } from "../src/server/modules/review/service.js";
import { addEvidenceRow, buildUser } from "../src/server/test/factories.js";
import { pdfText } from "../src/server/test/pdf.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";
import { navLink, signInAs } from "./session.js";

/** With E2E_SCREENSHOTS=1, saves the page at 1280 and 360 px wide to /tmp/mrtm-<name>-*.png. */
async function screenshots(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS !== "1") {
    return;
  }
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.screenshot({ path: `/tmp/mrtm-${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `/tmp/mrtm-${name}-360.png`, fullPage: true });
  await page.setViewportSize(size);
}

/** The map's third band (40 to 60 %), as the style sheet defines it: rgb(123, 204, 196). */
const BAND_2 = [0x7b, 0xcc, 0xc4];

/**
 * Clicks the map where it is painted in `rgb`: where a municipality of that band is (the test data
 * leaves one municipality in it).
 */
async function clickColour(page: Page, rgb: number[]): Promise<void> {
  const canvas = page.locator(".municipality-map__canvas canvas").first();
  await canvas.waitFor();
  const found = await canvas.evaluate((element, [r, g, b]) => {
    const node = element as HTMLCanvasElement;
    const context = node.getContext("2d");
    if (!context) {
      return null;
    }
    const { data, width, height } = context.getImageData(0, 0, node.width, node.height);
    const hits: [number, number][] = [];
    for (let y = 0; y < height; y += 2) {
      for (let x = 0; x < width; x += 2) {
        const at = (y * width + x) * 4;
        if (data[at] === r && data[at + 1] === g && data[at + 2] === b) {
          hits.push([x, y]);
        }
      }
    }
    if (hits.length === 0) {
      return null;
    }
    // The middle hit, away from the borders; canvas pixels to CSS pixels.
    const [x, y] = hits[Math.floor(hits.length / 2)] as [number, number];
    const scale = node.width / node.getBoundingClientRect().width;
    return { x: x / scale, y: y / scale };
  }, rgb);
  expect(found, "a municipality painted in the colour of its band").not.toBeNull();
  await canvas.click({ position: found ?? { x: 0, y: 0 } });
}

describe("a reviewer reading the region and handing a municipality its report card", () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let p2Id = "";
  const policyErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const db = server.app.deps.db;
    // The demo seed makes Toluca take part; Metepec signs too, and stays at E1.
    await registerAgreement(
      db,
      { municipality: "15054", signedOn: "2023-03-01", cohort: "Cohorte 2023" },
      SYSTEM_ACTOR,
      new Date(),
    );
    // Toluca has Estrategia and Recursos complete and one of Procesos' two tools: index 50 %.
    await db
      .update(toolInstances)
      .set({ state: "validated", validatedAt: new Date() })
      .where(
        and(
          eq(toolInstances.municipalityCvegeo, "15106"),
          inArray(toolInstances.toolCode, ["E1", "E2", "E3", "E4", "R1", "R2", "R3", "R4", "P1"]),
        ),
      );
    // Metepec's liaison has sent P2 (automation) to review: the reviewer will measure its level.
    const liaison = await buildUser(db, "liaison", { municipality: "15054" });
    const [p2] = await db
      .select({ id: toolInstances.id })
      .from(toolInstances)
      .where(and(eq(toolInstances.municipalityCvegeo, "15054"), eq(toolInstances.toolCode, "P2")));
    p2Id = p2?.id ?? "";
    await addEvidenceRow(db, p2Id, liaison.id);
    await db.update(toolInstances).set({ state: "in_progress" }).where(eq(toolInstances.id, p2Id));
    await submitInstance(
      db,
      p2Id,
      {
        id: liaison.id,
        email: liaison.email,
        name: "Enlace de Metepec",
        role: "liaison",
        municipality: { cvegeo: "15054", name: "Metepec" },
        mustChangePassword: false,
        designatedLiaison: true,
      },
      SYSTEM_ACTOR,
      new Date(),
    );
    browser.page.on("console", (message) => {
      if (
        message.type() === "error" &&
        /Content Security Policy|Refused to/i.test(message.text())
      ) {
        policyErrors.push(message.text());
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens the regional dashboard and sees the figures, the map and the ranking", async () => {
    const { page } = browser;
    const reviewer = server.accounts.reviewer;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, reviewer);
    await navLink(page, "Tablero").click();
    await page.getByRole("heading", { name: "Tablero regional", level: 1 }).waitFor();
    await page.getByText("2 municipios con convenio de 125 del catálogo").waitFor();

    const kpis = page.locator(".kpi");
    expect(
      await kpis.filter({ hasText: "Índice de implementación (media)" }).textContent(),
    ).toContain("27.5 %");
    const ranking = page.locator(".ranking-table tbody tr");
    await ranking.first().waitFor();
    expect(await ranking.nth(0).textContent()).toMatch(/^1Toluca.*50\.0 %/);
    expect(await ranking.nth(1).textContent()).toMatch(/^2Metepec.*5\.0 %/);

    // Sorting by name puts Metepec first; sorting again reverses.
    const byName = page.getByRole("button", { name: /^Municipio/ });
    await byName.click();
    expect(await ranking.nth(0).textContent()).toContain("Metepec");
    await byName.click();
    expect(await ranking.nth(0).textContent()).toContain("Toluca");

    await screenshots(page, "dashboard");
    // Every chart has its figures in a table too.
    await page.getByText("Ver los datos del mapa en una tabla").click();
    const mapTable = page.locator(".municipality-map .chart-data table");
    expect(await mapTable.locator("tr", { hasText: "Acambay" }).textContent()).toContain(
      "Sin convenio",
    );
    expect(await mapTable.locator("tr", { hasText: "Toluca" }).textContent()).toContain("50.0 %");
    await page.getByText("Ver la tendencia en una tabla").click();
    expect(await page.locator(".trend-chart table tbody tr").first().textContent()).toContain(
      "(hoy, cifras actuales)",
    );
    expect(policyErrors).toEqual([]);
  });

  it("clicks Toluca on the map to open its page, and its ranking row too", async () => {
    const { page } = browser;
    await clickColour(page, BAND_2);
    await page.waitForURL(/\/municipios\/15106$/);
    await page.getByRole("heading", { name: "Toluca", level: 1 }).waitFor();

    await page.goBack();
    await page.getByRole("heading", { name: "Tablero regional", level: 1 }).waitFor();
    await page.locator(".ranking-table").getByRole("link", { name: "Toluca" }).click();
    await page.waitForURL(/\/municipios\/15106$/);
    const progress = page.getByRole("region", { name: "Avance", exact: true });
    await progress.getByRole("heading", { name: "Índice de implementación" }).waitFor();
    expect(await progress.locator(".kpi__value").textContent()).toBe("50.0 %");
    expect(await progress.textContent()).toContain("1 de 2 municipios con convenio");
    // Deadlines past and upcoming, overdue ones marked.
    await progress.locator(".deadline-list__today").waitFor();
    expect(await progress.locator(".deadline-list__item--overdue").count()).toBeGreaterThan(0);
    // The list opens on the near deadlines; «Ver todos» shows the validated ones too.
    const all = progress.getByRole("button", { name: /^Ver todos/ });
    if ((await all.count()) > 0) {
      await all.click();
    }
    expect(await progress.locator(".deadline-list__item--done").count()).toBeGreaterThan(0);
    await screenshots(page, "municipal-dashboard");
  });

  it("issues Toluca's report card and downloads it", async () => {
    const { page } = browser;
    await page.getByRole("button", { name: "Emitir cédula de avance" }).click();
    const issued = page.getByRole("status").filter({ hasText: "Cédula emitida" });
    await issued.waitFor();
    const code = (await issued.locator(".code-chip").textContent()) ?? "";
    expect(code).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      issued.getByRole("link", { name: "Descargar la cédula (PDF)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cedula-15106-\d{4}-\d{2}-\d{2}\.pdf$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
    }
    const text = await pdfText(Buffer.concat(chunks));
    expect(text).toContain("Cédula de avance");
    expect(text).toContain("Toluca (clave INEGI 15106)");
    expect(text).toContain("Índice de implementación: 50.0 %");
    expect(text).toContain(`Código de verificación: ${code}`);
    // The card is listed with the others, newest first.
    await page.locator("tr", { hasText: code }).waitFor();
    expect(policyErrors).toEqual([]);
  });
  it("validates Metepec's P2 at the maturity level reached, which its score then counts", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/herramientas/${p2Id}`);
    const form = page.getByRole("form", { name: "Decisión de la revisión" });
    await form.getByRole("radio", { name: "Validar" }).check();
    await form.getByRole("button", { name: "Registrar decisión" }).click();
    // Validating a tool with levels asks for the level first.
    await form.getByText("Elija el nivel de madurez alcanzado.").waitFor();
    const levels = form.getByRole("group", { name: "Nivel de madurez alcanzado" });
    expect(await levels.getByRole("radio").count()).toBe(4);
    await levels.getByLabel("Nivel 2: Automatización parcial del proceso").check();
    await form.getByRole("button", { name: "Registrar decisión" }).click();
    await page.getByText("Madurez medida").waitFor();
    expect(await page.locator(".page-header").textContent()).toContain(
      "66.7 %: nivel 2 de 3 (Automatización parcial del proceso)",
    );
    expect(await page.locator(".history").textContent()).toContain("Nivel de madurez alcanzado: 2");
    // Metepec's Procesos: P2 at two thirds, P1 pending: a third.
    await page.goto(`${server.baseUrl}/municipios/15054`);
    const dimensions = page.getByRole("region", {
      name: "Dimensiones frente a la mediana regional",
    });
    await dimensions.waitFor();
    expect(await dimensions.locator("li", { hasText: "Procesos" }).textContent()).toContain(
      "33.3 %",
    );
  });
});
