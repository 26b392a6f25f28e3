import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../src/server/test/samples.js";
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

/** The row of a tool in "Mi municipio" (or the municipality page). */
function toolRow(page: Page, code: string) {
  return page.locator(`tr[data-tool="${code}"]`);
}

describe("the implementation cycle of one tool", () => {
  let server: E2eServer;
  let liaison: E2eBrowser;
  let reviewer: E2eBrowser;
  let dir: string;
  let firstPdf: string;
  let secondPdf: string;

  beforeAll(async () => {
    server = await startServer();
    [liaison, reviewer] = await Promise.all([launchBrowser(), launchBrowser()]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-cycle-"));
    firstPdf = path.join(dir, "politica-transparencia.pdf");
    secondPdf = path.join(dir, "politica-transparencia-firmada.pdf");
    fs.writeFileSync(firstPdf, await samplePdf("Política de Transparencia de Toluca"));
    fs.writeFileSync(secondPdf, await samplePdf("Política de Transparencia de Toluca (firmada)"));
  });

  afterAll(async () => {
    if (process.env.E2E_SCREENSHOTS === "1") {
      await liaison?.page.screenshot({ path: "/tmp/mrtm-last-liaison.png", fullPage: true });
      await reviewer?.page.screenshot({ path: "/tmp/mrtm-last-reviewer.png", fullPage: true });
    }
    await liaison?.close();
    await reviewer?.close();
    await server?.close();
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("diagnostic claim, review with an observation, answer and new version, validation", async () => {
    const { accounts, baseUrl } = server;
    const l = liaison.page;
    const r = reviewer.page;

    // The liaison answers the initial diagnostic: E2 claimed with its document, the rest pending.
    await l.goto(`${baseUrl}/modelo`);
    await signInAs(l, accounts.liaison);
    await navLink(l, "Mi municipio").click();
    await l.getByRole("heading", { name: /Mi municipio: Toluca/ }).waitFor();
    await toolRow(l, "E2").waitFor();
    await screenshots(l, "mi-municipio");
    await l.getByRole("link", { name: "Responder el diagnóstico" }).click();
    await l.getByRole("heading", { name: /Diagnóstico inicial: Toluca/ }).waitFor();

    const e2 = l.locator('li[data-instance-tool="E2"]');
    await e2.getByLabel("Ya cuenta con ella").check();
    await e2.getByLabel("Archivo").setInputFiles(firstPdf);
    await e2.getByRole("button", { name: "Subir documento" }).click();
    await e2.getByText("Se subió «politica-transparencia.pdf»").waitFor();
    await e2.getByText("1 documento subido").waitFor();

    // The rows asked (E1, done by the agreement, is shown, not asked).
    const others = l.locator(
      "li.diagnostic-row:not(.diagnostic-row--shown):not([data-instance-tool='E2'])",
    );
    const count = await others.count();
    expect(count).toBeGreaterThan(10);
    for (let index = 0; index < count; index += 1) {
      await others.nth(index).getByLabel("Pendiente de elaboración").check();
    }
    await screenshots(l, "diagnostico");
    await l.getByRole("button", { name: "Enviar diagnóstico" }).click();
    await l
      .getByRole("dialog", { name: "Enviar el diagnóstico" })
      .getByRole("button", { name: "Enviar" })
      .click();
    await l.getByText("Diagnóstico enviado").waitFor();
    const [acknowledgement] = await Promise.all([
      l.waitForEvent("download"),
      l.getByRole("link", { name: "Descargar acuse (PDF)" }).click(),
    ]);
    expect(acknowledgement.suggestedFilename()).toMatch(/\.pdf$/);

    // The reviewer finds Toluca's E2 in the queue, sees the PDF and returns it with an observation.
    await r.goto(`${baseUrl}/modelo`);
    await signInAs(r, accounts.reviewer);
    await navLink(r, "Revisión").click();
    // Every municipality: another test file may have put Toluca in a reviewer's portfolio.
    await r.getByRole("button", { name: "Todos", exact: true }).click();
    const queued = r.locator('tr[data-queue-item="15106-E2"]');
    await queued.waitFor();
    await screenshots(r, "cola");
    await queued.getByRole("link").click();
    await r.getByRole("heading", { name: /^E2 · Política de Transparencia/ }).waitFor();
    const preview = r.locator("iframe.preview--pdf");
    await preview.waitFor();
    const previewUrl = new URL((await preview.getAttribute("src")) ?? "", baseUrl).toString();
    const previewResponse = await r.request.get(previewUrl);
    expect(previewResponse.status()).toBe(200);
    expect(previewResponse.headers()["content-type"]).toContain("application/pdf");
    await screenshots(r, "revision");

    await r.getByLabel("Devolver con observaciones").check();
    await r.getByLabel("Tipo de la observación 1").selectOption("requerimiento");
    await r.getByLabel("Texto de la observación 1").fill("Falta la firma del cabildo");
    await r.getByRole("button", { name: "Agregar observación" }).click();
    await r.getByLabel("Texto de la observación 2").fill("Indique la fecha de aprobación");
    await r.getByRole("button", { name: "Registrar decisión" }).click();
    await r.getByText("Devuelta con observaciones").waitFor();
    await r.getByRole("banner").waitFor();
    await expect
      .poll(() => r.locator(".page-header").getByText("Con observaciones").count())
      .toBe(1);

    // The liaison opens the returned tool: sending it back now lists what the return still lacks.
    await navLink(l, "Mi municipio").click();
    await toolRow(l, "E2").getByText("Con observaciones").waitFor();
    await toolRow(l, "E2").getByRole("link").click();
    await l.getByText("Falta la firma del cabildo").waitFor();
    const sendDialog = l.getByRole("dialog", { name: "Enviar a revisión" });
    const missing = sendDialog.locator("li[data-missing]");
    await l.getByRole("button", { name: "Enviar a revisión" }).click();
    await expect
      .poll(() => missing.allTextContents())
      .toEqual([
        "Responda la observación 1 (requerimiento): «Falta la firma del cabildo».",
        "Responda la observación 2 (observación): «Indique la fecha de aprobación».",
        "Suba una versión nueva del documento: la revisión tiene un requerimiento y se devolvió con los documentos actuales.",
      ]);
    expect(await sendDialog.getByRole("button", { name: "Enviar" }).isDisabled()).toBe(true);
    await screenshots(l, "reenvio-pendiente");
    await sendDialog.getByRole("button", { name: "Cancelar" }).click();

    // It answers both observations (an empty answer is refused until text is written)…
    const first = l.getByRole("form", { name: "Responder la observación 1" });
    await first.getByLabel("Respuesta").fill("Se adjunta la versión con la firma del cabildo.");
    await first.getByRole("button", { name: "Enviar respuesta" }).click();
    await l.getByText("Se adjunta la versión con la firma del cabildo.").waitFor();
    const second = l.getByRole("form", { name: "Responder la observación 2" });
    await second.getByRole("button", { name: "Enviar respuesta" }).click();
    await second.getByText("Escriba la respuesta.").waitFor();
    await second.getByLabel("Respuesta").fill("Se aprobó el 3 de marzo de 2023.");
    await expect.poll(() => second.getByText("Escriba la respuesta.").count()).toBe(0);

    await l.getByRole("button", { name: "Enviar a revisión" }).click();
    await expect.poll(() => missing.count()).toBe(2);
    await sendDialog.getByRole("button", { name: "Cancelar" }).click();
    await second.getByRole("button", { name: "Enviar respuesta" }).click();
    await l.getByText("Se aprobó el 3 de marzo de 2023.").waitFor();

    // …uploads the signed version, and only then may send it back.
    await l.getByRole("button", { name: "Enviar a revisión" }).click();
    await expect
      .poll(() => missing.allTextContents())
      .toEqual([
        "Suba una versión nueva del documento: la revisión tiene un requerimiento y se devolvió con los documentos actuales.",
      ]);
    await sendDialog.getByRole("button", { name: "Cancelar" }).click();
    const upload = l.getByRole("form", { name: "Subir un documento" });
    await upload.getByLabel("Archivo").setInputFiles(secondPdf);
    await upload.getByRole("button", { name: "Subir documento" }).click();
    await l.locator('tr[data-evidence-version="2"]').waitFor();
    await screenshots(l, "herramienta");
    await l.getByRole("button", { name: "Enviar a revisión" }).click();
    await sendDialog.getByText("Se enviarán de nuevo los documentos").waitFor();
    expect(await missing.count()).toBe(0);
    await sendDialog.getByRole("button", { name: "Enviar" }).click();
    await l.locator(".page-header").getByText("En revisión").waitFor();

    // The reviewer sees the resubmission and validates it.
    await navLink(r, "Revisión").click();
    const again = r.locator('tr[data-queue-item="15106-E2"]');
    await again.getByText("Reenvío").waitFor();
    await again.getByRole("link").click();
    await r.getByRole("form", { name: "Decisión de la revisión" }).waitFor();
    await r.getByRole("radio", { name: "Validar" }).check();
    await r.getByRole("button", { name: "Registrar decisión" }).click();
    await r.locator(".page-header").getByText("Validada").waitFor();

    // The liaison's home shows E2 validated.
    await navLink(l, "Mi municipio").click();
    await toolRow(l, "E2").getByText("Validada").waitFor();
    expect(await toolRow(l, "E2").textContent()).toContain("Validada");
  });
});
