import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";

/** Signs in through the sign-in form, as a person would (see signInAs to wait for the result). */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole("link", { name: "Iniciar sesión" }).click();
  await page.getByRole("heading", { name: "Iniciar sesión" }).waitFor();
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
}

/** The signed-in person's menu button in the header (named after them). */
export function accountMenu(page: Page, name: string) {
  return page.getByRole("banner").getByRole("button", { name: new RegExp(name) });
}

/**
 * On the page an account link opened («Crear contraseña» or the recovery form): sets the password,
 * follows the page's own «Iniciar sesión» link and signs in with it.
 */
export async function setPasswordAndSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Contraseña nueva", { exact: true }).fill(password);
  await page.getByLabel("Confirme la contraseña nueva", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Guardar la contraseña" }).click();
  await page.getByRole("heading", { name: "Contraseña creada" }).waitFor();
  // The page's own link (the header's would come back here after signing in).
  await page.getByRole("main").getByRole("link", { name: "Iniciar sesión", exact: true }).click();
  await page.getByRole("heading", { name: "Iniciar sesión" }).waitFor();
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
}

/** Signs in as a known account and waits for its menu in the header: signed in for sure. */
export async function signInAs(
  page: Page,
  account: { email: string; password: string; name: string },
): Promise<void> {
  await signIn(page, account.email, account.password);
  await accountMenu(page, account.name).waitFor();
}

/** Signs out through the account menu and waits for the signed-out header. */
export async function signOut(page: Page, name: string): Promise<void> {
  await accountMenu(page, name).click();
  await page.getByRole("button", { name: "Cerrar sesión" }).click();
  await page.getByRole("banner").getByRole("link", { name: "Iniciar sesión" }).waitFor();
}

/** A link of the main navigation, also one inside a closed menu of the bar (then hidden). */
export function navLink(page: Page, name: string) {
  return page
    .getByRole("navigation", { name: "Principal" })
    .getByRole("link", { name, exact: true, includeHidden: true });
}

/**
 * Follows a link of the main navigation, opening first the menu that holds it, if any. Tries again
 * when the menu closed under the click (a page that was still landing re-renders the header).
 */
export async function clickNavLink(page: Page, name: string): Promise<void> {
  const link = navLink(page, name);
  await link.waitFor({ state: "attached" });
  for (let attempt = 1; ; attempt++) {
    if (!(await link.isVisible())) {
      await page
        .getByRole("navigation", { name: "Principal" })
        .locator(".nav-menu")
        .filter({ has: page.getByRole("link", { name, exact: true, includeHidden: true }) })
        .getByRole("button")
        .click();
    }
    try {
      await link.click({ timeout: 15_000 });
      return;
    } catch (error) {
      if (attempt >= 4) {
        throw error;
      }
    }
  }
}

/**
 * A fresh server and browser for one test file, started before its tests and closed after them.
 * Read `server` and `browser` inside the tests (they are set by then).
 */
export function withServerAndBrowser(): { server: E2eServer; browser: E2eBrowser } {
  const context = {} as { server: E2eServer; browser: E2eBrowser };
  beforeAll(async () => {
    context.server = await startServer();
    context.browser = await launchBrowser();
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.server?.close();
  });
  return context;
}

/** On a tool's page, as its liaison: sends the tool to review and waits for «En revisión». */
export async function sendToReview(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Enviar a revisión" }).click();
  await page
    .getByRole("dialog", { name: "Enviar a revisión" })
    .getByRole("button", { name: "Enviar" })
    .click();
  await page.locator(".page-header").getByText("En revisión").waitFor();
}

/**
 * As a signed-in reviewer: opens an item of the review queue (`15106-E2`) among every
 * municipality's (another test file may have put the municipality in a reviewer's portfolio),
 * validates it and waits for «Validada».
 */
export async function validateFromQueue(page: Page, queueItem: string): Promise<void> {
  await clickNavLink(page, "Revisión");
  await page.getByRole("button", { name: "Todos", exact: true }).click();
  await page.locator(`tr[data-queue-item="${queueItem}"]`).getByRole("link").click();
  await page.getByRole("form", { name: "Decisión de la revisión" }).waitFor();
  await page.getByRole("radio", { name: "Validar" }).check();
  await page.getByRole("button", { name: "Registrar decisión" }).click();
  await page.locator(".page-header").getByText("Validada").waitFor();
}
