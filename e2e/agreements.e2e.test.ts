import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";
import { accountMenu, navLink, signIn } from "./session.js";

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

describe("an administrator managing agreements and liaisons", () => {
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

  it("registers Metepec's agreement, designates a new liaison, corrects the cohort and reads the timeline", async () => {
    const { page } = browser;
    const admin = server.accounts.admin;
    await page.goto(`${server.baseUrl}/modelo`);
    await signIn(page, admin.email, admin.password);
    await accountMenu(page, admin.name).waitFor();

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

    // Designate a liaison, creating the account in the same dialog.
    await metepec.getByRole("button", { name: /Designar enlace/ }).click();
    const designate = page.getByRole("dialog", { name: /Designar enlace de Metepec/ });
    await designate.getByLabel("Crear una cuenta nueva").check();
    await designate.getByLabel("Nombre completo").fill("Enlace de Metepec");
    await designate.getByLabel("Correo electrónico").fill("enlace.metepec@mrtm.test");
    await designate.getByLabel("Fecha de designación").fill("2023-03-15");
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
    const timeline = page.locator(".timeline");
    await timeline.getByText("Convenio registrado").waitFor();
    await timeline.getByText("Convenio corregido").waitFor();
    await timeline.getByText("Enlace designado").waitFor();
    await screenshots(page, "municipio-personal");
  });
});
