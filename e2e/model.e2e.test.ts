import { describe, expect, it } from "vitest";
import {
  accountMenu,
  clickNavLink,
  navLink,
  signInAs,
  signOut,
  withServerAndBrowser,
} from "./session.js";

describe("an administrator browsing the model and the municipalities", () => {
  const context = withServerAndBrowser();

  it("signs in, sees 18 tools in 5 dimensions, finds Toluca and signs out", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const admin = server.accounts.admin;
    await page.goto(`${server.baseUrl}/`);

    await signInAs(page, admin);
    expect(await navLink(page, "Usuarios").count()).toBe(1);

    await clickNavLink(page, "Modelo");
    await page.locator("article[data-tool-code]").first().waitFor();
    expect(await page.locator("section[data-dimension-code]").count()).toBe(5);
    expect(await page.locator("article[data-tool-code]").count()).toBe(18);
    expect(await page.getByTestId("model-totals").textContent()).toContain(
      "5 dimensiones · 18 herramientas",
    );
    const e1 = page.locator('section[data-dimension-code="E"] article[data-tool-code="E1"]');
    // The code is said once, as part of the heading: never «E1 E1:».
    expect(await e1.getByRole("heading").textContent()).toBe("E1 Convenio de colaboración");
    expect(await e1.textContent()).not.toMatch(/E1\s*E1/);
    const m4 = page.locator('section[data-dimension-code="M"] article[data-tool-code="M4"]');
    expect(await m4.getByRole("heading").textContent()).toContain("Planes de Mejora");
    const r1Parts = page.locator('article[data-tool-code="R1"] [data-part-code]');
    expect(await r1Parts.count()).toBe(4);

    await clickNavLink(page, "Municipios");
    await page.getByText("125 municipios").waitFor();
    await page.getByRole("searchbox", { name: "Buscar municipio" }).fill("toluca");
    await page.getByText("1 de 125 municipios").waitFor();
    const row = page.locator('tr[data-cvegeo="15106"]');
    expect(await row.getByRole("rowheader").textContent()).toBe("Toluca");
    expect(await page.locator("tbody tr").count()).toBe(1);

    await signOut(page, admin.name);
    expect(await accountMenu(page, admin.name).count()).toBe(0);
    expect(await navLink(page, "Usuarios").count()).toBe(0);
    // A page for administrators now asks to sign in, remembering where the person was going.
    await page.goto(`${server.baseUrl}/usuarios`);
    await page.getByRole("heading", { name: "Iniciar sesión" }).waitFor();
    expect(new URL(page.url()).search).toBe("?volver=%2Fusuarios");
  });
});
