/// <reference lib="dom" />
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, localDateOf } from "../src/domain/dates.js";
import { SYSTEM_ACTOR } from "../src/server/lib/audit.js";
import { registerAgreement } from "../src/server/modules/agreements/service.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";
import { clickNavLink, signInAs } from "./session.js";

describe("a reviewer reading the gap matrix", () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let dir: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-e2e-matrix-"));
    // Toluca (demo seed) signed in 2022: several tools are overdue. Metepec signed a month ago:
    // nothing is due yet.
    const now = new Date();
    await registerAgreement(
      server.app.deps.db,
      {
        municipality: "15054",
        signedOn: addMonths(localDateOf(now), -1),
        cohort: "Cohorte reciente",
      },
      SYSTEM_ACTOR,
      now,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("filters the municipalities with overdue tools and downloads that matrix as XLSX", async () => {
    const { page } = browser;
    const reviewer = server.accounts.reviewer;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, reviewer);

    await clickNavLink(page, "Brechas");
    await page.getByRole("heading", { name: "Matriz de brechas", level: 1 }).waitFor();
    const toluca = page.locator('tr[data-municipality="15106"]');
    const metepec = page.locator('tr[data-municipality="15054"]');
    await toluca.waitFor();
    await metepec.waitFor();
    // The state is written in every cell; overdue ones say so in words.
    expect(await toluca.getByText("Vencida", { exact: true }).count()).toBeGreaterThan(0);
    expect(await metepec.getByText("Vencida", { exact: true }).count()).toBe(0);
    expect(await toluca.getByRole("link", { name: "Toluca" }).getAttribute("href")).toBe(
      "/municipios/15106",
    );
    // Tool columns are real column headers, named by code and tool.
    await page.getByRole("columnheader", { name: /E2 Política de Transparencia/ }).waitFor();

    await page.getByLabel("Vencimiento").selectOption({ label: "Solo con herramientas vencidas" });
    await metepec.waitFor({ state: "detached" });
    await page.getByRole("status").filter({ hasText: "1 municipio ·" }).waitFor();
    expect(new URL(page.url()).searchParams.get("vencidas")).toBe("si");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Descargar XLSX" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^matriz-de-brechas-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet("Matriz de brechas");
    if (!sheet) {
      throw new Error("the workbook has no «Matriz de brechas» sheet");
    }
    expect(String(sheet.getCell("A4").value)).toContain("Vencidas: solo con vencidas");
    expect(sheet.getRow(7).getCell(2).value).toBe("Toluca");
    expect(sheet.getRow(8).getCell(2).value).toBe("Total sin validar");
    const overdueCells = (sheet.getRow(7).values as unknown[]).filter(
      (value) => typeof value === "string" && value.endsWith("VENCIDA"),
    );
    expect(overdueCells.length).toBeGreaterThan(0);
  });

  it("sorts by a tool column from its header and stays usable at 360 px", async () => {
    const { page } = browser;
    await page.getByLabel("Vencimiento").selectOption({ label: "Todos los municipios" });
    await page.locator('tr[data-municipality="15054"]').waitFor();
    const header = page.getByRole("columnheader", { name: /R4 Diagnóstico/ });
    await header.getByRole("button").click();
    await page.locator('thead th[aria-sort="ascending"]').filter({ hasText: "R4" }).waitFor();
    expect(new URL(page.url()).searchParams.get("orden")).toBe("tool:R4");
    // Toluca's R4 is overdue, Metepec's is not due yet: the most urgent comes first.
    // The new order arrives with the next response: wait for it rather than read the old rows.
    const first = page.locator("tbody tr").first();
    await expect.poll(() => first.getAttribute("data-municipality")).toBe("15106");

    await page.setViewportSize({ width: 360, height: 740 });
    const metrics = await page.evaluate(() => {
      const wrap = document.querySelector(".gap-matrix-wrap") as HTMLElement;
      const name = document.querySelector("tbody .gap-matrix__municipality") as HTMLElement;
      return {
        pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
        wrapScrolls: wrap.scrollWidth > wrap.clientWidth,
        sticky: getComputedStyle(name).position,
      };
    });
    expect(metrics.pageOverflow).toBeLessThanOrEqual(0);
    expect(metrics.wrapScrolls).toBe(true);
    expect(metrics.sticky).toBe("sticky");
    // The frame scrolls with the keyboard: it takes focus.
    await page.locator(".gap-matrix-wrap").focus();
    await page.keyboard.press("ArrowRight");
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
