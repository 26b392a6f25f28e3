import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../src/server/test/samples.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";
import { navLink, signInAs } from "./session.js";

/** With E2E_SCREENSHOTS=1, saves the page at 1280 and 360 px wide to /tmp/mrtm-<name>-*.png. */
async function screenshots(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS !== "1") {
    return;
  }
  await page.screenshot({ path: `/tmp/mrtm-${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `/tmp/mrtm-${name}-360.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Fetches a download link's target with the page's cookies: status and content type. */
async function fetchLink(page: Page, link: Locator, baseUrl: string) {
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  const response = await page.request.get(new URL(href ?? "", baseUrl).toString());
  return { status: response.status(), type: response.headers()["content-type"] ?? "" };
}

describe("an administrator managing agreements and liaisons", () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let dir: string;
  let agreementPdf: string;
  let letterPdf: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-e2e-documents-"));
    agreementPdf = path.join(dir, "Convenio Metepec.pdf");
    letterPdf = path.join(dir, "Oficio enlace Metepec.pdf");
    fs.writeFileSync(agreementPdf, await samplePdf("Convenio de colaboración: Metepec"));
    fs.writeFileSync(letterPdf, await samplePdf("Oficio de designación del enlace de Metepec"));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("registers Metepec's agreement, designates a new liaison, corrects the cohort and reads the timeline", async () => {
    const { page } = browser;
    const admin = server.accounts.admin;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, admin);

    await navLink(page, "Convenios").click();
    await page.locator('tr[data-agreement="15106"]').waitFor();

    // Register: Toluca already has an agreement, so the picker does not offer it.
    await page.getByRole("button", { name: "Registrar convenio" }).click();
    const register = page.getByRole("dialog", { name: "Registrar convenio" });
    const picker = register.getByRole("combobox", { name: "Municipio" });
    await picker.fill("toluca");
    await register.getByText("Ningún municipio coincide.").waitFor();
    await picker.fill("metepec");
    await register.getByRole("option", { name: /Metepec/ }).click();
    await register.getByLabel("Fecha de firma").fill("2023-03-01");
    await register.getByLabel("Cohorte").fill("Cohorte 2023");
    await register.getByRole("button", { name: "Registrar", exact: true }).click();
    const metepec = page.locator('tr[data-agreement="15054"]');
    await metepec.waitFor();
    expect(await metepec.textContent()).toContain("01/03/2023");
    expect(await metepec.textContent()).toContain("Sin enlace designado");
    expect(await metepec.textContent()).toContain("Sin convenio firmado adjunto");

    // Attach the signed agreement: the link appears, with the date, and downloads the PDF.
    await metepec.getByRole("button", { name: /Adjuntar convenio firmado/ }).click();
    const attach = page.getByRole("dialog", { name: /Adjuntar convenio firmado de Metepec/ });
    await attach.getByRole("button", { name: "Adjuntar", exact: true }).click();
    await attach.getByText("Elija el archivo que desea adjuntar.").waitFor();
    await attach.locator("input[type=file]").setInputFiles(agreementPdf);
    await attach.getByRole("button", { name: "Adjuntar", exact: true }).click();
    const signed = metepec.getByRole("link", { name: "Convenio firmado" });
    await signed.waitFor();
    await attach.waitFor({ state: "hidden" });
    // The list names the signing date, and the upload's date apart, never «firmado del <upload>».
    expect(await signed.textContent()).toBe("Convenio firmado el 01/03/2023");
    expect(await metepec.textContent()).toMatch(/\(se adjuntó el \d{2}\/\d{2}\/\d{4}\)/);
    expect(await metepec.textContent()).not.toContain("firmado del");
    expect(await fetchLink(page, signed, server.baseUrl)).toEqual({
      status: 200,
      type: expect.stringContaining("application/pdf"),
    });
    const [download] = await Promise.all([page.waitForEvent("download"), signed.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await metepec.getByRole("button", { name: /Reemplazar convenio firmado de Metepec/ }).waitFor();

    // Designate a liaison, creating the account in the same dialog.
    await metepec.getByRole("button", { name: /Designar enlace/ }).click();
    const designate = page.getByRole("dialog", { name: /Designar enlace de Metepec/ });
    await designate.getByLabel("Crear una cuenta nueva").check();
    await designate.getByLabel("Nombre completo").fill("Enlace de Metepec");
    await designate.getByLabel("Correo electrónico").fill("enlace.metepec@mrtm.test");
    await designate.getByLabel("Fecha de designación").fill("2023-03-15");
    await designate.getByLabel("Oficio de designación").setInputFiles(letterPdf);
    await screenshots(page, "designar");
    await designate.getByRole("button", { name: "Designar enlace" }).click();
    const done = page.getByRole("dialog", { name: "Enlace designado" });
    await done.getByText("Esta contraseña se muestra solo una vez").waitFor();
    expect(
      ((await done.getByTestId("temporary-password").textContent()) ?? "").length,
    ).toBeGreaterThanOrEqual(12);
    await done.getByRole("button", { name: "Listo" }).click();
    await metepec.getByText("enlace.metepec@mrtm.test").waitFor();

    // Correct the cohort: the reason is required.
    await metepec.getByRole("button", { name: /Corregir/ }).click();
    const correct = page.getByRole("dialog", { name: /Corregir convenio de Metepec/ });
    await correct.getByLabel("Cohorte").fill("Cohorte 2023-A");
    await correct.getByRole("button", { name: "Guardar corrección" }).click();
    await correct.getByText("Explique el motivo de la corrección").waitFor();
    await correct.getByLabel("Motivo de la corrección").fill("La cohorte se registró mal.");
    await correct.getByRole("button", { name: "Guardar corrección" }).click();
    await metepec.getByText(/Cohorte 2023-A/).waitFor();
    await screenshots(page, "convenios");

    // The municipality page for staff: agreement, liaison and timeline.
    await metepec.getByRole("link", { name: "Metepec" }).click();
    await page.getByRole("heading", { name: "Metepec", exact: true }).waitFor();
    await page.getByRole("heading", { name: "Convenio" }).waitFor();
    await page.getByText("En funciones").waitFor();
    const summaryAgreement = page.getByRole("region", { name: "Convenio" });
    const summarySigned = summaryAgreement.getByRole("link", { name: "Convenio firmado" });
    expect((await fetchLink(page, summarySigned, server.baseUrl)).status).toBe(200);
    const letter = page.getByRole("link", { name: "Oficio de designación" });
    expect(await fetchLink(page, letter, server.baseUrl)).toEqual({
      status: 200,
      type: expect.stringContaining("application/pdf"),
    });
    const timeline = page.locator(".timeline");
    await timeline.getByText("Convenio registrado").waitFor();
    await timeline.getByText("Convenio corregido").waitFor();
    await timeline.getByText("Enlace designado").waitFor();
    await timeline.getByText("Convenio firmado adjuntado").waitFor();
    await timeline.getByText("Oficio de designación adjuntado").waitFor();
    await screenshots(page, "municipio-personal");
  });
});
