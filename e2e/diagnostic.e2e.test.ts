import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance, ToolInstanceDetail } from "../src/contracts/participation.js";
import { multipartBody, SAMPLE_ELF, samplePdf } from "../src/server/test/samples.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";
import { signInAs } from "./session.js";

let server: E2eServer;
let browser: E2eBrowser;
let dir: string;
let ethicsCode: string;
let notADocument: string;

/** Signs in through the API (as the platform's own screens would) and returns the session headers. */
async function apiSession(account: { email: string; password: string }) {
  const response = await server.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: account.email, password: account.password },
  });
  const cookie = response.cookies.find((c) => c.name === "mrtm_session")?.value;
  const { csrfToken } = JSON.parse(response.body) as { csrfToken: string };
  return { cookie: `mrtm_session=${cookie}`, "x-csrf-token": csrfToken };
}

async function tolucaTools(headers: Record<string, string>): Promise<ToolInstance[]> {
  const response = await server.app.inject({
    method: "GET",
    url: "/api/municipalities/15106/tools",
    headers,
  });
  return JSON.parse(response.body) as ToolInstance[];
}

/** Toluca's E2, validated before the diagnostic: the liaison submits it, the reviewer validates. */
async function validateTolucaPolicy(): Promise<void> {
  const liaison = await apiSession(server.accounts.liaison);
  const reviewer = await apiSession(server.accounts.reviewer);
  const e2 = (await tolucaTools(liaison)).find((tool) => tool.tool === "E2");
  const url = `/api/tool-instances/${e2?.id}`;
  const body = multipartBody("Política de Transparencia.pdf", await samplePdf());
  const uploaded = await server.app.inject({
    method: "POST",
    url: `${url}/evidence`,
    headers: { ...liaison, ...body.headers },
    payload: body.payload,
  });
  expect(uploaded.statusCode).toBe(201);
  const submitted = await server.app.inject({
    method: "POST",
    url: `${url}/submit`,
    headers: liaison,
  });
  const { version } = JSON.parse(submitted.body) as ToolInstanceDetail;
  const validated = await server.app.inject({
    method: "POST",
    url: `${url}/review`,
    headers: reviewer,
    payload: { decision: "validate", expectedVersion: version },
  });
  expect(validated.statusCode).toBe(200);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-diagnostic-"));
  ethicsCode = path.join(dir, "codigo-de-etica.pdf");
  fs.writeFileSync(ethicsCode, await samplePdf("Código de Ética del Ayuntamiento de Toluca"));
  notADocument = path.join(dir, "canales.pdf");
  fs.writeFileSync(notADocument, SAMPLE_ELF);
  await validateTolucaPolicy();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("the initial diagnostic knows the present", () => {
  it("shows E1 and a validated tool instead of asking them", async () => {
    const page = browser.page;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, server.accounts.liaison);
    await page.goto(`${server.baseUrl}/municipios/15106/diagnostico`);
    await page.getByRole("heading", { name: /Diagnóstico inicial: Toluca/ }).waitFor();

    const e1 = page.locator('li[data-instance-tool="E1"]');
    await e1
      .getByText(
        "Realizado (convenio en archivo de Dirección General de Transparencia, Acceso a la Información Pública y Gobierno Abierto)",
      )
      .waitFor();
    expect(await e1.getByRole("radio").count()).toBe(0);

    const e2 = page.locator('li[data-instance-tool="E2"]');
    await e2.getByText("Validada", { exact: true }).first().waitFor();
    expect(await e2.getByText("no se pregunta en el diagnóstico").count()).toBe(1);
    expect(await e2.getByRole("radio").count()).toBe(0);

    // An open tool is asked, with its current state beside the question.
    const e3a = page.locator('li[data-instance-tool="E3"][data-instance-part="a"]');
    await e3a.getByLabel("Ya cuenta con ella").waitFor();
    expect(await e3a.locator("legend .cell-subtitle").textContent()).toContain(
      "Estado actual: Pendiente de elaboración",
    );
  });

  it("uploads a picked file when the draft is saved, never dropping it", async () => {
    const page = browser.page;
    const e3a = page.locator('li[data-instance-tool="E3"][data-instance-part="a"]');
    await e3a.getByLabel("Ya cuenta con ella").check();
    await e3a.getByLabel("Archivo").setInputFiles(ethicsCode);
    await e3a.getByText("Se subirá al guardar el borrador o al enviar").waitFor();
    // No «Subir documento»: the liaison saves the draft straight away.
    await page.getByRole("button", { name: "Guardar borrador" }).click();
    await page.getByText("Se guardó el borrador y se subió «codigo-de-etica.pdf».").waitFor();
    await e3a.getByText("1 documento subido").waitFor();

    const liaison = await apiSession(server.accounts.liaison);
    const tool = (await tolucaTools(liaison)).find((t) => t.tool === "E3" && t.part === "a");
    const detail = JSON.parse(
      (
        await server.app.inject({
          method: "GET",
          url: `/api/tool-instances/${tool?.id}`,
          headers: liaison,
        })
      ).body,
    ) as ToolInstanceDetail;
    expect(detail.evidence.map((file) => file.fileName)).toEqual(["codigo-de-etica.pdf"]);

    // The answer was saved with it: it is still there after a reload.
    await page.reload();
    const reloaded = page.locator('li[data-instance-tool="E3"][data-instance-part="a"]');
    await reloaded.getByText("1 documento subido").waitFor();
    expect(await reloaded.getByLabel("Ya cuenta con ella").isChecked()).toBe(true);
  });

  it("refuses the save, saying so, when a picked file cannot be uploaded", async () => {
    const page = browser.page;
    const e3b = page.locator('li[data-instance-tool="E3"][data-instance-part="b"]');
    await e3b.getByLabel("Ya cuenta con ella").check();
    await e3b.getByLabel("Archivo").setInputFiles(notADocument);
    await page.getByRole("button", { name: "Guardar borrador" }).click();
    await page.getByText("No se guardó: no se pudo subir «canales.pdf» (E3 b).").waitFor();
    await page.getByRole("alert").getByText("No se guardó el borrador").waitFor();
    expect(
      await page.getByRole("status").filter({ hasText: "Se guardó el borrador" }).count(),
    ).toBe(0);
    // Nothing was saved: after a reload, E3 b) is still unanswered, with no document.
    await page.reload();
    const reloaded = page.locator('li[data-instance-tool="E3"][data-instance-part="b"]');
    await reloaded.getByLabel("Ya cuenta con ella").waitFor();
    expect(await reloaded.getByLabel("Ya cuenta con ella").isChecked()).toBe(false);
    expect(await reloaded.getByLabel("Pendiente de elaboración").isChecked()).toBe(false);
  });
});
