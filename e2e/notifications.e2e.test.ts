import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ToolInstanceDetail } from "../src/contracts/participation.js";
import { toolInstances, users } from "../src/server/db/schema/index.js";
import { OutboxSender } from "../src/server/mail/sender.js";
import { addEvidenceRow, signIn as apiSignIn } from "../src/server/test/factories.js";
import { seriousViolations } from "./axe.js";
import { accountMenu, clickNavLink, navLink, signInAs, withServerAndBrowser } from "./session.js";

/** Screenshots at 1280 and 360 px wide with E2E_SCREENSHOTS=1, to look at the pages. */
async function screenshots(page: import("playwright-core").Page, name: string) {
  if (process.env.E2E_SCREENSHOTS !== "1") {
    return;
  }
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.screenshot({ path: `/tmp/mrtm-${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `/tmp/mrtm-${name}-360.png`, fullPage: true });
  await page.setViewportSize(size);
}

describe("notifications", () => {
  const context = withServerAndBrowser();

  it("a liaison sees the reviewer's return in the notification centre, opens it and lands on the tool", async () => {
    const { server, browser } = context;
    const { app, accounts, baseUrl } = server;
    const db = app.deps.db;
    const [e2] = await db
      .select()
      .from(toolInstances)
      .where(and(eq(toolInstances.municipalityCvegeo, "15106"), eq(toolInstances.toolCode, "E2")));
    if (!e2) {
      throw new Error("E2 missing");
    }

    // Setup through the API: the liaison submits E2, the reviewer returns it with an observation.
    const liaisonApi = await apiSignIn(app, accounts.liaison);
    const [liaisonRow] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, accounts.liaison.email));
    await addEvidenceRow(db, e2.id, liaisonRow?.id ?? "");
    await db.update(toolInstances).set({ state: "in_progress" }).where(eq(toolInstances.id, e2.id));
    const submitted = await app.inject({
      method: "POST",
      url: `/api/tool-instances/${e2.id}/submit`,
      headers: liaisonApi.headers,
    });
    expect(submitted.statusCode).toBe(200);
    const reviewerApi = await apiSignIn(app, accounts.reviewer);
    const returned = await app.inject({
      method: "POST",
      url: `/api/tool-instances/${e2.id}/review`,
      headers: reviewerApi.headers,
      payload: {
        decision: "request_changes",
        expectedVersion: (JSON.parse(submitted.body) as ToolInstanceDetail).version,
        observations: [{ type: "requerimiento", text: "Falta la firma del cabildo" }],
      },
    });
    expect(returned.statusCode).toBe(200);

    // The liaison signs in: the header says there is one unread notification.
    const page = browser.page;
    await page.goto(`${baseUrl}/modelo`);
    await signInAs(page, accounts.liaison);
    const bell = page.getByRole("banner").getByRole("link", { name: /^Notificaciones/ });
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notificaciones, 1 sin leer");
    await bell.click();
    await page.getByRole("heading", { name: "Notificaciones", level: 1 }).waitFor();
    const item = page.locator('li[data-notification-kind="observations_received"]');
    await item.getByText("Sin leer").waitFor();
    expect(await item.textContent()).toContain("fue devuelta con 1 observación");
    await screenshots(page, "notificaciones");

    // Opening it leads to the tool's page, with the observation to answer.
    await item
      .getByRole("link", {
        name: "Observaciones en E2 · Política de Transparencia y Acceso a la Información Pública",
      })
      .click();
    await page.waitForURL(`${baseUrl}/herramientas/${e2.id}`);
    await page.getByRole("heading", { name: /^E2 · Política de Transparencia/ }).waitFor();
    await page.getByText("Falta la firma del cabildo").waitFor();

    // It is read now: no count in the header, no "Sin leer" in the centre.
    await expect
      .poll(() => bell.getAttribute("aria-label"))
      .toBe("Notificaciones, ninguna sin leer");
    await bell.click();
    await item.waitFor();
    // The centre may first show its cached list, then the one refetched on opening.
    await expect.poll(() => item.getByText("Sin leer").count()).toBe(0);

    // On a phone the bell stays in the header bar, outside the folded menu.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await bell.isVisible()).toBe(true);
    expect(await navLink(page, "Mi municipio").isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("the liaison turns off an e-mail in the preferences, and it stays off", async () => {
    const { server, browser } = context;
    const page = browser.page;
    await page.goto(`${server.baseUrl}/notificaciones`);
    await page.getByRole("link", { name: "Preferencias de notificación" }).click();
    await page.getByRole("heading", { name: "Preferencias de notificación" }).waitFor();
    const observations = page.getByRole("checkbox", { name: "Observaciones recibidas" });
    expect(await observations.isChecked()).toBe(true);
    await observations.uncheck();
    await page.getByRole("button", { name: "Guardar preferencias" }).click();
    await page.getByText("Se guardaron sus preferencias.").waitFor();
    await screenshots(page, "preferencias");
    await page.reload();
    await page.getByRole("heading", { name: "Preferencias de notificación" }).waitFor();
    await expect.poll(() => observations.isChecked()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.getByRole("checkbox", { name: "Herramienta validada" }).isChecked()).toBe(
      true,
    );
  });

  it("an admin reads the held e-mails in «Correo saliente» when no SMTP server is configured", async () => {
    const { server, browser } = context;
    const { accounts, baseUrl } = server;
    // The server process's sender holds what it cannot send.
    await new OutboxSender(server.app.deps.db, null).drain();
    const page = browser.page;
    await accountMenu(page, accounts.liaison.name).click();
    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await page.getByRole("banner").getByRole("link", { name: "Iniciar sesión" }).waitFor();
    await signInAs(page, accounts.admin);
    await clickNavLink(page, "Correo saliente");
    await page.getByRole("heading", { name: "Correo saliente", level: 1 }).waitFor();
    await page.getByText("No hay un servidor de correo configurado").waitFor();
    const row = page.locator(`tr[data-mail-to="${accounts.liaison.email}"]`);
    await row.getByText("Retenido (sin servidor de correo)").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole("button", { name: /^Observaciones en E2/ }).click();
    const dialog = page.getByRole("dialog", { name: /^Observaciones en E2/ });
    await dialog.waitFor();
    const text = (await dialog.locator("pre.mail-text").textContent()) ?? "";
    expect(text).toContain(`Hola, ${accounts.liaison.name}:`);
    expect(text).toMatch(/\/herramientas\/[0-9a-f-]{36}/);
    await dialog.getByText("Ver la versión HTML").click();
    const frame = dialog.locator("iframe.mail-html");
    await frame.waitFor();
    const html = await page.request.get(
      new URL((await frame.getAttribute("src")) ?? "", baseUrl).toString(),
    );
    expect(html.status()).toBe(200);
    expect(await html.text()).toContain("Ver las observaciones");
    await screenshots(page, "correo-saliente");
  });
});
