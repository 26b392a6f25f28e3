import fs from "node:fs";
import ICAL from "ical.js";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { launchBrowser } from "./harness.js";
import { navLink, signInAs, withServerAndBrowser } from "./session.js";

const TITLE = "Capacitación grupal: Política de Transparencia";

/** Opens the site at the model page and signs in there. */
async function signInAt(
  page: Page,
  baseUrl: string,
  account: { email: string; password: string; name: string },
) {
  await page.goto(`${baseUrl}/modelo`);
  await signInAs(page, account);
}

describe("support action notifications, end to end", () => {
  const context = withServerAndBrowser();

  it("a reviewer plans a group training from a suggestion; the invited liaison is notified, opens it and downloads its .ics", async () => {
    const { server, browser } = context;
    const { accounts, baseUrl } = server;

    // The reviewer: Acompañamiento → Sugerencias → a group training on E2 for Toluca's cohort.
    const page = browser.page;
    await signInAt(page, baseUrl, accounts.reviewer);
    await navLink(page, "Acompañamiento").click();
    await page.getByRole("heading", { name: "Acompañamiento", level: 1 }).waitFor();
    await page
      .getByRole("navigation", { name: "Secciones de acompañamiento" })
      .getByRole("link", { name: "Sugerencias", exact: true })
      .click();
    const e2 = page.locator('[data-tool-suggestion="E2"]');
    await e2.waitFor();
    await e2
      .getByRole("link", { name: /Programar capacitación grupal/ })
      .first()
      .click();
    const form = page.getByRole("form", { name: "Nueva acción de acompañamiento" });
    await form.waitFor();
    expect(await form.getByRole("checkbox", { name: /^Toluca/ }).isChecked()).toBe(true);
    await form.getByLabel("Título").fill(TITLE);
    await form.getByLabel("Hora").fill("09:00");
    await form.getByLabel("Lugar").fill("Sala de capacitación del órgano garante");
    await form.getByRole("button", { name: "Programar acción" }).click();
    await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    const actionPath = new URL(page.url()).pathname;
    const actionId = actionPath.split("/").at(-1) ?? "";
    expect(actionPath).toBe(`/acompanamiento/acciones/${actionId}`);

    // The invited liaison, in another browser: the bell counts the invitation.
    const liaison = await launchBrowser();
    try {
      const l = liaison.page;
      await signInAt(l, baseUrl, accounts.liaison);
      const bell = l.getByRole("banner").getByRole("link", { name: /^Notificaciones/ });
      await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notificaciones, 1 sin leer");
      await bell.click();
      const invitation = l.locator('li[data-notification-kind="support_action_invitation"]');
      await invitation.waitFor();
      expect(await invitation.textContent()).toContain(
        "Su municipio está invitado a la capacitación «Capacitación grupal: Política de Transparencia».",
      );
      expect(await invitation.textContent()).toContain(
        "Lugar: Sala de capacitación del órgano garante",
      );
      await invitation
        .getByRole("link", { name: /^Ver la acción\s*: Invitación: Capacitación «/ })
        .click();
      await l.waitForURL(`${baseUrl}${actionPath}`);
      await l.getByRole("heading", { name: TITLE, level: 1 }).waitFor();

      // The action's calendar file, downloaded from its page: one event, in Mexico City time.
      const [download] = await Promise.all([
        l.waitForEvent("download"),
        l.getByRole("link", { name: "Agregar a mi calendario (.ics)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.ics$/);
      const file = await download.path();
      const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
      const [event] = calendar.getAllSubcomponents("vevent");
      expect(String(event?.getFirstPropertyValue("summary"))).toContain(TITLE);
      expect(event?.getFirstProperty("dtstart")?.getParameter("tzid")).toBe("America/Mexico_City");
      expect(String(event?.getFirstPropertyValue("dtstart"))).toMatch(/T09:00:00$/);
      expect(event?.getFirstPropertyValue("location")).toBe(
        "Sala de capacitación del órgano garante",
      );
      await expect
        .poll(() => bell.getAttribute("aria-label"))
        .toBe("Notificaciones, ninguna sin leer");
    } finally {
      await liaison.close();
    }
  });
});
