import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareDates, localDateOf } from "../src/domain/dates.js";
import { deadlineFor, openCycles } from "../src/domain/deadlines.js";
import { pdfText } from "../src/server/test/pdf.js";
import { samplePdf } from "../src/server/test/samples.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";
import { navLink, sendToReview, signInAs } from "./session.js";

/**
 * Toluca's agreement was signed on 16/11/2022, years before the test's clock: its yearly plan R2
 * has several cycles, every one already due was missed. The liaison delivers the latest due one,
 * the reviewer validates it: it counts (late), while the earlier cycles stay missed on the report
 * card and on the public page.
 */
describe("a missed yearly cycle", () => {
  let server: E2eServer;
  let liaison: E2eBrowser;
  let reviewer: E2eBrowser;
  let dir: string;
  let planPdf: string;

  beforeAll(async () => {
    server = await startServer();
    [liaison, reviewer] = await Promise.all([launchBrowser(), launchBrowser()]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-yearly-"));
    planPdf = path.join(dir, "plan-capacitacion.pdf");
    fs.writeFileSync(planPdf, await samplePdf("Plan anual de capacitación interna de Toluca"));
  });

  afterAll(async () => {
    await liaison?.close();
    await reviewer?.close();
    await server?.close();
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("shows the missed cycles on the report card and the public page after a later one is validated", async () => {
    const { accounts, baseUrl } = server;
    const l = liaison.page;
    const r = reviewer.page;
    const signedOn = "2022-11-16";
    const today = localDateOf(new Date());
    const annual = { kind: "annual", label: "Anual" } as const;
    const opened = openCycles(signedOn, today);
    const due = Array.from({ length: opened }, (_, i) => i + 1).filter(
      (cycle) => compareDates(deadlineFor(annual, signedOn, cycle) as string, today) < 0,
    );
    const lastDue = Math.max(...due);
    const missed = due.filter((cycle) => cycle !== lastDue);
    expect(missed.length).toBeGreaterThan(0);

    // The liaison opens R2's latest due cycle, uploads the plan and submits it.
    await l.goto(`${baseUrl}/modelo`);
    await signInAs(l, accounts.liaison);
    await navLink(l, "Mi municipio").click();
    await l.getByRole("heading", { name: /Mi municipio: Toluca/ }).waitFor();
    const row = l.locator('tr[data-tool="R2"]').filter({ hasText: `Ciclo ${lastDue}` });
    await row.getByRole("link").click();
    await l.getByRole("heading", { name: /^R2 · / }).waitFor();
    const upload = l.getByRole("form", { name: "Subir un documento" });
    await upload.getByLabel("Archivo").setInputFiles(planPdf);
    await upload.getByRole("button", { name: "Subir documento" }).click();
    await l.locator('tr[data-evidence-version="1"]').waitFor();
    await sendToReview(l);
    const toolUrl = l.url();

    // The reviewer validates it.
    await r.goto(`${baseUrl}/modelo`);
    await signInAs(r, accounts.reviewer);
    await r.goto(toolUrl);
    await r.getByRole("form", { name: "Decisión de la revisión" }).waitFor();
    await r.getByRole("radio", { name: "Validar" }).check();
    await r.getByRole("button", { name: "Registrar decisión" }).click();
    await r.locator(".page-header").getByText("Validada").waitFor();

    // The liaison issues a report card: R2 validated, its missed cycles named, the history listed.
    await navLink(l, "Mi municipio").click();
    await l.getByRole("button", { name: "Emitir cédula de avance" }).click();
    const [download] = await Promise.all([
      l.waitForEvent("download"),
      l.getByRole("link", { name: "Descargar la cédula (PDF)" }).click(),
    ]);
    const text = await pdfText(fs.readFileSync((await download.path()) as string));
    const missedLabel =
      missed.length === 1
        ? `Vencida (ciclo ${missed[0]})`
        : `Vencida (ciclos ${missed.slice(0, -1).join(", ")} y ${missed.at(-1)})`;
    expect(text).toContain("Ciclos anuales");
    expect(text).toContain(`Validada; ${missedLabel}`);
    expect(text).toContain(`R2 ciclo ${missed[0]}`);
    expect(text).toContain("Con retraso");

    // The public page: R2 validated, and the missed cycles still shown.
    await l.goto(`${baseUrl}/publico/municipios/15106`);
    const publicRow = l.locator('tr[data-tool="R2"]');
    await publicRow.getByText("Validada").waitFor();
    await publicRow.getByText(missedLabel).waitFor();
    expect(await publicRow.textContent()).toContain(`ciclo ${lastDue}`);
  });
});
