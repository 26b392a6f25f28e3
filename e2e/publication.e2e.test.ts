import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance, ToolInstanceDetail } from "../src/contracts/participation.js";
import { multipartBody, samplePdf } from "../src/server/test/samples.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";
import { navLink, signInAs } from "./session.js";

const DOCUMENT = "Política de Transparencia con firma del titular.pdf";
const REASON = "Muestra la firma y el domicilio particular del titular.";

let server: E2eServer;
let liaison: E2eBrowser;
let citizen: E2eBrowser;

/** Signs in through the API and returns the session headers. */
async function apiSession(email: string, password: string) {
  const response = await server.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password },
  });
  const cookie = response.cookies.find((c) => c.name === "mrtm_session")?.value;
  const { csrfToken } = JSON.parse(response.body) as { csrfToken: string };
  return { cookie: `mrtm_session=${cookie}`, "x-csrf-token": csrfToken };
}

/** Toluca's E2 with one public document, uploaded, submitted and validated by the demo accounts. */
async function publishTolucaPolicy(): Promise<string> {
  const { accounts } = server;
  const l = await apiSession(accounts.liaison.email, accounts.liaison.password);
  const r = await apiSession(accounts.reviewer.email, accounts.reviewer.password);
  const tools = JSON.parse(
    (await server.app.inject({ method: "GET", url: "/api/municipalities/15106/tools", headers: l }))
      .body,
  ) as ToolInstance[];
  const url = `/api/tool-instances/${tools.find((tool) => tool.tool === "E2")?.id}`;
  const body = multipartBody(DOCUMENT, await samplePdf("Política de Transparencia de Toluca"));
  const uploaded = await server.app.inject({
    method: "POST",
    url: `${url}/evidence?public=true`,
    headers: { ...l, ...body.headers },
    payload: body.payload,
  });
  expect(uploaded.statusCode).toBe(201);
  const submitted = await server.app.inject({ method: "POST", url: `${url}/submit`, headers: l });
  const { version, evidence } = JSON.parse(submitted.body) as ToolInstanceDetail;
  const validated = await server.app.inject({
    method: "POST",
    url: `${url}/review`,
    headers: r,
    payload: { decision: "validate", expectedVersion: version },
  });
  expect(validated.statusCode).toBe(200);
  return evidence[0]?.id ?? "";
}

/** Toluca's public page in a browser with nothing cached, as a new visitor opens it. */
async function visitTolucaAsNewCitizen(): Promise<{ page: Page; close: () => Promise<void> }> {
  const visitor = await launchBrowser({ viewport: { width: 360, height: 740 } });
  await visitor.page.goto(`${server.baseUrl}/publico/municipios/15106`);
  await visitor.page.getByRole("heading", { level: 1, name: "Toluca" }).waitFor();
  await visitor.page.getByRole("heading", { name: "Documentos publicados" }).waitFor();
  return { page: visitor.page, close: () => visitor.close() };
}

beforeAll(async () => {
  server = await startServer();
  [liaison, citizen] = await Promise.all([launchBrowser(), launchBrowser()]);
});
afterAll(async () => {
  await liaison?.close();
  await citizen?.close();
  await server?.close();
});

describe("withdrawing a published document", () => {
  it("the liaison withdraws it with a reason and it disappears from Toluca's public page", async () => {
    const documentId = await publishTolucaPolicy();

    // A citizen finds the document on Toluca's page.
    const c = citizen.page;
    await c.goto(`${server.baseUrl}/publico/municipios/15106`);
    await c.getByRole("heading", { level: 1, name: "Toluca" }).waitFor();
    await c.getByRole("link", { name: DOCUMENT }).waitFor();

    // The liaison sees it public on the tool page and withdraws it.
    const l = liaison.page;
    await l.goto(`${server.baseUrl}/modelo`);
    await signInAs(l, server.accounts.liaison);
    await navLink(l, "Mi municipio").click();
    await l.locator('tr[data-tool="E2"]').getByRole("link").click();
    const row = l.locator('tr[data-evidence-version="1"]');
    await row.getByText("Público", { exact: true }).waitFor();
    // A sent version is part of the record: no «Eliminar».
    expect(await row.getByRole("button", { name: /Eliminar/ }).count()).toBe(0);
    await row.getByRole("button", { name: /Retirar de publicación/ }).click();

    const dialog = l.getByRole("dialog", { name: "Retirar de publicación" });
    await dialog.getByRole("button", { name: "Retirar de publicación" }).click();
    await dialog
      .getByText("Escriba el motivo por el que retira el documento de publicación.")
      .waitFor();
    await dialog.getByLabel("Motivo del retiro").fill(REASON);
    await dialog.getByRole("button", { name: "Retirar de publicación" }).click();
    await dialog.waitFor({ state: "hidden" });

    // Still in the record, marked withdrawn, with the reason and who withdrew it.
    await row.getByText("Retirado de publicación").waitFor();
    const marked = (await row.textContent()) ?? "";
    expect(marked).toContain(REASON);
    expect(marked).toContain(server.accounts.liaison.name);
    expect(await row.getByRole("button", { name: /Retirar de publicación/ }).count()).toBe(0);

    // The public page no longer lists it, and its public address answers 404.
    const visitor = await visitTolucaAsNewCitizen();
    await visitor.page.getByText("Aún no hay documentos validados publicados.").waitFor();
    expect(await visitor.page.getByRole("link", { name: DOCUMENT }).count()).toBe(0);
    const download = await visitor.page.request.get(
      `${server.baseUrl}/api/public/documents/${documentId}`,
    );
    expect(download.status()).toBe(404);
    // The tool itself stays validated on the public page.
    expect(await visitor.page.locator('tr[data-tool="E2"]').textContent()).toContain("Validada");
    await visitor.close();
  });
});
