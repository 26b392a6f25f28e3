/**
 * Issue 17, item 1 in the browser: an admin loads a spreadsheet of 20 agreements with their
 * liaisons and historical states, reviews it (dry run) and applies it; a new liaison creates a
 * password from the welcome e-mail, delivered through a real SMTP server.
 */
import { and, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreements, liaisonDesignations, toolInstances } from "../src/server/db/schema/index.js";
import { OutboxSender } from "../src/server/mail/sender.js";
import { startTestSmtpServer, type TestSmtpServer } from "../src/server/mail/test-smtp.js";
import { createSmtpTransport } from "../src/server/mail/transport.js";
import { buildWorkbook, type WorkbookSheets } from "../src/server/test/workbooks.js";
import { seriousViolations } from "./axe.js";
import {
  clickNavLink,
  setPasswordAndSignIn,
  signInAs,
  signOut,
  withServerAndBrowser,
} from "./session.js";

const MUNICIPALITIES = Array.from({ length: 20 }, (_, i) => `15${String(i + 1).padStart(3, "0")}`);

/** The record of 20 municipalities: agreement, designated liaison, E2 validated, E3 a in review. */
function record(): WorkbookSheets {
  return {
    Convenios: [
      ["Clave INEGI", "Cohorte", "Convenio"],
      ...MUNICIPALITIES.map((cvegeo, i) => [
        cvegeo,
        i < 10 ? "Cohorte 2022" : "Cohorte 2023",
        i < 10 ? "16/11/2022" : "01/03/2023",
      ]),
    ],
    Enlaces: [
      ["Clave INEGI", "Correo", "Nombre", "Rol", "Designado el"],
      ...MUNICIPALITIES.map((cvegeo) => [
        cvegeo,
        `enlace.${cvegeo}@municipios.test`,
        `Enlace ${cvegeo}`,
        "Enlace municipal",
        "15/03/2023",
      ]),
    ],
    Estados: [
      ["Clave INEGI", "Herramienta", "Parte", "Estado", "Enviada el", "Validada el"],
      ...MUNICIPALITIES.flatMap((cvegeo) => [
        [cvegeo, "E2", null, "Validada", "10/04/2023", "02/05/2023"],
        [cvegeo, "E3", "a", "En revisión", "20/06/2023", null],
      ]),
    ],
  };
}

describe("XLSX import", () => {
  const context = withServerAndBrowser();
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(() => smtp.close());

  it("an admin reviews and applies 20 agreements with liaisons and states; a liaison sets a password from the e-mail", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const db = server.app.deps.db;
    const file = await buildWorkbook(record());
    // The demo accounts come with Toluca's agreement and liaison.
    const tally = async () => {
      const [a] = await db.select({ n: count() }).from(agreements);
      const [d] = await db.select({ n: count() }).from(liaisonDesignations);
      return { agreements: a?.n ?? 0, designations: d?.n ?? 0 };
    };
    const before = await tally();

    await page.goto(server.baseUrl);
    await signInAs(page, server.accounts.admin);
    await clickNavLink(page, "Importar XLSX");
    await page.getByRole("heading", { name: "Importar XLSX", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Descargar plantilla" }).waitFor();
    await page.getByLabel("Libro de Excel (.xlsx)").setInputFiles({
      name: "registro-2022-2025.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: file,
    });
    await page.getByRole("button", { name: "Revisar el archivo" }).click();
    await page.getByText("Revisión previa: todavía no se escribió nada").waitFor();
    await page.getByText("Nuevas: 40; con cambios: 40; sin cambios: 0.").waitFor();
    const first = page.locator('tr[data-import-row="Convenios-2"]');
    await first.getByText("Se crea").waitFor();
    await first.getByText("Convenio: — → 16/11/2022").waitFor();
    await page
      .locator('tr[data-import-row="Estados-2"]')
      .getByText("Estado: Pendiente de elaboración → Validada")
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The dry run wrote nothing.
    expect(await tally()).toEqual(before);

    await page.getByRole("button", { name: "Aplicar la importación" }).click();
    await page.getByText("Importación aplicada").waitFor();
    await page.getByText("Las cuentas nuevas reciben por correo un enlace").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await tally()).toEqual({
      agreements: before.agreements + 20,
      designations: before.designations + 20,
    });
    const [imported] = await db
      .select({ n: count() })
      .from(toolInstances)
      .where(and(isNotNull(toolInstances.importedAt), eq(toolInstances.state, "validated")));
    expect(imported?.n).toBe(20);

    // The same file again: nothing to import.
    await page.getByRole("button", { name: "Revisar el archivo" }).click();
    await page.getByText("Nada que importar").waitFor();
    await signOut(page, server.accounts.admin.name);

    // The outbox goes out through a real SMTP server, as the server's sender would send it.
    const sender = new OutboxSender(
      db,
      createSmtpTransport({ smtpUrl: smtp.url, from: "MRTM <mrtm@ejemplo.gob.mx>" }),
      {
        now: () => new Date(Date.now() + 3_600_000),
      },
    );
    await sender.drain();
    const mail = smtp.received.find((m) => m.to.includes("enlace.15001@municipios.test"));
    expect(smtp.received).toHaveLength(20);
    expect(mail?.subject).toBe("Bienvenida a MRTM: cree su contraseña");
    const link = /https?:\/\/\S+\/crear-contrasena\?token=[A-Za-z0-9_-]+/.exec(
      mail?.text ?? "",
    )?.[0];
    const { pathname, search } = new URL(link ?? "");
    await page.goto(`${server.baseUrl}${pathname}${search}`);
    await page.getByRole("heading", { name: "Crear contraseña" }).waitFor();
    await setPasswordAndSignIn(
      page,
      "enlace.15001@municipios.test",
      "magueyes junto al río de Acambay",
    );
    await page.getByRole("heading", { name: "Mi trabajo", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Pendientes del municipio" }).waitFor();

    // The imported states say so; the «En revisión» one waits for its documents in MRTM.
    await clickNavLink(page, "Mi municipio");
    const e3a = page.locator('tr[data-tool="E3"][data-part="a"]');
    await e3a.getByText("Importado del registro previo el").waitFor();
    await page
      .locator('tr[data-tool="E2"]')
      .getByText("Importado del registro previo el")
      .waitFor();
    await e3a.getByRole("link").click();
    await page.getByText("Importada en revisión, sin documentos en MRTM").waitFor();
    await page.getByRole("form", { name: "Subir un documento" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await signOut(page, "Enlace 15001");
  });
});
