import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance } from "../src/contracts/participation.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";
import { accountMenu, signInAs } from "./session.js";

/**
 * Accessibility in Chromium: axe-core on every public page and the main staff and municipal
 * pages (no serious or critical violation), the main controls reachable with Tab and showing
 * where the focus is, and no sideways scrolling of public pages on a 360 px wide phone.
 */
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let server: E2eServer;
let visitor: E2eBrowser;
let toolId: string;
let cardCode: string;

/** Opens a page and waits until its content (not a loading message) is on screen. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await page.locator("main h1").first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll("main .loading").length === 0);
}

/** axe-core's serious and critical violations on the current page, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (rightly) refuses
  // the inline <script> that page.addScriptTag would add, and the policy stays on while axe runs.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<unknown> } })
      .axe;
    const results = (await axe.run(document)) as { violations: AxeViolation[] };
    return results.violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join("; ")}`,
    );
}

const PUBLIC_PAGES = [
  { name: "the portal's home", path: "/" },
  { name: "the portal at /publico", path: "/publico" },
  { name: "the whole ranking", path: "/publico/clasificacion" },
  { name: "a participating municipality", path: "/publico/municipios/15106" },
  { name: "a municipality without agreement", path: "/publico/municipios/15054" },
  { name: "the model", path: "/modelo" },
  { name: "the open data", path: "/datos-abiertos" },
  { name: "the methodology of the index", path: "/metodologia" },
  { name: "the municipalities' catalogue", path: "/municipios" },
  { name: "the sign-in page", path: "/iniciar-sesion" },
  { name: "the report-card verification", path: "/verificar" },
];

beforeAll(async () => {
  server = await startServer();
  visitor = await launchBrowser();
  const login = await server.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: server.accounts.reviewer.email, password: server.accounts.reviewer.password },
  });
  const cookie = login.cookies.find((c) => c.name === "mrtm_session")?.value;
  const tools = JSON.parse(
    (
      await server.app.inject({
        method: "GET",
        url: "/api/municipalities/15106/tools",
        headers: { cookie: `mrtm_session=${cookie}` },
      })
    ).body,
  ) as ToolInstance[];
  toolId = tools.find((tool) => tool.tool === "E2")?.id ?? "";
  const card = await server.app.inject({
    method: "POST",
    url: "/api/municipalities/15106/report-cards",
    headers: {
      cookie: `mrtm_session=${cookie}`,
      "x-csrf-token": (JSON.parse(login.body) as { csrfToken: string }).csrfToken,
    },
  });
  cardCode = (JSON.parse(card.body) as { code: string }).code;
});
afterAll(async () => {
  await visitor?.close();
  await server?.close();
});

describe("axe-core finds no serious or critical violation", () => {
  it("(the check itself reports what it should: an unlabelled field and an image without text)", async () => {
    await open(visitor.page, "/");
    await visitor.page.evaluate(() => {
      const main = document.querySelector("main");
      main?.insertAdjacentHTML("beforeend", '<input type="text"><img src="/nada.png">');
    });
    const found = await seriousViolations(visitor.page);
    expect(found.some((line) => line.startsWith("label "))).toBe(true);
    expect(found.some((line) => line.startsWith("image-alt "))).toBe(true);
  });

  for (const { name, path } of PUBLIC_PAGES) {
    it(`on ${name} (${path})`, async () => {
      await open(visitor.page, path);
      expect(await seriousViolations(visitor.page)).toEqual([]);
    });
  }

  it("on a report card's verification (/verificar and /verificar/:code)", async () => {
    await open(visitor.page, "/verificar");
    expect(await seriousViolations(visitor.page)).toEqual([]);
    await open(visitor.page, `/verificar/${cardCode}`);
    await visitor.page.getByText("Cédula auténtica").waitFor();
    expect(await seriousViolations(visitor.page)).toEqual([]);
  });

  it("on the staff pages: dashboard, review queue, gap matrix, support, municipality, tool, agreements", async () => {
    const staff = await launchBrowser();
    try {
      const { page } = staff;
      await page.goto(`${server.baseUrl}/iniciar-sesion`);
      await page.getByLabel("Correo electrónico").fill(server.accounts.reviewer.email);
      await page.getByLabel("Contraseña", { exact: true }).fill(server.accounts.reviewer.password);
      await page.getByRole("button", { name: "Entrar" }).click();
      await accountMenu(page, server.accounts.reviewer.name).waitFor();
      const found: Record<string, string[]> = {};
      for (const path of [
        "/",
        "/revision",
        "/municipios/15106",
        `/herramientas/${toolId}`,
        "/convenios",
        "/notificaciones",
        "/brechas",
        "/cuenta/calendario",
        "/tablero",
        "/acompanamiento",
        "/acompanamiento/nueva",
        "/acompanamiento/sugerencias",
        "/acompanamiento/acuerdos",
        "/acompanamiento/efectividad",
      ]) {
        await open(page, path);
        found[path] = await seriousViolations(page);
      }
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((path) => [path, []])));
    } finally {
      await staff.close();
    }
  });

  it("on the municipality's own pages: its tools, the diagnostic and a tool", async () => {
    const liaison = await launchBrowser();
    try {
      const { page } = liaison;
      await page.goto(`${server.baseUrl}/modelo`);
      await signInAs(page, server.accounts.liaison);
      const found: Record<string, string[]> = {};
      for (const path of [
        "/municipios/15106",
        "/municipios/15106/diagnostico",
        `/herramientas/${toolId}`,
        "/cuenta/calendario",
      ]) {
        await open(page, path);
        found[path] = await seriousViolations(page);
      }
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((path) => [path, []])));
    } finally {
      await liaison.close();
    }
  });
});

/** What has the focus: its role-ish description and whether a focus indicator is drawn. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) {
      return null;
    }
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none";
    return {
      tag: element.tagName.toLowerCase(),
      text: (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 60),
      href: element.getAttribute("href"),
      type: element.getAttribute("type"),
      visibleFocus: outline || shadow,
    };
  });
}

describe("keyboard", () => {
  it("reaches the portal's main controls with Tab, each with a visible focus indicator", async () => {
    const { page } = visitor;
    await open(page, "/");
    await page.locator("table.ranking").waitFor();
    const reached: NonNullable<Awaited<ReturnType<typeof focused>>>[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const now = await focused(page);
      if (now) {
        reached.push(now);
      }
    }
    const has = (predicate: (f: (typeof reached)[number]) => boolean) => reached.some(predicate);
    expect(has((f) => f.text === "Saltar al contenido")).toBe(true);
    expect(has((f) => f.href === "/modelo")).toBe(true);
    expect(has((f) => f.href === "/datos-abiertos")).toBe(true);
    expect(has((f) => f.text === "Iniciar sesión")).toBe(true);
    expect(has((f) => f.tag === "input" && f.type === "search")).toBe(true);
    expect(has((f) => f.href === "/publico/municipios/15106")).toBe(true);
    const invisible = reached.filter((f) => !f.visibleFocus);
    expect(invisible).toEqual([]);
  });

  it("opens a municipality from the search with the keyboard alone", async () => {
    const { page } = visitor;
    await open(page, "/");
    const search = page.getByRole("searchbox", { name: "Busque su municipio" });
    await search.focus();
    await page.keyboard.type("tolu");
    await page.locator(".public-search__results a").first().waitFor();
    await page.keyboard.press("Tab");
    expect((await focused(page))?.href).toBe("/publico/municipios/15106");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Toluca" }).waitFor();
    // The new page's content takes the focus, as a page load would.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("contenido");
  });
});

describe("a phone 360 px wide", () => {
  it("never scrolls a public page sideways", async () => {
    const phone = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const widths: Record<string, number> = {};
      for (const { path } of PUBLIC_PAGES) {
        await open(phone.page, path);
        widths[path] = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      }
      expect(widths).toEqual(Object.fromEntries(PUBLIC_PAGES.map(({ path }) => [path, 360])));
    } finally {
      await phone.close();
    }
  });
});
