/**
 * Issue 17 in the browser: a new liaison creates a password from the welcome e-mail and lands on
 * «Mi trabajo»; a liaison invites a collaborator and deactivates it; a reviewer works from «Mis
 * municipios»; everyone lands on «Mi trabajo».
 */
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox, toolInstances, users } from "../src/server/db/schema/index.js";
import { SYSTEM_ACTOR } from "../src/server/lib/audit.js";
import { setPortfolio } from "../src/server/modules/reviewer-portfolios/service.js";
import { welcomeOptions } from "../src/server/modules/users/routes.js";
import { createUser } from "../src/server/modules/users/service.js";
import {
  addEvidenceRow,
  signIn as apiSignIn,
  toolInstanceOf,
} from "../src/server/test/factories.js";
import { seriousViolations } from "./axe.js";
import {
  clickNavLink,
  navLink,
  setPasswordAndSignIn,
  signInAs,
  signOut,
  withServerAndBrowser,
} from "./session.js";

const myWorkHeading = (page: import("playwright-core").Page) =>
  page.getByRole("heading", { name: "Mi trabajo", level: 1 });

describe("accounts that run themselves", () => {
  const context = withServerAndBrowser();

  it("a new liaison creates a password from the welcome e-mail and lands on «Mi trabajo»", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const db = server.app.deps.db;
    await createUser(
      db,
      {
        email: "enlace.metepec@mrtm.test",
        name: "Enlace de Metepec",
        role: "liaison",
        municipality: "15054",
      },
      SYSTEM_ACTOR,
      welcomeOptions(server.app.deps.config, new Date()),
    );
    const [mail] = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, "enlace.metepec@mrtm.test"))
      .orderBy(desc(mailOutbox.createdAt))
      .limit(1);
    expect(mail?.subject).toBe("Bienvenida a MRTM: cree su contraseña");
    const link = /https?:\/\/\S+\/crear-contrasena\?token=[A-Za-z0-9_-]+/.exec(
      mail?.text ?? "",
    )?.[0];
    expect(link).toBeDefined();
    const { pathname, search } = new URL(link ?? "");

    await page.goto(`${server.baseUrl}${pathname}${search}`);
    await page.getByRole("heading", { name: "Crear contraseña" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await setPasswordAndSignIn(
      page,
      "enlace.metepec@mrtm.test",
      "girasoles en la plaza de Metepec",
    );
    await myWorkHeading(page).waitFor();
    expect(new URL(page.url()).pathname).toBe("/mi-trabajo");
    await page.getByRole("heading", { name: "Pendientes del municipio" }).waitFor();
    await signOut(page, "Enlace de Metepec");
  });

  it("a liaison lands on «Mi trabajo», invites a collaborator and deactivates it", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const liaison = server.accounts.liaison;
    await page.goto(server.baseUrl);
    await signInAs(page, liaison);
    await myWorkHeading(page).waitFor();
    await page.getByRole("heading", { name: "Pendientes del municipio" }).waitFor();
    // Toluca's tools to send, each a link to its page.
    await page.locator(".work-list__item a").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await navLink(page, "Colaboradores").click();
    await page.getByRole("heading", { name: "Colaboradores del municipio" }).waitFor();
    const form = page.getByRole("form", { name: "Invitar a un colaborador" });
    await form.getByLabel("Nombre completo").fill("Pedro Ruiz");
    await form.getByLabel("Correo electrónico").fill("pedro.ruiz@toluca.gob.mx");
    await form.getByRole("button", { name: "Enviar invitación" }).click();
    await page.getByText("Se creó la cuenta de").waitFor();
    await page.getByText("correo de bienvenida").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Listo" }).click();

    const row = page.locator('tr[data-account-email="pedro.ruiz@toluca.gob.mx"]');
    await row.getByText("Sin contraseña propia aún").waitFor();
    await row.getByRole("button", { name: "Desactivar a Pedro Ruiz" }).click();
    await row.getByText("Desactivada").waitFor();
    await signOut(page, liaison.name);
  });

  it("a reviewer works from «Mis municipios», «Todos» one click away", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const db = server.app.deps.db;
    const reviewerAccount = server.accounts.reviewer;
    const [reviewer] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, reviewerAccount.email));
    await setPortfolio(db, reviewer?.id ?? "", ["15106"], SYSTEM_ACTOR);
    // Toluca sends E2 to review.
    const liaison = await apiSignIn(server.app, server.accounts.liaison);
    const e2 = await toolInstanceOf(server.app, liaison, "E2");
    const liaisonId = (
      await server.app.inject({ method: "GET", url: "/api/auth/me", headers: liaison.headers })
    ).json().user.id as string;
    await addEvidenceRow(db, e2.id, liaisonId);
    await db.update(toolInstances).set({ state: "in_progress" }).where(eq(toolInstances.id, e2.id));
    const submitted = await server.app.inject({
      method: "POST",
      url: `/api/tool-instances/${e2.id}/submit`,
      headers: liaison.headers,
    });
    expect(submitted.statusCode).toBe(200);

    await page.goto(server.baseUrl);
    await signInAs(page, reviewerAccount);
    await myWorkHeading(page).waitFor();
    const queue = page.getByRole("region", { name: "Cola de revisión" });
    await queue.getByText("Cola: Mis municipios.").waitFor();
    await queue.getByRole("link", { name: /E2 · .* · Toluca/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await queue.getByRole("link", { name: "Abrir la cola de revisión" }).click();
    await page.getByRole("heading", { name: "Revisión", level: 1 }).waitFor();
    // The router renders a navigation as a transition: the address can change a moment before
    // the buttons do, so wait for the pressed state rather than read it once.
    await page.getByRole("button", { name: "Mis municipios", pressed: true }).waitFor();
    await page.getByText("Sus municipios: Toluca.").waitFor();
    await page.getByRole("button", { name: "Todos" }).click();
    await page.waitForURL(/alcance=todos/);
    await page.getByRole("button", { name: "Todos", pressed: true }).waitFor();
    expect(
      await page.getByRole("button", { name: "Mis municipios" }).getAttribute("aria-pressed"),
    ).toBe("false");
    expect(await seriousViolations(page)).toEqual([]);
    await signOut(page, reviewerAccount.name);
  });

  it("an admin lands on «Mi trabajo» and assigns municipalities to reviewers", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const admin = server.accounts.admin;
    await page.goto(server.baseUrl);
    await signInAs(page, admin);
    await myWorkHeading(page).waitFor();
    await page.getByRole("heading", { name: "Administración" }).waitFor();
    await page.getByRole("region", { name: "Administración" }).locator("p").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await clickNavLink(page, "Revisores");
    await page.getByRole("heading", { name: "Revisores y sus municipios" }).waitFor();
    await page.getByText("Toluca (15106)").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
