import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance } from "../src/contracts/participation.js";
import { SYSTEM_ACTOR } from "../src/server/lib/audit.js";
import { registerAgreement } from "../src/server/modules/agreements/service.js";
import { signIn as apiSignIn } from "../src/server/test/factories.js";
import { multipartBody, samplePdf } from "../src/server/test/samples.js";
import { seriousViolations } from "./axe.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";
import { navLink, signInAs } from "./session.js";

/** With E2E_SCREENSHOTS=1, saves the page at 1280 and 360 px wide to /tmp/mrtm-<name>-*.png. */
async function screenshots(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS !== "1") {
    return;
  }
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.screenshot({ path: `/tmp/mrtm-${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `/tmp/mrtm-${name}-360.png`, fullPage: true });
  await page.setViewportSize(size);
}

/** The sub-navigation of "Acompañamiento". */
function supportLink(page: Page, name: string) {
  return page
    .getByRole("navigation", { name: "Secciones de acompañamiento" })
    .getByRole("link", { name, exact: true });
}

/**
 * Toluca validates E2 through the real API (upload, submit, review): the gap the training
 * addressed closes inside its window.
 */
async function validateTolucaE2(server: E2eServer): Promise<void> {
  const { app, accounts } = server;
  const liaison = await apiSignIn(app, accounts.liaison);
  const reviewer = await apiSignIn(app, accounts.reviewer);
  const tools = JSON.parse(
    (
      await app.inject({
        method: "GET",
        url: "/api/municipalities/15106/tools",
        headers: { cookie: liaison.cookie },
      })
    ).body,
  ) as ToolInstance[];
  const e2 = tools.find((tool) => tool.tool === "E2");
  const body = multipartBody("politica.pdf", await samplePdf("Política de Transparencia"));
  const uploaded = await app.inject({
    method: "POST",
    url: `/api/tool-instances/${e2?.id}/evidence`,
    headers: { ...liaison.headers, ...body.headers },
    payload: body.payload,
  });
  expect(uploaded.statusCode).toBe(201);
  const submitted = await app.inject({
    method: "POST",
    url: `/api/tool-instances/${e2?.id}/submit`,
    headers: liaison.headers,
  });
  const { version } = JSON.parse(submitted.body) as { version: number };
  const reviewed = await app.inject({
    method: "POST",
    url: `/api/tool-instances/${e2?.id}/review`,
    headers: reviewer.headers,
    payload: { decision: "validate", expectedVersion: version },
  });
  expect(reviewed.statusCode).toBe(200);
}

describe("support actions from the gaps to whether they worked", () => {
  let server: E2eServer;
  let reviewer: E2eBrowser;
  let liaison: E2eBrowser;
  let dir: string;
  let minutesPdf: string;
  let actionUrl = "";

  beforeAll(async () => {
    server = await startServer();
    // Toluca takes part through the demo seed; Metepec signed with it, Ecatepec a year later.
    for (const [municipality, signedOn, cohort] of [
      ["15054", "2022-11-16", "Cohorte 2022"],
      ["15033", "2023-11-16", "Cohorte 2023"],
    ] as const) {
      await registerAgreement(
        server.app.deps.db,
        { municipality, signedOn, cohort },
        SYSTEM_ACTOR,
        new Date(),
      );
    }
    [reviewer, liaison] = await Promise.all([launchBrowser(), launchBrowser()]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-support-"));
    minutesPdf = path.join(dir, "acta-capacitacion.pdf");
    fs.writeFileSync(minutesPdf, await samplePdf("Acta de la capacitación sobre E2"));
  });

  afterAll(async () => {
    if (process.env.E2E_SCREENSHOTS === "1") {
      await reviewer?.page.screenshot({
        path: "/tmp/mrtm-support-last-reviewer.png",
        fullPage: true,
      });
      await liaison?.page.screenshot({
        path: "/tmp/mrtm-support-last-liaison.png",
        fullPage: true,
      });
    }
    await reviewer?.close();
    await liaison?.close();
    await server?.close();
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a reviewer plans a group training from a suggestion, holds it with attendance, minutes and a commitment, and measures it", async () => {
    const page = reviewer.page;
    const account = server.accounts.reviewer;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, account);

    // Suggestions: E2 is pending for the whole 2022 cohort (Toluca and Metepec).
    await navLink(page, "Acompañamiento").click();
    await page.getByRole("heading", { name: "Acompañamiento", level: 1 }).waitFor();
    await supportLink(page, "Sugerencias").click();
    const e2 = page.locator('[data-tool-suggestion="E2"]');
    await e2.waitFor();
    const cohort = e2.locator('[data-cohort="Cohorte 2022"]');
    expect(await cohort.textContent()).toContain("Metepec");
    expect(await cohort.textContent()).toContain("Toluca");
    await page.getByRole("heading", { name: "Brechas en común" }).waitFor();
    await page.locator('tr[data-municipality-gaps="15033"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, "sugerencias");
    await cohort.getByRole("link", { name: /Programar capacitación grupal/ }).click();

    // The form arrives pre-filled as a group training on E2 for both municipalities.
    const form = page.getByRole("form", { name: "Nueva acción de acompañamiento" });
    await form.waitFor();
    await page.getByText("Prellenada desde las sugerencias").waitFor();
    expect(await form.getByLabel("Tipo").inputValue()).toBe("training");
    expect(await form.getByLabel("Título").inputValue()).toBe("Capacitación: E2");
    expect(await form.getByRole("checkbox", { name: /^E2 / }).isChecked()).toBe(true);
    expect(await form.getByRole("checkbox", { name: /^R2 / }).isChecked()).toBe(false);
    expect(await form.getByRole("checkbox", { name: /^Toluca/ }).isChecked()).toBe(true);
    expect(await form.getByRole("checkbox", { name: /^Metepec/ }).isChecked()).toBe(true);
    expect(await form.getByRole("checkbox", { name: /^Ecatepec/ }).isChecked()).toBe(false);
    expect(await form.getByRole("checkbox", { name: new RegExp(account.name) }).isChecked()).toBe(
      true,
    );
    // Every tool in view: no inner scroll box hides M3 and M4.
    const toolList = form
      .locator("fieldset", { hasText: "Herramientas que se atienden" })
      .locator("ul");
    expect(await toolList.evaluate((list) => list.scrollHeight <= list.clientHeight)).toBe(true);
    await form.getByRole("checkbox", { name: /^M4 / }).waitFor();
    // A past date is said before saving: it would stay «Programada».
    const date = form.locator('input[type="date"]');
    const planned = await date.inputValue();
    await date.fill("2020-01-15");
    await form.getByTestId("past-date-warning").waitFor();
    await date.fill(planned);
    await form.getByTestId("past-date-warning").waitFor({ state: "detached" });
    await form.getByLabel("Título").fill("Capacitación grupal: Política de Transparencia");
    await form.getByLabel("Hora").fill("09:00");
    // Submitting without a place names the field.
    await form.getByRole("button", { name: "Programar acción" }).click();
    await form.getByText("Indique el lugar de una acción presencial o híbrida.").waitFor();
    await form.getByLabel("Lugar").fill("Sala de capacitación del órgano garante");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, "nueva-accion");
    await form.getByRole("button", { name: "Programar acción" }).click();

    // The action page: planned, then held.
    const title = page.getByRole("heading", {
      name: "Capacitación grupal: Política de Transparencia",
      level: 1,
    });
    await title.waitFor();
    actionUrl = new URL(page.url()).pathname;
    await page.getByText("Programada").first().waitFor();
    await page.getByRole("button", { name: "Registrar como realizada" }).click();
    const hold = page.getByRole("dialog", { name: "Registrar como realizada" });
    await hold.getByRole("button", { name: "Registrar como realizada" }).click();
    await hold.waitFor({ state: "hidden" });
    await page.getByRole("heading", { name: "Línea base" }).waitFor();
    await page.getByRole("heading", { name: "Asistencia" }).waitFor();

    // Attendance: two people from Toluca, one from Metepec; one removed.
    const attendee = page.getByRole("form", { name: "Registrar asistente" });
    for (const [municipality, name, position] of [
      ["Toluca", "Ana López", "Titular de la Unidad de Transparencia"],
      ["Toluca", "Luis Pérez", "Auxiliar"],
      ["Metepec", "Marta Ruiz", "Enlace de transparencia"],
    ] as const) {
      await attendee.getByLabel("Municipio").selectOption({ label: municipality });
      await attendee.getByLabel("Nombre").fill(name);
      await attendee.getByLabel("Cargo").fill(position);
      await attendee.getByRole("button", { name: "Agregar asistente" }).click();
      await page.locator(".attendance").getByText(name, { exact: true }).waitFor();
    }
    // The same person twice for Toluca (typed differently) is refused, naming who is recorded.
    await attendee.getByLabel("Municipio").selectOption({ label: "Toluca" });
    await attendee.getByLabel("Nombre").fill("ana lopez");
    await attendee.getByLabel("Cargo").fill("Titular");
    await attendee.getByRole("button", { name: "Agregar asistente" }).click();
    await attendee.getByText("Ana López ya está en la asistencia de Toluca.").waitFor();
    await attendee.getByLabel("Nombre").fill("");
    await attendee.getByLabel("Cargo").fill("");
    await page.getByRole("button", { name: "Quitar a Luis Pérez" }).click();
    await page
      .locator(".attendance")
      .getByText("Luis Pérez", { exact: true })
      .waitFor({ state: "detached" });

    // Minutes: text and the signed file.
    await page.getByLabel("Texto del acta").fill("Se revisó la estructura de la política.");
    await page.getByRole("button", { name: "Guardar acta" }).click();
    await page.getByText("Se guardó el acta.").waitFor();
    await page.getByLabel("Acta firmada (archivo)").setInputFiles(minutesPdf);
    await page.getByRole("button", { name: "Adjuntar acta" }).click();
    const minutesLink = page.getByRole("link", { name: "Acta firmada" });
    await minutesLink.waitFor();
    const download = await page.request.get(
      new URL((await minutesLink.getAttribute("href")) ?? "", server.baseUrl).toString(),
    );
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toContain("application/pdf");

    // A commitment owned by Toluca.
    const commitment = page.getByRole("form", { name: "Registrar acuerdo" });
    await commitment
      .getByRole("textbox", { name: "Acuerdo", exact: true })
      .fill("Enviar el borrador de la política");
    await commitment.getByLabel("Municipio responsable").selectOption({ label: "Toluca" });
    await commitment.getByLabel("Nombre de la persona responsable (opcional)").fill("Ana López");
    await commitment.getByLabel("Fecha compromiso").fill("2099-12-31");
    await commitment.getByRole("button", { name: "Registrar acuerdo" }).click();
    const row = page.locator(".commitments-table tbody tr").filter({
      hasText: "Enviar el borrador de la política",
    });
    await row.waitFor();
    expect(await row.textContent()).toContain("31/12/2099");
    expect(await row.textContent()).toContain("Abierto");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, "accion-realizada");

    // Did it work? Two gaps addressed (E2 in Toluca and Metepec), none closed yet.
    await page.goto(`${server.baseUrl}/acompanamiento/efectividad`);
    await page.getByRole("heading", { name: "¿Funcionó?", level: 1 }).waitFor();
    const byAction = page.locator("#por-accion-tabla tbody tr").filter({
      hasText: "Capacitación grupal: Política de Transparencia",
    });
    await byAction.waitFor();
    expect(await byAction.locator('td[data-label="Atendidas"]').textContent()).toBe("2");
    expect(await byAction.locator('td[data-label="Cerradas"]').textContent()).toBe("0");
    expect(await byAction.locator('td[data-label="Ventana abierta"]').textContent()).toBe("2");
    expect(await page.locator("#por-facilitador").textContent()).toContain(account.name);
    expect(await page.locator("#por-herramienta").textContent()).toContain("E2");

    // Toluca gets E2 validated: the gap closes within the window.
    await validateTolucaE2(server);
    await page.reload();
    await byAction.waitFor();
    await expect.poll(() => byAction.locator('td[data-label="Cerradas"]').textContent()).toBe("1");
    expect(await byAction.locator('td[data-label="Tasa de cierre"]').textContent()).toBe("50 %");
    const detail = page.locator("details.support-detail").filter({
      hasText: "Capacitación grupal: Política de Transparencia",
    });
    await detail.locator("summary").click();
    const toluca = detail.locator("tbody tr").filter({ hasText: "Toluca" });
    expect(await toluca.textContent()).toContain("Cerrada a tiempo");
    expect(await detail.locator("tbody tr").filter({ hasText: "Metepec" }).textContent()).toContain(
      "Ventana abierta",
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, "efectividad");
  });

  it("the invited liaison sees the training, only Toluca's attendees, and closes Toluca's commitment", async () => {
    const page = liaison.page;
    const account = server.accounts.liaison;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, account);
    await navLink(page, "Acompañamiento").click();
    await page.getByRole("heading", { name: "Acuerdos a cargo del municipio" }).waitFor();
    const open = page.locator(".commitments-table tbody tr").filter({
      hasText: "Enviar el borrador de la política",
    });
    await open.waitFor();

    // The action: Toluca's attendee only, the minutes, no staff controls.
    // Listed among the actions that invite Toluca (and linked from its commitment).
    await page
      .locator("tr[data-action]")
      .getByRole("link", { name: "Capacitación grupal: Política de Transparencia" })
      .click();
    await page.getByRole("heading", { name: "Asistencia" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(actionUrl);
    await page.locator(".attendance").getByText("Ana López", { exact: true }).waitFor();
    expect(await page.locator(".attendance").textContent()).not.toContain("Marta Ruiz");
    await page.getByText("Se revisó la estructura de la política.").waitFor();
    expect(await page.getByRole("button", { name: "Registrar como realizada" }).count()).toBe(0);
    expect(await page.getByRole("form", { name: "Registrar acuerdo" }).count()).toBe(0);

    // Close the commitment with a note.
    await page.getByRole("button", { name: /Dar seguimiento/ }).click();
    const dialog = page.getByRole("dialog", { name: "Seguimiento del acuerdo" });
    await dialog.getByRole("button", { name: "Guardar seguimiento" }).click();
    await dialog.getByText("Describa cómo se cumplió el acuerdo.").waitFor();
    await dialog.getByLabel("Cómo se cumplió").fill("Se envió el borrador por oficio.");
    await dialog.getByRole("button", { name: "Guardar seguimiento" }).click();
    await dialog.waitFor({ state: "hidden" });
    const closed = page.locator(".commitments-table tbody tr").filter({
      hasText: "Enviar el borrador de la política",
    });
    await closed.getByText("Cumplido").waitFor();
    expect(await closed.textContent()).toContain("Se envió el borrador por oficio.");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, "acompanamiento-enlace");

    // A liaison cannot open another municipality's or the staff pages.
    await page.goto(`${server.baseUrl}/acompanamiento/sugerencias`);
    await page.getByRole("heading", { name: "Sin permiso", level: 1 }).waitFor();
  });
});
