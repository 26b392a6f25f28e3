import { describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { clickNavLink, navLink, signInAs, signOut, withServerAndBrowser } from "./session.js";

/**
 * M2 end to end: Toluca's liaison records a training in R2's register, adopts the indicator
 * battery with its targets (leaving one out), reports two periods (taking the register's figures
 * for IND08 and IND09 in the first) and sees the series; staff see the regional comparison. axe on
 * each screen.
 */
describe("the M2 indicator battery", () => {
  const context = withServerAndBrowser();

  it("a liaison adopts the battery, reports two periods and sees the series; staff compare", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const liaison = server.accounts.liaison;
    const lastYear = new Date().getFullYear() - 1;
    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, liaison);

    // R2's register: one training in the first quarter of last year, which feeds IND08 and IND09.
    const tools = (await (
      await page.request.get(`${server.baseUrl}/api/municipalities/15106/tools`)
    ).json()) as { id: string; tool: string; state: string }[];
    const r2 = tools.find(
      (tool) => tool.tool === "R2" && tool.state !== "validated" && tool.state !== "submitted",
    );
    await page.goto(`${server.baseUrl}/herramientas/${r2?.id}`);
    const register = page.getByRole("region", { name: "Capacitaciones impartidas" });
    await register.getByRole("button", { name: "Registrar una capacitación" }).click();
    const dialog = page.getByRole("dialog", { name: "Registrar una capacitación" });
    await dialog.getByLabel("Fecha").fill(`${lastYear}-02-12`);
    await dialog.getByLabel("Tema").fill("Protección de datos personales");
    await dialog.getByLabel("Horas").fill("3");
    await dialog.getByLabel("Dirigida a").fill("Personal de ventanilla");
    await dialog.getByLabel("Personas capacitadas").fill("24");
    await dialog.getByRole("button", { name: "Registrar" }).click();
    await register.getByRole("row", { name: /Protección de datos personales/ }).waitFor();

    await navLink(page, "Mi municipio").click();
    await page.getByRole("heading", { name: /Mi municipio: Toluca/ }).waitFor();
    await page.locator('tr[data-tool="M2"]').first().getByRole("link").click();
    await page.getByRole("heading", { name: /^M2 · / }).waitFor();
    await page.getByRole("link", { name: "Ir a los indicadores" }).click();
    await page.getByRole("heading", { name: "Adoptar la batería de indicadores" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Targets for every indicator but portal visits, left out with its reason.
    await page.getByLabel("Primer año de reporte").selectOption(String(lastYear));
    const visits = page.getByRole("group", { name: /^IND10 · / });
    await visits.getByLabel("No aplica al municipio").check();
    await visits.getByLabel("Por qué no aplica IND10").fill("El portal no tiene analítica web.");
    const targets = page.getByLabel(/^Meta de IND/);
    for (let i = 0; i < (await targets.count()); i++) {
      await targets.nth(i).fill("80");
    }
    await page.getByRole("button", { name: "Adoptar la batería" }).click();
    await page.getByRole("heading", { name: "Batería adoptada" }).waitFor();
    await page.getByText("11 de 12 indicadores", { exact: false }).waitFor();

    // Two periods: fill every value and send each.
    for (const label of [`1.er trimestre ${lastYear}`, `2.º trimestre ${lastYear}`]) {
      await page.getByRole("link", { name: `Capturar ${label}` }).click();
      await page.getByRole("heading", { name: `Indicadores · ${label}` }).waitFor();
      const values = page.getByLabel(/^Valor de IND/);
      await values.first().waitFor();
      for (let i = 0; i < (await values.count()); i++) {
        await values.nth(i).fill(String(70 + i));
      }
      const people = page.getByTestId("register-figure-IND09");
      const firstQuarter = label.startsWith("1.er");
      if (firstQuarter) {
        // The register's figures, with what they rest on, taken with one click each.
        await people.getByText(/1 sesión de R2 .*\(3 h, 24 personas\).*cuenta dos veces/).waitFor();
        await page
          .getByRole("button", { name: "Usar el dato del registro (24 personas) en IND09" })
          .click();
        expect(await page.getByLabel("Valor de IND09 (personas)").inputValue()).toBe("24");
        await people.getByRole("status").getByText("El valor es el dato del registro.").waitFor();
        await page.getByRole("button", { name: /^Usar el dato del registro .* en IND08$/ }).click();
        expect(await page.getByLabel("Valor de IND08 (capacitaciones)").inputValue()).toBe("1");
      } else {
        await people.getByText(/no tiene sesiones con fecha del 01\/04\//).waitFor();
        expect(await people.getByRole("button").count()).toBe(0);
      }
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Enviar el periodo" }).click();
      await page.getByText("Reportado con atraso").first().waitFor();
      if (firstQuarter) {
        await page
          .getByRole("row", { name: /IND09 · Personas capacitadas/ })
          .getByText("24 personas")
          .waitFor();
      }
      await page.getByRole("link", { name: "Volver a los indicadores" }).click();
      await page.getByRole("heading", { name: "Periodos por reportar" }).waitFor();
    }

    // A sent period is corrected with a reason; the previous value stays in view.
    await page.getByRole("link", { name: `Ver 2.º trimestre ${lastYear}` }).click();
    await page.getByRole("button", { name: "Corregir valores enviados" }).click();
    await page.getByLabel("Valor corregido de IND01 (solicitudes)").fill("75");
    await page.getByLabel("Motivo de la corrección").fill("Faltaban las solicitudes por correo.");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Guardar la corrección" }).click();
    await page.getByText(/antes 70 solicitudes, ahora 75 solicitudes/).waitFor();
    await page.getByRole("link", { name: "Volver a los indicadores" }).click();
    await page.getByRole("heading", { name: "Periodos por reportar" }).waitFor();

    // The series: each indicator's chart with its figures and traffic light in a table.
    const series = page.getByRole("figure").filter({ hasText: "IND02 · Solicitudes respondidas" });
    await series.getByText("Ver la serie en una tabla").click();
    await series.getByRole("row", { name: new RegExp(`1.er trimestre ${lastYear}`) }).waitFor();
    expect(await series.getByRole("row").count()).toBe(3);
    await series.getByText("Lejos de la meta").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await signOut(page, liaison.name);

    // Staff compare the region.
    const reviewer = server.accounts.reviewer;
    await signInAs(page, reviewer);
    await clickNavLink(page, "Indicadores");
    await page
      .getByRole("heading", { name: "Indicadores de desempeño: comparación regional" })
      .waitFor();
    await page.getByRole("row", { name: /Toluca/ }).waitFor();
    await page.getByText("Ver la comparación en una tabla").click();
    await page
      .getByRole("cell", { name: "Mediana" })
      .or(page.getByRole("columnheader", { name: "Mediana" }))
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await signOut(page, reviewer.name);
  }, 300_000);
});
