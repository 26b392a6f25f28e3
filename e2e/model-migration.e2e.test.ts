import { describe, expect, it } from "vitest";
import type { ModelVersionDetail } from "../src/contracts/model.js";
import type { ToolInstance } from "../src/contracts/participation.js";
import { addMonths, localDateOf } from "../src/domain/dates.js";
import type { Tool } from "../src/domain/model.js";
import { signInAs, withServerAndBrowser } from "./session.js";

/** dd/mm/aaaa, as the interface shows dates. */
const shown = (date: string) => date.split("-").reverse().join("/");
const PARTICIPANTS = [
  { cvegeo: "15001", name: "Acambay de Ruíz Castañeda" },
  { cvegeo: "15002", name: "Acolman" },
];

describe("moving participants to a new model version", () => {
  const context = withServerAndBrowser();

  it("an admin publishes a version with M5 added and M3 removed, previews two participants and moves them", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const login = await server.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: server.accounts.admin.email, password: server.accounts.admin.password },
    });
    const cookie = login.cookies.find((c) => c.name === "mrtm_session")?.value;
    const headers = {
      cookie: `mrtm_session=${cookie}`,
      "x-csrf-token": (JSON.parse(login.body) as { csrfToken: string }).csrfToken,
    };
    const names: string[] = [];
    for (const { cvegeo } of PARTICIPANTS) {
      const registered = await server.app.inject({
        method: "POST",
        url: "/api/agreements",
        headers,
        payload: { municipality: cvegeo, signedOn: "2026-01-15", cohort: "Cohorte 2026" },
      });
      expect(registered.statusCode).toBe(201);
      names.push((registered.json() as { municipality: { name: string } }).municipality.name);
    }
    // Version 2 through the editor's API: M3 out, M5 in (due six months after a move).
    const draft = (
      await server.app.inject({ method: "POST", url: "/api/model/versions", headers })
    ).json() as ModelVersionDetail;
    const m = draft.content.dimensions.find((d) => d.code === "M");
    const m3 = m?.tools.find((t) => t.code === "M3") as Tool;
    if (!m) {
      throw new Error("M missing");
    }
    m.tools = [
      ...m.tools.filter((t) => t.code !== "M3"),
      {
        ...m3,
        code: "M5",
        name: "Informe de rendición de cuentas",
        period: { kind: "months", months: 6, label: "6 meses" },
        template: null,
      },
    ];
    const saved = await server.app.inject({
      method: "PUT",
      url: `/api/model/versions/${draft.id}`,
      headers,
      payload: { content: draft.content, expectedRevision: draft.revision },
    });
    expect(saved.statusCode).toBe(200);

    await page.goto(`${server.baseUrl}/modelo`);
    await signInAs(page, server.accounts.admin);
    await page.goto(`${server.baseUrl}/modelo/editor/${draft.id}`);
    await page.getByRole("button", { name: "Publicar", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Publicar" }).click();
    await page.getByText(/Se publicó la versión/).waitFor();

    const panel = page.getByRole("region", { name: "Mover participantes a esta versión" });
    for (const name of names) {
      await panel.getByRole("checkbox", { name: new RegExp(`^${name} \\(versión 1\\)`) }).check();
    }
    await panel.getByRole("button", { name: "Ver qué cambia" }).click();
    const deadline = shown(addMonths(localDateOf(new Date()), 6));
    for (const name of names) {
      const plan = panel.getByRole("article", { name: `Cambios para ${name}` });
      await plan.getByRole("heading", { name: `${name}: de la versión 1 a la 2` }).waitFor();
      await plan.getByRole("heading", { name: "Herramientas que se conservan (17)" }).waitFor();
      await plan.getByRole("heading", { name: "Nuevas, con su plazo (1)" }).waitFor();
      await plan.getByText(`M5 Informe de rendición de cuentas: plazo ${deadline}`).waitFor();
      await plan.getByRole("heading", { name: "Archivadas (1)" }).waitFor();
      await plan.getByText(/^M3 .+ \(pendiente de elaboración\)$/).waitFor();
    }
    await panel.getByRole("button", { name: "Mover 2 municipios a la versión 2" }).click();
    await panel.getByText("Se movieron 2 municipios a la versión 2").waitFor();

    await panel.getByRole("link", { name: names[0] }).click();
    await page.getByText("Versión 2").first().waitFor();
    const row = page.getByRole("row", { name: /M5/ }).first();
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain(deadline);
    expect(await page.getByRole("row", { name: /\bM3\b/ }).count()).toBe(0);

    const tools = (await (
      await page.request.get(
        `${server.baseUrl}/api/municipalities/${PARTICIPANTS[1]?.cvegeo}/tools`,
      )
    ).json()) as ToolInstance[];
    expect(tools.find((t) => t.tool === "M5")?.deadline).toBe(
      addMonths(localDateOf(new Date()), 6),
    );
  });
});
