import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox } from "../src/server/db/schema/index.js";
import { seriousViolations } from "./axe.js";
import { accountMenu, withServerAndBrowser } from "./session.js";

describe("a liaison who forgot the password", () => {
  const context = withServerAndBrowser();

  it("asks for a link, opens it from the e-mail, sets a new password and signs in with it", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const liaison = server.accounts.liaison;

    await page.goto(`${server.baseUrl}/iniciar-sesion`);
    await page.getByRole("link", { name: "¿Olvidó su contraseña?" }).click();
    await page.getByRole("heading", { name: "Recuperar la contraseña" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Correo electrónico de su cuenta").fill(liaison.email);
    await page.getByRole("button", { name: "Enviar enlace" }).click();
    await page.getByText("Solicitud recibida").waitFor();
    expect(await page.getByRole("status").textContent()).toContain(
      "Si la dirección corresponde a una cuenta activa",
    );

    // The e-mail, as the outbox keeps it (no SMTP configured here: held for admins).
    const [mail] = await server.app.deps.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, liaison.email))
      .orderBy(desc(mailOutbox.createdAt))
      .limit(1);
    expect(mail?.subject).toBe("Restablecer su contraseña de MRTM");
    const link = /https?:\/\/\S+\/restablecer\?token=[A-Za-z0-9_-]+/.exec(mail?.text ?? "")?.[0];
    expect(link).toBeDefined();
    const { pathname, search } = new URL(link ?? "");

    await page.goto(`${server.baseUrl}${pathname}${search}`);
    await page.getByRole("heading", { name: "Elegir una nueva contraseña" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const newPassword = "una frase nueva para Toluca";
    await page.getByLabel("Contraseña nueva", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirme la contraseña nueva", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Guardar la contraseña" }).click();
    await page.getByRole("heading", { name: "Contraseña restablecida" }).waitFor();

    // The link works once.
    const again = await server.app.inject({
      method: "POST",
      url: "/api/auth/password-reset/confirm",
      payload: { token: new URLSearchParams(search).get("token"), newPassword: "otra frase más" },
    });
    expect(again.statusCode).toBe(400);

    await page.getByRole("link", { name: "Iniciar sesión con la nueva contraseña" }).click();
    await page.getByRole("heading", { name: "Iniciar sesión" }).waitFor();
    await page.getByLabel("Correo electrónico").fill(liaison.email);
    await page.getByLabel("Contraseña", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Entrar" }).click();
    await accountMenu(page, liaison.name).waitFor();
    // Signed in, the person is taken to their work, off the sign-in page.
    await page.waitForURL((url) => url.pathname !== "/iniciar-sesion");
    expect(new URL(page.url()).pathname).toBe("/mi-trabajo");
  });
});
