/**
 * Issue 17, item 5 in the browser: a reviewer writes to every liaison; Toluca's liaison sees it
 * unread, reads it; the reviewer sees it read.
 */
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { clickNavLink, signInAs, signOut, withServerAndBrowser } from "./session.js";

describe("announcements", () => {
  const context = withServerAndBrowser();

  it("a reviewer writes to every liaison, a liaison reads it, the reviewer sees who read it", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const reviewer = server.accounts.reviewer;
    const liaison = server.accounts.liaison;
    const title = "Capacitación de enero";

    await page.goto(server.baseUrl);
    await signInAs(page, reviewer);
    await clickNavLink(page, "Avisos");
    await page.getByRole("heading", { name: "Avisos", level: 1 }).waitFor();
    const form = page.getByRole("form", { name: "Nuevo aviso" });
    // Nothing written: the form says what is missing and sends nothing.
    await form.getByRole("button", { name: "Enviar aviso" }).click();
    await form.getByText("Escriba el título del aviso.").waitFor();
    await form.getByLabel("Título").fill(title);
    await form.getByLabel("Texto").fill("Les esperamos el 20/01/2027 a las 10:00.");
    await form.getByLabel("Destinatarios").selectOption({ label: "Todos los enlaces" });
    await form.getByRole("button", { name: "Enviar aviso" }).click();
    await form.getByText(/^Aviso enviado a \d+ enlaces?\.$/).waitFor();
    const row = page.getByRole("row").filter({ hasText: title });
    await row.getByText(/^0 de \d+ enlaces?$/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await signOut(page, reviewer.name);

    await signInAs(page, liaison);
    await clickNavLink(page, "Avisos");
    const item = page.getByRole("listitem").filter({ hasText: title });
    await item.getByText("Sin leer").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await item.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await page.getByText("Les esperamos el 20/01/2027 a las 10:00.").waitFor();
    await page.getByRole("link", { name: "Todos los avisos" }).click();
    await page.getByRole("listitem").filter({ hasText: title }).waitFor();
    await expect
      .poll(() => page.getByRole("listitem").filter({ hasText: "Sin leer" }).count())
      .toBe(0);
    await signOut(page, liaison.name);

    await signInAs(page, reviewer);
    await clickNavLink(page, "Avisos");
    await page
      .getByRole("row")
      .filter({ hasText: title })
      .getByRole("link", { name: title })
      .click();
    await page.getByRole("heading", { name: /^Leído por 1 de \d+ enlaces?$/ }).waitFor();
    await page.getByRole("row").filter({ hasText: "Toluca" }).waitFor();
    await signOut(page, reviewer.name);
  });
});
