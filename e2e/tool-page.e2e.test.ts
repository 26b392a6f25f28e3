import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../src/server/test/samples.js";
import { navLink, signInAs, signOut, withServerAndBrowser } from "./session.js";

describe("the tool page: what the tool asks, who submits, uploads checked before sending", () => {
  const context = withServerAndBrowser();
  let dir: string;
  let big: string;
  let program: string;
  let pdf: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-uploads-"));
    // 27 MB, over the default 25 MB limit (sparse: nothing is written to disk).
    big = path.join(dir, "informe-grande.pdf");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, 27 * 1024 * 1024);
    program = path.join(dir, "instalador.exe");
    fs.writeFileSync(program, "MZ");
    pdf = path.join(dir, "politica.pdf");
    fs.writeFileSync(pdf, await samplePdf("Política de Transparencia"));
  });
  afterAll(() => {
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a file too large or of another type, naming the limit, and a future effective date", async () => {
    const { server, browser } = context;
    const { page } = browser;
    let sent = 0;
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().includes("/evidence")) {
        sent += 1;
      }
    });
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, server.accounts.liaison);
    await navLink(page, "Mi municipio").click();
    await page.locator('tr[data-tool="E2"]').getByRole("link").click();
    const form = page.getByRole("form", { name: "Subir un documento" });
    await form.waitFor();
    // The hint names the limit before anything is chosen.
    await form.getByText(/hasta 25 MB/).waitFor();

    const file = form.getByLabel("Archivo");
    await file.setInputFiles(big);
    await form.getByText("El archivo supera el tamaño máximo permitido (25 MB).").waitFor();
    expect(await file.getAttribute("aria-invalid")).toBe("true");
    await form.getByRole("button", { name: "Subir documento" }).click();
    await form.getByText("El archivo supera el tamaño máximo permitido (25 MB).").waitFor();

    await file.setInputFiles(program);
    await form
      .getByText(/^No se admiten archivos \.exe\. Tipos admitidos: PDF.*hasta 25 MB\.$/)
      .waitFor();

    await file.setInputFiles(pdf);
    await form.getByLabel("Fecha de vigencia").fill("2031-01-10");
    await form.getByRole("button", { name: "Subir documento" }).click();
    await form
      .getByText(/^La fecha de vigencia no puede ser posterior a hoy \(\d{2}\/\d{2}\/\d{4}\)\.$/)
      .waitFor();
    // None of the three left the browser.
    expect(sent).toBe(0);

    // A file that fits, dated today, goes.
    await form
      .getByLabel("Fecha de vigencia")
      .fill(
        new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(new Date()),
      );
    await form.getByRole("button", { name: "Subir documento" }).click();
    await form.getByText("Se subió «politica.pdf».").waitFor();
    expect(sent).toBe(1);
  });

  it("shows what the tool asks for, tells a collaborator the liaison submits, and hides other municipalities", async () => {
    const { server, browser } = context;
    const { page } = browser;
    await signOut(page, server.accounts.liaison.name);
    await signInAs(page, server.accounts.collaborator);
    await navLink(page, "Mi municipio").click();
    await page.locator('tr[data-tool="P1"]').first().getByRole("link").click();
    const asks = page.getByRole("region", { name: "Qué pide la herramienta" });
    await asks.waitFor();
    // From the agreement's model version: description, parts, criteria, period and its rule.
    expect(await asks.textContent()).toContain("Indagará en el nivel de documentación");
    expect(await asks.locator("[data-part-code]").count()).toBe(2);
    expect(await asks.textContent()).toContain("El proceso está documentado");
    expect(await asks.textContent()).toContain("6 meses desde la firma del convenio");
    // A collaborator prepares; the page says who submits, and offers no submit button.
    await page
      .getByText("Solo el enlace municipal envía la herramienta a revisión.", { exact: false })
      .waitFor();
    expect(await page.getByRole("button", { name: "Enviar a revisión" }).count()).toBe(0);

    // Another municipality: one clear page, not three «no existe» boxes.
    await page.goto(`${server.baseUrl}/municipios/15054`);
    await page.getByRole("heading", { name: "Municipio no disponible" }).waitFor();
    expect(await page.getByText("El municipio no existe.").count()).toBe(0);
    expect(await page.getByRole("alert").count()).toBe(0);
    await page.getByRole("link", { name: /Ir a mi municipio: Toluca/ }).waitFor();
  });
});
