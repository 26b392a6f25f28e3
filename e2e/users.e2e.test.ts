import { describe, expect, it } from "vitest";
import {
  accountMenu,
  clickNavLink,
  navLink,
  signIn,
  signInAs,
  signOut,
  withServerAndBrowser,
} from "./session.js";

describe("an administrator creating an account", () => {
  const context = withServerAndBrowser();

  it("creates a liaison, sees the temporary password once, and the liaison must change it", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const admin = server.accounts.admin;
    await page.goto(`${server.baseUrl}/`);
    await signInAs(page, admin);

    await clickNavLink(page, "Usuarios");
    await page.locator(`tr[data-user-email="${admin.email}"]`).waitFor();
    await page.getByRole("button", { name: "Nueva cuenta" }).click();

    const form = page.getByRole("dialog", { name: "Nueva cuenta" });
    await form.getByLabel("Nombre completo").fill("Enlace de Metepec");
    await form.getByLabel("Correo electrónico").fill("enlace.metepec@mrtm.test");
    await form.getByLabel("Rol").selectOption({ label: "Enlace municipal" });
    await form.getByRole("combobox", { name: "Municipio" }).fill("metepec");
    await form.getByRole("option", { name: /Metepec/ }).click();
    expect(await form.getByRole("combobox", { name: "Municipio" }).inputValue()).toBe(
      "Metepec (15054)",
    );
    await form.getByRole("button", { name: "Crear cuenta" }).click();

    const created = page.getByRole("dialog", { name: "Cuenta creada" });
    await created.getByText("Esta contraseña se muestra solo una vez").waitFor();
    const temporaryPassword = (
      (await created.getByTestId("temporary-password").textContent()) ?? ""
    ).trim();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    await created.getByRole("button", { name: "Listo" }).click();

    const row = page.locator('tr[data-user-email="enlace.metepec@mrtm.test"]');
    await row.waitFor();
    expect(await row.textContent()).toContain("Enlace municipal");
    expect(await row.textContent()).toContain("Metepec (15054)");
    expect(await row.textContent()).toContain("Contraseña temporal");

    // The new liaison signs in with the temporary password and must choose their own first.
    await signOut(page, admin.name);
    await signIn(page, "enlace.metepec@mrtm.test", temporaryPassword);
    await page.getByText("Debe cambiar su contraseña").waitFor();
    expect(new URL(page.url()).pathname).toBe("/cuenta/contrasena");
    await page.getByLabel("Contraseña actual", { exact: true }).fill(temporaryPassword);
    await page.getByLabel("Contraseña nueva", { exact: true }).fill("una frase larga para Metepec");
    await page
      .getByLabel("Confirme la contraseña nueva", { exact: true })
      .fill("una frase larga para Metepec");
    await page.getByRole("button", { name: "Cambiar contraseña" }).click();
    // Everyone lands on «Mi trabajo» after signing in.
    await page.getByRole("heading", { name: "Mi trabajo", level: 1 }).waitFor();
    await accountMenu(page, "Enlace de Metepec").waitFor();
    expect(await navLink(page, "Usuarios").count()).toBe(0);
  });
});
