import { describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { accountMenu, signInAs, withServerAndBrowser } from "./session.js";

describe("a liaison's API tokens in «Mi cuenta»", () => {
  const context = withServerAndBrowser();

  it("creates a token shown once, uses it from outside the browser, then revokes it", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const liaison = server.accounts.liaison;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, liaison);
    await accountMenu(page, liaison.name).click();
    await page.getByRole("link", { name: "Tokens de API" }).click();
    await page.getByRole("heading", { name: "Tokens de API", level: 1 }).waitFor();
    await page.getByText("Aún no ha creado ningún token.").waitFor();

    // A name is required before anything is sent.
    await page.getByRole("button", { name: "Crear token" }).click();
    await page.getByText("Escriba para qué es el token.").waitFor();

    await page.getByLabel("Nombre").fill("Portal municipal");
    await page.getByLabel("Alcance").selectOption({ label: "Lectura y escritura" });
    await page.getByLabel("Vigencia").selectOption({ label: "30 días" });
    await page.getByRole("button", { name: "Crear token" }).click();
    const field = page.getByLabel("Token «Portal municipal»");
    await field.waitFor();
    const secret = await field.inputValue();
    expect(secret).toMatch(/^mrtm_[A-Za-z0-9_-]{43}$/);
    await page.getByText("Cópielo ahora: por seguridad no se volverá a mostrar.").waitFor();
    await page.getByRole("button", { name: "Copiar el token" }).waitFor();
    const row = page.getByRole("row", { name: /Portal municipal/ });
    await row.getByText("Activo", { exact: true }).waitFor();
    await row.getByText("Lectura y escritura").waitFor();
    await row.getByText(`mrtm_…${secret.slice(-4)}`).waitFor();
    await row.getByText(/Vence el \d{2}\/\d{2}\/\d{4}/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // An integration calls the API with the token alone: no cookie, no CSRF token.
    const me = await fetch(`${server.baseUrl}/api/auth/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(liaison.email);
    const write = await fetch(`${server.baseUrl}/api/notifications/read-all`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(write.status).toBe(200);

    // The secret is gone after a reload; the list remembers the use.
    await page.reload();
    await page.getByRole("heading", { name: "Tokens de API", level: 1 }).waitFor();
    expect(await page.getByLabel("Token «Portal municipal»").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await row.getByText("Sin usar").waitFor({ state: "detached" });

    await row.getByRole("button", { name: "Revocar Portal municipal" }).click();
    await page.getByRole("button", { name: "Sí, revocar" }).click();
    await row.getByText("Revocado", { exact: true }).waitFor();
    await row.getByText(/Revocado por su titular/).waitFor();
    const after = await fetch(`${server.baseUrl}/api/auth/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(after.status).toBe(401);
  });
});
