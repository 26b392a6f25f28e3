/**
 * Issue 17, item 6 in the browser: an administrator issues the report cards of one cohort in a
 * batch from the regional dashboard, sees its progress reach the end and downloads the ZIP.
 */
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../src/server/lib/audit.js";
import { registerAgreement } from "../src/server/modules/agreements/service.js";
import { clickNavLink, signInAs, signOut, withServerAndBrowser } from "./session.js";

describe("report cards in batch", () => {
  const context = withServerAndBrowser();

  beforeAll(async () => {
    // The demo seed makes Toluca take part; Metepec and Atizapán sign as another cohort.
    for (const municipality of ["15054", "15013"]) {
      await registerAgreement(
        context.server.app.deps.db,
        { municipality, signedOn: "2023-03-01", cohort: "Cohorte lote" },
        SYSTEM_ACTOR,
        new Date(),
      );
    }
  });

  it("an administrator issues a cohort's cards, follows the progress and downloads the ZIP", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const admin = server.accounts.admin;

    await page.goto(server.baseUrl);
    await signInAs(page, admin);
    await clickNavLink(page, "Tablero");
    const section = page.getByRole("region", { name: "Emitir cédulas en lote" });
    await section.waitFor({ timeout: 30_000 });
    await section.getByLabel("Municipios").selectOption({ label: "Cohorte: Cohorte lote" });
    await section.getByRole("button", { name: "Emitir cédulas en lote" }).click();
    await section.getByText("2 de 2 cédulas").waitFor({ timeout: 60_000 });
    await section.getByText(/^Terminado:/).waitFor({ timeout: 60_000 });
    const link = section.getByRole("link", { name: "Descargar las 2 cédulas (ZIP)" });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^cedulas-cohorte-\d{4}-\d{2}-\d{2}\.zip$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) {
      chunks.push(chunk as Buffer);
    }
    const zip = await JSZip.loadAsync(Buffer.concat(chunks));
    expect(Object.keys(zip.files).sort()).toEqual([
      expect.stringMatching(/^15013-atizapan[a-z-]*\.pdf$/),
      "15054-metepec.pdf",
      "indice.csv",
    ]);
    const index = (await zip.file("indice.csv")?.async("string")) ?? "";
    expect(index).toMatch(/\/verificar\/[0-9A-F]{4}-[0-9A-F]{4}-/);
    expect(index).toContain("15054,Metepec,");
    await signOut(page, admin.name);
  });
});
