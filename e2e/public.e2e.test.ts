import fs from "node:fs";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance, ToolInstanceDetail } from "../src/contracts/participation.js";
import { multipartBody, samplePdf } from "../src/server/test/samples.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";

/** A phone: what most citizens hold when they look their municipality up. */
const PHONE = { width: 360, height: 740 };
const DOCUMENT = "Política de Transparencia de Toluca.pdf";

let server: E2eServer;
let browser: E2eBrowser;
let published: Buffer;

/** Signs in through the API (as the platform's own screens would) and returns the session headers. */
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

/**
 * Toluca publishes its transparency policy: the demo liaison uploads it as public and submits it,
 * the demo reviewer validates it. A second, private file goes in the same submission.
 */
async function publishTolucaPolicy(): Promise<void> {
  const liaison = await apiSession(server.accounts.liaison.email, server.accounts.liaison.password);
  const reviewer = await apiSession(
    server.accounts.reviewer.email,
    server.accounts.reviewer.password,
  );
  const tools = JSON.parse(
    (
      await server.app.inject({
        method: "GET",
        url: "/api/municipalities/15106/tools",
        headers: liaison,
      })
    ).body,
  ) as ToolInstance[];
  const e2 = tools.find((tool) => tool.tool === "E2");
  const url = `/api/tool-instances/${e2?.id}`;
  published = await samplePdf("Política de Transparencia y Acceso a la Información de Toluca");
  for (const [name, bytes, isPublic] of [
    [DOCUMENT, published, true],
    ["Borrador interno.pdf", await samplePdf("Borrador interno"), false],
  ] as const) {
    const body = multipartBody(name, bytes);
    const uploaded = await server.app.inject({
      method: "POST",
      url: `${url}/evidence?public=${isPublic}`,
      headers: { ...liaison, ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(201);
  }
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

/**
 * Clicks a municipality on the map where it really is: a point inside its outline (the centre of
 * its bounding box may fall on a neighbour), as a finger would.
 */
async function tapOnMap(page: Page, area: Locator): Promise<void> {
  await area.scrollIntoViewIfNeeded();
  const point = await area.evaluate((path: SVGPathElement) => {
    const box = path.getBBox();
    const svg = path.ownerSVGElement as SVGSVGElement;
    const toScreen = svg.getScreenCTM() as DOMMatrix;
    // Scan inward from the centre of the box for a point of the shape's fill that it owns.
    for (let step = 0; step <= 20; step++) {
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ] as const) {
        const x = box.x + box.width / 2 + (dx * step * box.width) / 40;
        const y = box.y + box.height / 2 + (dy * step * box.height) / 40;
        const inside = new DOMPoint(x, y);
        if (!path.isPointInFill(inside)) {
          continue;
        }
        const screen = inside.matrixTransform(toScreen);
        if (document.elementFromPoint(screen.x, screen.y) === path) {
          return { x: screen.x, y: screen.y };
        }
      }
    }
    return null;
  });
  expect(point, "a visible point inside the municipality").not.toBeNull();
  await page.mouse.click(point?.x ?? 0, point?.y ?? 0);
}

beforeAll(async () => {
  server = await startServer();
  await publishTolucaPolicy();
  browser = await launchBrowser({ viewport: PHONE });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a citizen on a phone", () => {
  it("clicks Toluca on the public map, lands on its page and downloads its published document", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole("heading", { level: 1, name: /Avance de los municipios/ }).waitFor();
    // The ranking lists Toluca (the only participant) with its index.
    const row = page.locator('table.ranking tr[data-cvegeo="15106"]');
    await row.waitFor();
    expect(await row.textContent()).toMatch(/^1Toluca\d+\.\d %$/);

    const toluca = page.locator('path[data-cvegeo="15106"]');
    await toluca.waitFor();
    expect(await toluca.getAttribute("class")).toMatch(/public-map__area--\d/);
    expect(await page.locator('path[data-cvegeo="15054"]').getAttribute("class")).toContain(
      "public-map__area--none",
    );
    await tapOnMap(page, toluca);

    await page.waitForURL(`${server.baseUrl}/publico/municipios/15106`);
    await page.getByRole("heading", { level: 1, name: "Toluca" }).waitFor();
    const tools = page.locator("tr[data-tool]");
    await tools.first().waitFor();
    expect(await tools.count()).toBe(18);
    expect(await page.locator('tr[data-tool="E2"]').textContent()).toContain("Validada");
    // Nothing of the private file, the liaison or the reviewer on the page.
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toContain("Borrador interno");
    expect(text).not.toContain(server.accounts.liaison.name);
    expect(text).not.toContain(server.accounts.reviewer.name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );

    const link = page.getByRole("link", { name: DOCUMENT });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(DOCUMENT);
    const saved = await download.path();
    expect(fs.readFileSync(saved).equals(published)).toBe(true);
  });

  it("reads the home's heading and text from the HTML alone, where the app then keeps them", async () => {
    // Where the text sits in the page's content (the header above grows once the institution's
    // name arrives, on every page, which is not the pre-rendering's doing).
    const box = async (page: Page) => {
      const lead = page.locator("main .hero__lead");
      await lead.waitFor();
      const [text, main] = await Promise.all([
        lead.boundingBox(),
        page.locator("main").boundingBox(),
      ]);
      return text && main ? { ...text, y: text.y - main.y } : null;
    };
    // Without JavaScript: the pre-rendered first screen of the portal.
    const bare = await browser.context.browser()?.newContext({
      viewport: PHONE,
      javaScriptEnabled: false,
    });
    const noScript = await bare?.newPage();
    if (!bare || !noScript) {
      throw new Error("no browser context");
    }
    await noScript.goto(`${server.baseUrl}/`);
    expect(await noScript.locator("main h1").textContent()).toBe(
      "Avance de los municipios en el Modelo Regional de Transparencia Municipal",
    );
    const before = await box(noScript);
    await bare.close();
    // With JavaScript: the app's own render, once the ranking is in, at the same place.
    const { page } = browser;
    await page.goto(`${server.baseUrl}/`);
    await page.locator("table.ranking").waitFor();
    expect(await box(page)).toEqual(before);
  });

  it("hydrates the pre-rendered home: the app adopts its markup, with no mismatch", async () => {
    const context = await browser.context.browser()?.newContext({ viewport: PHONE });
    if (!context) {
      throw new Error("no browser context");
    }
    context.setDefaultTimeout(120_000);
    // Before any of the page's scripts: keep the first heading the HTML parser inserts.
    await context.addInitScript(() => {
      const seen = window as unknown as { shellHeading?: Element };
      new MutationObserver((_records, observer) => {
        const heading = document.querySelector("main h1");
        if (heading) {
          seen.shellHeading = heading;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    const complaints: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") {
        complaints.push(message.text());
      }
    });
    page.on("pageerror", (error) => complaints.push(error.message));
    try {
      await page.goto(`${server.baseUrl}/`);
      // The figures arrive through the app: it is running, and has rendered since.
      await page.locator("table.ranking").waitFor();
      const kept = await page.evaluate(() => {
        const heading = (window as unknown as { shellHeading?: Element }).shellHeading;
        return heading?.isConnected === true && heading === document.querySelector("main h1");
      });
      expect(kept).toBe(true);
      expect(complaints).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("asks for the stylesheet alone before the first paint, then for the code and first reads once each", async () => {
    const context = await browser.context.browser()?.newContext({ viewport: PHONE });
    if (!context) {
      throw new Error("no browser context");
    }
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(new URL(request.url()).pathname));
    const complaints: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") {
        complaints.push(message.text());
      }
    });
    try {
      const response = await page.goto(`${server.baseUrl}/`);
      // The first reads are preloaded by the boot module, after the first paint, not in a header.
      expect(response?.headers().link).toBeUndefined();
      const html = (await response?.text()) ?? "";
      const head = html.slice(0, html.indexOf("</head>"));
      await page.locator("table.ranking").waitFor();
      // What the HTML itself names: the stylesheet, then the boot module; nothing else.
      expect(head.match(/<(link|script)\b[^>]*>/g)).toEqual([
        expect.stringMatching(/^<link rel="stylesheet" crossorigin href="\/assets\/[\w-]+\.css">$/),
        expect.stringMatching(
          /^<script type="module" crossorigin src="\/assets\/portal-boot-[0-9a-f]{8}\.js">$/,
        ),
      ]);
      // The app's own requests took the preloaded answers and chunks: nothing asked twice.
      const twice = requests.filter((url, index) => requests.indexOf(url) !== index);
      expect(twice.filter((url) => url !== "/api/health")).toEqual([]);
      for (const read of ["/api/auth/session", "/api/institution"]) {
        expect(requests).toContain(read);
      }
      expect(complaints).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("finds the open data from the home and downloads the municipalities' CSV", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole("main").getByRole("link", { name: "Datos abiertos" }).click();
    await page.getByRole("heading", { level: 1, name: "Datos abiertos" }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Descargar CSV: Avance por municipio" }).click(),
    ]);
    const csv = fs.readFileSync(await download.path(), "utf8");
    // A byte-order mark first, so Excel reads the accents as UTF-8.
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n").filter(Boolean);
    expect(lines[0]).toMatch(/^cvegeo,municipio,participa,cohorte,fecha_convenio,/);
    expect(lines).toHaveLength(126);
    expect(lines.find((line) => line.startsWith("15106,"))).toMatch(
      /^15106,Toluca,true,Cohorte 2022,2022-11-16,\d+(\.\d)?,1,/,
    );
  });

  it("checks a printed report card's code: a genuine one shows what it said, a made-up one does not", async () => {
    const reviewer = await apiSession(
      server.accounts.reviewer.email,
      server.accounts.reviewer.password,
    );
    const issued = await server.app.inject({
      method: "POST",
      url: "/api/municipalities/15106/report-cards",
      headers: reviewer,
    });
    expect(issued.statusCode).toBe(201);
    const { code } = JSON.parse(issued.body) as { code: string };

    const { page } = browser;
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole("main").getByRole("link", { name: "Verificar una cédula" }).click();
    await page.getByRole("heading", { level: 1, name: "Verificar una cédula de avance" }).waitFor();
    await page.getByLabel("Código de verificación").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Verificar" }).click();
    await page.getByText("Cédula auténtica").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/verificar/${code}`);
    expect(await page.getByRole("heading", { level: 2 }).first().textContent()).toBe(
      "Lo que decía la cédula de Toluca",
    );
    expect(await page.locator('tr[data-tool="E2"]').textContent()).toContain("Validada");
    expect(await page.locator("tr[data-tool]").count()).toBe(18);

    await page.getByLabel("Código de verificación").fill("0000-0000-0000-0000");
    await page.getByRole("button", { name: "Verificar" }).click();
    await page.getByText("Código no encontrado").waitFor();
    expect(await page.getByText("Cédula auténtica").count()).toBe(0);
  });

  it("finds a municipality without agreement with the search and reads «sin convenio»", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole("searchbox", { name: "Busque su municipio" }).fill("metepec");
    await page.getByRole("link", { name: "Metepec" }).click();
    await page.getByRole("heading", { level: 1, name: "Metepec" }).waitFor();
    await page.getByText("Sin convenio", { exact: true }).waitFor();
  });

  it("searches what a visitor typed before the page's script had run", async () => {
    const { page } = browser;
    // A slow phone: the rendered home is on screen and typed into before its script arrives.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const boot = "**/assets/portal-boot-*.js";
    let heldBack = 0;
    await page.route(boot, async (route) => {
      heldBack++;
      await held;
      await route.continue();
    });
    try {
      await page.goto(`${server.baseUrl}/`, { waitUntil: "commit" });
      await page.getByRole("searchbox", { name: "Busque su municipio" }).fill("metepec");
      // Typed while the script was held: were it not, the app would already run and this test
      // would prove nothing.
      expect(heldBack).toBe(1);
    } finally {
      release();
    }
    await page.getByRole("link", { name: "Metepec" }).click();
    await page.unroute(boot);
    await page.getByRole("heading", { level: 1, name: "Metepec" }).waitFor();
    await page.getByText("Sin convenio", { exact: true }).waitFor();
  });
});
