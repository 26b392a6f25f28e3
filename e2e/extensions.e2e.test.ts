import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../src/server/test/samples.js";
import { seriousViolations } from "./axe.js";
import {
  navLink,
  sendToReview,
  signInAs,
  signOut,
  validateFromQueue,
  withServerAndBrowser,
} from "./session.js";

/** A day `days` from today in Mexico City, as a date input takes it (aaaa-mm-dd). */
function daysFromToday(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(
    new Date(),
  );
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
const shown = (date: string) => date.split("-").reverse().join("/");

/** «Entregas a tiempo» of a municipality's dashboard: [on time, due]. */
async function onTimeCounts(page: Page): Promise<[number, number]> {
  const text = await page
    .locator("div", { has: page.getByText("Entregas a tiempo", { exact: true }) })
    .last()
    .locator("dd")
    .textContent();
  const match = /\((\d+) de (\d+)\)/.exec(text ?? "");
  if (!match) {
    throw new Error(`no on-time figures in «${text}»`);
  }
  return [Number(match[1]), Number(match[2])];
}

describe("extensions (prórrogas)", () => {
  const context = withServerAndBrowser();
  let dir: string;
  let pdf: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-extension-"));
    pdf = path.join(dir, "politica.pdf");
    fs.writeFileSync(pdf, await samplePdf("Política de Transparencia"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a liaison asks for more time on an overdue tool; staff grant another date; it is judged on time", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const liaison = server.accounts.liaison;
    const reviewer = server.accounts.reviewer;
    const asked = daysFromToday(60);
    const granted = daysFromToday(30);

    // The liaison: E2 is overdue since 16/02/2023 (three months after the 2022 agreement).
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, liaison);
    await navLink(page, "Mi municipio").click();
    await page.locator('tr[data-tool="E2"]').getByRole("link").click();
    const section = page.getByRole("region", { name: "Prórroga" });
    await section.getByText("No se ha solicitado prórroga para esta herramienta.").waitFor();
    const form = page.getByRole("form", { name: "Solicitar prórroga" });
    await form.getByLabel(/^Nuevo plazo solicitado/).fill("2023-02-10");
    await form.getByLabel(/^Motivo/).fill("Cambio de titular de la Unidad de Transparencia.");
    await form.getByRole("button", { name: "Solicitar prórroga" }).click();
    await form
      .getByText("La fecha solicitada debe ser posterior al plazo vigente (16/02/2023).")
      .waitFor();
    await form.getByLabel(/^Nuevo plazo solicitado/).fill(asked);
    await form.getByRole("button", { name: "Solicitar prórroga" }).click();
    await section.getByText("Solicitada, por decidir").waitFor();
    await section.getByText(`nuevo plazo al ${shown(asked)}`).waitFor();
    expect(await page.getByRole("form", { name: "Solicitar prórroga" }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await signOut(page, liaison.name);

    // The reviewer finds it from the review queue and approves another date.
    await signInAs(page, reviewer);
    await navLink(page, "Revisión").click();
    await page.getByRole("link", { name: "Solicitudes de prórroga" }).click();
    await page.getByRole("heading", { name: "Solicitudes de prórroga", level: 1 }).waitFor();
    const decision = page.getByRole("form", { name: /Decidir la prórroga de E2/ });
    await decision.getByLabel(/^Nuevo plazo/).fill(granted);
    expect(await seriousViolations(page)).toEqual([]);
    await decision.getByRole("button", { name: "Aprobar prórroga" }).click();
    await page.getByText("No hay solicitudes de prórroga por decidir.").waitFor();
    await page.goto(`${server.baseUrl}/municipios/15106`);
    const [onTimeBefore, dueBefore] = await onTimeCounts(page);
    await signOut(page, reviewer.name);

    // The liaison sees the new deadline beside the original, sends E2 before it.
    await signInAs(page, liaison);
    await navLink(page, "Mi municipio").click();
    await page
      .locator('tr[data-tool="E2"]')
      .getByText(`Prorrogado; original: 16/02/2023`)
      .waitFor();
    await page.locator('tr[data-tool="E2"]').getByRole("link").click();
    const header = page.locator(".page-header");
    await header.getByText(shown(granted)).waitFor();
    await header.getByText("(prorrogado; plazo original: 16/02/2023)").waitFor();
    await section.getByText(`Aprobada hasta el ${shown(granted)}`).waitFor();
    const upload = page.getByRole("form", { name: "Subir un documento" });
    await upload.getByLabel("Archivo").setInputFiles(pdf);
    await upload.getByRole("button", { name: "Subir documento" }).click();
    await upload.getByText("Se subió «politica.pdf».").waitFor();
    await sendToReview(page);
    await signOut(page, liaison.name);

    // The reviewer validates it: one more delivery due, and it counts as on time.
    await signInAs(page, reviewer);
    await validateFromQueue(page, "15106-E2");
    await page.goto(`${server.baseUrl}/municipios/15106`);
    await page.getByText("Entregas a tiempo", { exact: true }).waitFor();
    await expect(onTimeCounts(page)).resolves.toEqual([onTimeBefore + 1, dueBefore + 1]);
  });
});
