/**
 * Issue 16's done-when: a municipality carried across a change of administration. The extension
 * approved and judged on time is e2e/extensions.e2e.test.ts («a liaison asks for more time on an
 * overdue tool; staff grant another date; it is judged on time»), not repeated here.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "../src/server/db/schema/index.js";
import { SYSTEM_ACTOR } from "../src/server/lib/audit.js";
import { welcomeOptions } from "../src/server/modules/users/routes.js";
import { createUser } from "../src/server/modules/users/service.js";
import { pdfText } from "../src/server/test/pdf.js";
import { samplePdf } from "../src/server/test/samples.js";
import { seriousViolations } from "./axe.js";
import {
  navLink,
  setPasswordAndSignIn,
  signInAs,
  signOut,
  withServerAndBrowser,
} from "./session.js";

const NEW_LIAISON = { email: "enlace.nuevo.toluca@mrtm.test", name: "Enlace Nuevo de Toluca" };
const NEW_HEAD = "Presidenta Entrante de Toluca";

describe("a change of administration", () => {
  const context = withServerAndBrowser();
  let dir: string;
  let ethicsCode: string;
  let ratification: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-administration-"));
    ethicsCode = path.join(dir, "codigo-de-etica.pdf");
    fs.writeFileSync(ethicsCode, await samplePdf("Código de Ética de Toluca"));
    ratification = path.join(dir, "ratificacion.pdf");
    fs.writeFileSync(ratification, await samplePdf("Ratificación del convenio"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("carries Toluca across: new administration, ratified agreement, new liaison, re-diagnostic, handover", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const { admin, liaison } = server.accounts;
    const diagnosticUrl = `${server.baseUrl}/municipios/15106/diagnostico`;

    // The outgoing liaison answers the first diagnostic: E3 a) claimed with its document.
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, liaison);
    await page.goto(diagnosticUrl);
    await page.getByRole("heading", { name: /Diagnóstico inicial: Toluca/ }).waitFor();
    const e3a = page.locator('li[data-instance-tool="E3"][data-instance-part="a"]');
    await e3a.getByLabel("Ya cuenta con ella").check();
    await e3a.getByLabel("Archivo").setInputFiles(ethicsCode);
    await page
      .getByRole("button", { name: /^Marcar las \d+ sin respuesta como pendientes$/ })
      .click();
    await page.getByRole("button", { name: "Enviar diagnóstico" }).click();
    await page
      .getByRole("dialog", { name: "Enviar el diagnóstico" })
      .getByRole("button", { name: "Enviar" })
      .click();
    await page.getByText("Diagnóstico enviado").waitFor({ timeout: 30_000 });
    // Same administration: nothing to answer again.
    expect(
      await page.getByRole("button", { name: "Responder de nuevo el diagnóstico" }).count(),
    ).toBe(0);
    await signOut(page, liaison.name);

    // The admin records the outgoing and the incoming administrations.
    await signInAs(page, admin);
    await page.goto(`${server.baseUrl}/municipios/15106`);
    const section = page.getByRole("region", { name: "Administraciones y entrega-recepción" });
    for (const [startsOn, endsOn, head] of [
      ["2022-01-01", "2024-12-31", "Presidente Saliente de Toluca"],
      ["2025-01-01", "2027-12-31", NEW_HEAD],
    ] as const) {
      await section.getByRole("button", { name: "Registrar nueva administración" }).click();
      const form = page.getByRole("form", { name: "Registrar nueva administración" });
      await form.getByLabel(/^Inicio del periodo/).fill(startsOn);
      await form.getByLabel(/^Fin del periodo/).fill(endsOn);
      await form.getByLabel(/^Presidenta o presidente municipal/).fill(head);
      await form.getByRole("button", { name: "Registrar administración" }).click();
      await section.locator(`li[data-administration="${startsOn}"]`).waitFor();
    }
    await section
      .locator('li[data-administration="2025-01-01"]')
      .getByText("En funciones")
      .waitFor();

    // The new administration ratifies the agreement.
    await navLink(page, "Convenios").click();
    const toluca = page.locator('tr[data-agreement="15106"]');
    await toluca.getByRole("button", { name: /Renovar, suspender o terminar/ }).click();
    const terms = page.getByRole("dialog", { name: /Vigencia del convenio de Toluca/ });
    const change = terms.getByRole("form", { name: "Registrar un cambio del convenio" });
    await change
      .getByLabel(/^Cambio/)
      .selectOption({ label: "Ratificación por la nueva administración" });
    await change.getByLabel(/^Fecha/).fill("2025-02-03");
    await change.getByLabel(/^Documento firmado/).setInputFiles(ratification);
    await change.getByRole("button", { name: "Registrar cambio" }).click();
    // Recorded, the dialog closes (the handover record below names the ratification).
    await terms.waitFor({ state: "hidden", timeout: 30_000 });

    // The new liaison's account (welcome e-mail), designated in place of the outgoing one.
    const db = server.app.deps.db;
    await createUser(
      db,
      { ...NEW_LIAISON, role: "liaison", municipality: "15106" },
      SYSTEM_ACTOR,
      welcomeOptions(server.app.deps.config, new Date()),
    );
    await page.reload();
    await toluca.getByRole("button", { name: /Designar enlace/ }).click();
    const designate = page.getByRole("dialog", { name: /Designar enlace de Toluca/ });
    await designate.getByLabel("Una cuenta de enlace existente del municipio").check();
    await designate
      .getByLabel(/^Cuenta/)
      .selectOption({ label: `${NEW_LIAISON.name} (${NEW_LIAISON.email})` });
    await designate.getByLabel("Fecha de designación").fill("2025-01-15");
    await designate.getByRole("button", { name: "Designar enlace" }).click();
    await toluca.getByText(NEW_LIAISON.email).waitFor({ timeout: 30_000 });
    await signOut(page, admin.name);

    // The new liaison creates a password from the e-mail's link.
    const [mail] = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, NEW_LIAISON.email))
      .orderBy(desc(mailOutbox.createdAt))
      .limit(1);
    const link = /https?:\/\/\S+\/crear-contrasena\?token=[A-Za-z0-9_-]+/.exec(
      mail?.text ?? "",
    )?.[0];
    expect(link).toBeDefined();
    const { pathname, search } = new URL(link ?? "");
    await page.goto(`${server.baseUrl}${pathname}${search}`);
    await setPasswordAndSignIn(page, NEW_LIAISON.email, "un nuevo trienio en el valle de Toluca");
    await signInAsDone(page, NEW_LIAISON.name);

    // They answer the diagnostic again; the first round stays beside the new one.
    await page.goto(diagnosticUrl);
    await page.getByRole("button", { name: "Responder de nuevo el diagnóstico" }).click();
    await page
      .getByRole("dialog", { name: "Responder de nuevo el diagnóstico" })
      .getByRole("button", { name: "Empezar" })
      .click();
    await page
      .getByRole("heading", { name: "Comparación con la ronda anterior" })
      .waitFor({ timeout: 30_000 });
    await page
      .getByRole("button", { name: /^Marcar las \d+ sin respuesta como pendientes$/ })
      .click();
    await page.getByRole("button", { name: "Enviar diagnóstico" }).click();
    await page
      .getByRole("dialog", { name: "Enviar el diagnóstico" })
      .getByRole("button", { name: "Enviar" })
      .click();
    await page.getByText("Diagnóstico enviado").waitFor({ timeout: 30_000 });
    const comparison = page.getByRole("table", {
      name: "Comparación del diagnóstico con la ronda anterior",
    });
    await comparison.waitFor();
    // E3 a), claimed in the first round, is in review now: not asked, marked as a change.
    const changed = comparison.locator('tr[data-changed="true"]');
    await changed.first().waitFor();
    expect(await changed.count()).toBe(1);
    const row = (await changed.first().textContent()) ?? "";
    expect(row).toContain("E3 a)");
    expect(row).toContain("Ya cuenta con ella");
    expect(row).toContain("Cambió");
    await page.getByText("1 herramienta cambió de respuesta").waitFor();
    const unchanged = comparison.locator('tr[data-changed="false"]');
    expect(await unchanged.filter({ hasText: "Pendiente de elaboración" }).count()).toBeGreaterThan(
      10,
    );
    expect(await seriousViolations(page)).toEqual([]);

    // The handover record names both administrations, the ratification and both liaisons.
    await page.goto(`${server.baseUrl}/municipios/15106`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Acta de entrega-recepción del MRTM (PDF)" }).click(),
    ]);
    const text = await pdfText(fs.readFileSync((await download.path()) as string));
    expect(text).toContain("Acta de entrega-recepción del MRTM");
    expect(text).toContain("2022–2024, Presidente Saliente de Toluca");
    expect(text).toContain(`2025–2027, ${NEW_HEAD}`);
    expect(text).toContain("Ratificación");
    expect(text).toContain(NEW_LIAISON.name);
    expect(text).toContain(liaison.name);
  });
});

/** After setting the password: signed in once the account menu shows. */
async function signInAsDone(page: import("playwright-core").Page, name: string) {
  await page
    .getByRole("banner")
    .getByRole("button", { name: new RegExp(name) })
    .waitFor({ timeout: 30_000 });
}
