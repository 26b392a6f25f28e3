import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { signInAs, signOut, withServerAndBrowser } from "./session.js";

/**
 * Guided documents' records (issue 15, docs/decisions/0022): R2's register of trainings delivered
 * on the tool page, and M3's public consultation from opening to moderation, with a citizen
 * commenting on a 360 px phone.
 */
describe("guided documents' records", () => {
  const context = withServerAndBrowser();

  async function toolOf(code: string): Promise<string> {
    const { server, browser } = context;
    const tools = (await (
      await browser.page.request.get(`${server.baseUrl}/api/municipalities/15106/tools`)
    ).json()) as { id: string; tool: string; state: string }[];
    const found = tools.find(
      (tool) => tool.tool === code && tool.state !== "validated" && tool.state !== "submitted",
    );
    expect(found, code).toBeDefined();
    return found?.id ?? "";
  }

  it("the team keeps R2's register of trainings delivered, with totals; a reviewer reads it", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const liaison = server.accounts.liaison;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, liaison);
    const r2 = await toolOf("R2");
    await page.goto(`${server.baseUrl}/herramientas/${r2}`);
    const section = page.getByRole("region", { name: "Capacitaciones impartidas" });
    await section.getByText("Aún no hay capacitaciones registradas en este ciclo.").waitFor();

    // A future date is refused beside its field, before anything is sent.
    await section.getByRole("button", { name: "Registrar una capacitación" }).click();
    const dialog = page.getByRole("dialog", { name: "Registrar una capacitación" });
    await dialog.getByLabel("Fecha").fill("2099-01-10");
    await dialog.getByLabel("Tema").fill("Solicitudes de acceso a la información");
    await dialog.getByLabel("Horas").fill("2,5");
    await dialog.getByLabel("Dirigida a").fill("Servidores públicos de Tesorería");
    await dialog.getByLabel("Personas capacitadas").fill("18");
    await dialog.getByRole("button", { name: "Registrar" }).click();
    await dialog.getByText(/la fecha no puede ser futura/).waitFor();
    await dialog.getByLabel("Fecha").fill("2025-06-10");
    await dialog.getByRole("button", { name: "Registrar" }).click();
    await section.getByRole("row", { name: /Solicitudes de acceso a la información/ }).waitFor();

    await section.getByRole("button", { name: "Registrar una capacitación" }).click();
    await dialog.getByLabel("Fecha").fill("2025-07-01");
    await dialog.getByLabel("Tema").fill("Gestión documental");
    await dialog.getByLabel("Horas").fill("3");
    await dialog.getByLabel("Dirigida a").fill("Archivo municipal");
    await dialog.getByLabel("Personas capacitadas").fill("7");
    await dialog
      .getByLabel("Evidencia (opcional)")
      .fill("https://toluca.gob.mx/transparencia/listas/gestion-documental.pdf");
    await dialog.getByRole("button", { name: "Registrar" }).click();
    await section.getByRole("link", { name: "Ver la evidencia" }).waitFor();
    const totals = section.getByTestId("training-totals");
    await totals.getByText(/2 capacitaciones · 5.5 horas · 25 personas capacitadas/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // A wrong count is corrected in place; a session recorded by mistake is removed.
    await section.getByRole("button", { name: "Corregir «Gestión documental»" }).click();
    const correcting = page.getByRole("dialog", { name: "Corregir la capacitación" });
    expect(await correcting.getByLabel("Personas capacitadas").inputValue()).toBe("7");
    await correcting.getByLabel("Personas capacitadas").fill("9");
    await correcting.getByRole("button", { name: "Guardar la corrección" }).click();
    await totals.getByText(/27 personas capacitadas/).waitFor();
    await section
      .getByRole("button", { name: "Quitar «Solicitudes de acceso a la información»" })
      .click();
    await page
      .getByRole("dialog", { name: "Quitar la capacitación del registro" })
      .getByRole("button", { name: "Quitar" })
      .click();
    await totals.getByText(/1 capacitación · 3 horas · 9 personas capacitadas/).waitFor();
    await signOut(page, liaison.name);

    // Staff read the register, without its buttons.
    await signInAs(page, server.accounts.reviewer);
    await page.goto(`${server.baseUrl}/herramientas/${r2}`);
    await section.getByRole("row", { name: /Gestión documental/ }).waitFor();
    await section.getByText("El registro lo lleva el equipo del municipio.").waitFor();
    expect(await section.getByRole("button").count()).toBe(0);
    await signOut(page, server.accounts.reviewer.name);
  });

  it("the liaison opens M3's consultation, a citizen comments on a phone, the liaison publishes, hides and closes", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const liaison = server.accounts.liaison;
    await signInAs(page, liaison);
    const m3 = await toolOf("M3");

    // The consultation shows the saved draft: write and save it first.
    await page.goto(`${server.baseUrl}/herramientas/${m3}/documento`);
    await page.getByRole("textbox", { name: "Resultados del periodo" }).click();
    await page.keyboard.type("Atendimos 340 solicitudes de información en el año.");
    await page.getByTestId("save-status").getByText("Todos los cambios están guardados.").waitFor();

    await page.goto(`${server.baseUrl}/herramientas/${m3}`);
    const section = page.getByRole("region", { name: "Consulta pública del informe" });
    await section.getByRole("button", { name: "Abrir la consulta pública" }).click();
    const link = section.getByTestId("consultation-url");
    await link.waitFor();
    const publicPath = new URL((await link.getAttribute("href")) ?? "").pathname;
    expect(publicPath).toMatch(/^\/consulta\/[\w-]{20,}$/);
    await section.getByText("Aún no hay comentarios.").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // A citizen, no account, on a 360 px phone: reads the draft and comments on a section.
    const phone = await browser.browser.newContext({
      locale: "es-MX",
      viewport: { width: 360, height: 740 },
    });
    const citizen = await phone.newPage();
    await citizen.goto(`${server.baseUrl}${publicPath}`);
    await citizen
      .getByRole("heading", { name: /Consulta pública: Informe de rendición/ })
      .waitFor();
    await citizen.getByText("Atendimos 340 solicitudes de información en el año.").waitFor();
    const fits = () =>
      citizen.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      );
    expect(await fits()).toBe(true);
    expect(await seriousViolations(citizen)).toEqual([]);
    await citizen.getByLabel("¿Sobre qué parte del informe?").selectOption("resultados");
    const comment = "¿Cuántas solicitudes se respondieron fuera de plazo?";
    await citizen.getByLabel("Su pregunta o comentario").fill(comment);
    await citizen.getByLabel(/Su nombre/).fill("Lucía Gómez");
    await citizen.getByRole("button", { name: "Enviar comentario" }).click();
    await citizen.getByText(/Su comentario se publicará/).waitFor();

    // The liaison sees it waiting, publishes it with an answer: the public page shows both.
    await page.reload();
    const item = section.getByTestId("consultation-comment").filter({ hasText: comment });
    await item.getByText("Por moderar").waitFor();
    await item.getByText("Sobre «Resultados del periodo»").waitFor();
    await item.getByLabel("Respuesta pública (opcional)").fill("Doce, todas con prórroga.");
    await item.getByRole("button", { name: "Publicar", exact: true }).click();
    await item.getByText("Publicado", { exact: true }).waitFor();
    await citizen.reload();
    await citizen.getByText(comment).waitFor();
    await citizen.getByText("Doce, todas con prórroga.").waitFor();
    expect(await fits()).toBe(true);

    // Hidden (never edited nor deleted): the public page no longer shows it.
    await item.getByRole("button", { name: "Ocultar de la vista pública" }).click();
    await item.getByText("No publicado", { exact: true }).waitFor();
    await citizen.reload();
    await citizen.getByText("Atendimos 340 solicitudes de información en el año.").waitFor();
    expect(await citizen.getByText(comment).count()).toBe(0);

    // Closed: the link stops taking comments.
    await section.getByRole("button", { name: "Cerrar la consulta" }).click();
    await page
      .getByRole("dialog", { name: "Cerrar la consulta pública" })
      .getByRole("button", { name: "Cerrar la consulta" })
      .click();
    await section.getByText("Cerrada", { exact: true }).waitFor();
    await citizen.reload();
    await citizen.getByText(/La consulta ya cerró/).waitFor();
    expect(await citizen.getByRole("button", { name: "Enviar comentario" }).count()).toBe(0);
    await phone.close();
  });

  it("keeps the document editor's chunk out of the public portal's first load", async () => {
    const { server, browser } = context;
    // The build names the editor's route chunk DraftPage-<hash>.js (TipTap and ProseMirror).
    const web = path.resolve("dist/web");
    const editor = fs
      .readdirSync(path.join(web, "assets"))
      .filter((name) => /^DraftPage-[\w-]+\.js$/.test(name));
    expect(editor).toHaveLength(1);
    for (const shell of ["index.html", "portal.html"]) {
      expect(fs.readFileSync(path.join(web, shell), "utf8"), shell).not.toContain("DraftPage-");
    }
    // A visitor without a session opens the portal: no request fetches the editor.
    const visitor = await browser.browser.newContext({ locale: "es-MX" });
    const page = await visitor.newPage();
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") {
        scripts.push(new URL(request.url()).pathname);
      }
    });
    await page.goto(`${server.baseUrl}/`, { waitUntil: "networkidle" });
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((script) => script.includes("DraftPage-"))).toEqual([]);
    await visitor.close();
  });
});
