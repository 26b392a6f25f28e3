import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pdfText } from "../src/server/test/pdf.js";
import { samplePdf } from "../src/server/test/samples.js";
import { seriousViolations } from "./axe.js";
import { signInAs, signOut, withServerAndBrowser } from "./session.js";

const SAVED = "Todos los cambios están guardados.";

describe("guided documents", () => {
  const context = withServerAndBrowser();

  it("a liaison and a collaborator draft C2, resolve a conflict, export it, and a reviewer observes a section", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const liaison = server.accounts.liaison;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, liaison);
    const tools = (await (
      await page.request.get(`${server.baseUrl}/api/municipalities/15106/tools`)
    ).json()) as { id: string; tool: string; part: string | null; state: string }[];
    const c2 = tools.find((tool) => tool.tool === "C2" && tool.state !== "validated");
    expect(c2).toBeDefined();
    const draftUrl = `${server.baseUrl}/herramientas/${c2?.id}/documento`;

    await page.goto(`${server.baseUrl}/herramientas/${c2?.id}`);
    await page.getByRole("link", { name: "Redactar el documento" }).click();
    await page
      .getByRole("heading", { name: "Cartas de servicios de los canales de atención", level: 1 })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("textbox", { name: "Presentación" }).click();
    await page.keyboard.type("Los canales de atención del municipio.");
    await page.getByLabel("Canal, fila 1").fill("Presencial");
    await page.getByLabel("Responsable, fila 1").fill("Ana Pérez");
    await page.getByTestId("save-status").getByText(SAVED).waitFor();

    // The collaborator, in another browser, changes the same table and saves first.
    const other = await browser.browser.newContext({ locale: "es-MX" });
    const collaboratorPage = await other.newPage();
    await collaboratorPage.goto(`${server.baseUrl}/modelo`);
    await signInAs(collaboratorPage, server.accounts.collaborator);
    await collaboratorPage.goto(draftUrl);
    await collaboratorPage.getByLabel("Horario, fila 1").fill("Lunes a viernes de 9 a 15 h");
    await collaboratorPage.getByTestId("save-status").getByText(SAVED).waitFor();
    await collaboratorPage.locator('[data-section="cartas"] summary').click();
    await collaboratorPage
      .getByLabel("Comentario sobre «Carta de servicios por canal»")
      .fill("Falta el plan de contingencia.");
    await collaboratorPage.getByRole("button", { name: "Comentar" }).first().click();
    await collaboratorPage.getByText("Falta el plan de contingencia.").waitFor();
    await other.close();

    // The liaison's next save meets the collaborator's: both versions are shown.
    await page.getByLabel("Condiciones de operación, fila 1").fill("Oficina en planta baja");
    const conflict = page.getByTestId("conflict");
    await conflict.waitFor();
    await conflict.getByText("Lunes a viernes de 9 a 15 h").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await conflict
      .getByRole("group", { name: "Carta de servicios por canal" })
      .getByLabel("Tomar la guardada")
      .check();
    await conflict.getByRole("button", { name: "Combinar por sección" }).click();
    await page.getByLabel("Horario, fila 1").waitFor();
    expect(await page.getByLabel("Horario, fila 1").inputValue()).toBe(
      "Lunes a viernes de 9 a 15 h",
    );
    await page.getByLabel("Condiciones de operación, fila 1").fill("Oficina en planta baja");
    await page.getByLabel("Tiempos de respuesta, fila 1").fill("5 días hábiles");
    await page.getByLabel("Plan de contingencia, fila 1").fill("Atención por correo");
    await page.getByTestId("save-status").getByText(SAVED).waitFor();

    // Out for approval: the PDF carries the names and the content; the DOCX downloads.
    const pdfHref = await page.getByRole("link", { name: "Descargar en PDF" }).getAttribute("href");
    const pdf = await page.request.get(`${server.baseUrl}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    const text = await pdfText(Buffer.from(await pdf.body()));
    for (const expected of [
      "Municipio de Toluca",
      "C2",
      "Los canales de atención del municipio.",
      "Lunes a viernes de 9 a 15 h",
      "Atención por correo",
    ]) {
      expect(text).toContain(expected);
    }
    const docxHref = await page
      .getByRole("link", { name: "Descargar en Word (DOCX)" })
      .getAttribute("href");
    const docx = await page.request.get(`${server.baseUrl}${docxHref}`);
    expect(docx.status()).toBe(200);
    expect(docx.headers()["content-type"]).toContain("wordprocessingml");

    // The signed copy is uploaded as evidence and sent to review.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-c2-"));
    const signed = path.join(dir, "cartas-firmadas.pdf");
    fs.writeFileSync(signed, await samplePdf("Cartas de servicios firmadas"));
    await page.getByRole("link", { name: "← Volver a la herramienta" }).click();
    const form = page.getByRole("form", { name: "Subir un documento" });
    await form.getByLabel("Archivo").setInputFiles(signed);
    await form.getByRole("button", { name: "Subir documento" }).click();
    await page.getByText("cartas-firmadas.pdf").first().waitFor();
    await page.getByRole("button", { name: "Enviar a revisión" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Enviar" }).click();
    await page.getByText("La herramienta está en revisión").first().waitFor();
    await signOut(page, liaison.name);

    // The reviewer reads the draft as sent and observes its table.
    const reviewer = server.accounts.reviewer;
    await signInAs(page, reviewer);
    await page.goto(`${server.baseUrl}/herramientas/${c2?.id}`);
    await page.getByTestId("sent-draft").first().click();
    await page.getByText("Lunes a viernes de 9 a 15 h").first().waitFor();
    await page.getByLabel("Devolver con observaciones").check();
    await page
      .getByLabel("Sección del documento de la observación 1")
      .selectOption({ label: "Carta de servicios por canal" });
    await page.getByLabel("Texto de la observación 1").fill("Indique el horario del sábado.");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Registrar decisión" }).click();
    await page.getByTestId("observation-section").first().waitFor();
    await signOut(page, reviewer.name);

    // The liaison sees the observation on the section and fixes it.
    await signInAs(page, liaison);
    await page.goto(`${server.baseUrl}/herramientas/${c2?.id}`);
    await page.getByText("Sección del documento: Carta de servicios por canal").waitFor();
    await page.getByRole("link", { name: "Redactar el documento" }).click();
    await page
      .getByLabel("Horario, fila 1")
      .fill("Lunes a viernes de 9 a 15 h; sábados de 9 a 13 h");
    await page.getByTestId("save-status").getByText(SAVED).waitFor();
    await signOut(page, liaison.name);
  });

  it("an administrator changes C2's template in a new model version and publishes it read-only", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const admin = server.accounts.admin;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, admin);
    await page.goto(`${server.baseUrl}/modelo/editor`);
    await page.getByRole("button", { name: "Crear borrador" }).click();
    await page.getByRole("heading", { name: /^Borrador:/ }).waitFor();

    const c2 = page.locator('details.editor-tool[data-tool-code="C2"]');
    await c2.locator("summary").first().click();
    const template = c2.locator('details.editor-template[data-template-of="C2"]');
    await template.locator("summary").first().click();
    await template.getByLabel(/^Sección 1\b/).fill("Presentación de los canales");
    await template
      .getByRole("button", { name: "Agregar sección al documento guiado de C2" })
      .click();
    const sections = template.locator("li[data-section-key]");
    const added = sections.last();
    await added.getByLabel(/^Sección \d+/).fill("Indicadores de atención");
    await added.getByLabel("Tipo").selectOption({ label: "Tabla" });
    await added.getByRole("textbox", { name: "Columna 1" }).fill("Indicador");
    await added.getByRole("button", { name: /^Agregar columna/ }).click();
    await added.getByRole("textbox", { name: "Columna 2" }).fill("Meta");
    await added.getByLabel("Orientación").fill("Los indicadores que cada canal mide.");
    // A new section's key is free: taking another's is flagged before saving.
    await added.getByLabel("Clave").fill("presentacion");
    await template.getByText("está repetida").first().waitFor();
    await added.getByLabel("Clave").fill("indicadores");
    await added.getByRole("button", { name: /^Subir la sección/ }).click();

    await page.getByRole("button", { name: "Guardar", exact: true }).click();
    await page.getByText(/Se guardó el borrador/).waitFor();
    await page.getByRole("button", { name: "Publicar", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Publicar" }).click();
    await page.getByText(/Se publicó la versión/).waitFor();

    // The published version shows the template, read-only, with the new section in its place.
    const card = page.locator('article[data-tool-code="C2"]');
    const published = card.getByRole("region", { name: "Documento guiado de C2" });
    await published.getByText("Presentación de los canales").waitFor();
    const keys = await published
      .locator("li[data-section-key]")
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-section-key")));
    expect(keys.at(-2)).toBe("indicadores");
    expect(await published.getByText("Columnas: Indicador · Meta").count()).toBe(1);
    expect(await card.locator("input, textarea, select").count()).toBe(0);
    await signOut(page, admin.name);
  });
});
