import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolInstance } from "../src/contracts/participation.js";
import { DEMO_MUNICIPALITY, seedDemoProgress } from "../src/server/seed/demo-progress.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";

/**
 * The visual check: for each role, its main pages at a phone's 360 px, a tablet's 768 px, a laptop's
 * 1366 px and a wide desktop's 1920 px, on
 * the demo progress (twenty municipalities, every state, long lists): a screenshot under
 * test-results/layout/ to look at, no sideways scrolling, nothing of the page under the header,
 * the header's own pieces (brand, bell, menu button, account) apart and on screen, and the staff
 * navigation in one row on the desktop. The institution has a wide logo (5:1), the shape that
 * leaves the header's names the least room. One browser; one context per role.
 */
const WIDTHS = [360, 768, 1366, 1920] as const;
/** A screen's height for each width: a phone, a tablet upright, a laptop, a full-HD desktop. */
const HEIGHTS: Record<(typeof WIDTHS)[number], number> = {
  360: 740,
  768: 1024,
  1366: 768,
  1920: 1080,
};
const SHOTS = path.resolve(import.meta.dirname, "../test-results/layout");

type Role = "public" | "liaison" | "collaborator" | "reviewer" | "admin";

let server: E2eServer;
let browser: E2eBrowser;
let toolId = "";

const TOLUCA = `/municipios/${DEMO_MUNICIPALITY}`;

function pagesOf(role: Role): string[] {
  switch (role) {
    case "public":
      return [
        "/",
        "/publico/clasificacion",
        `/publico${TOLUCA}`,
        "/modelo",
        "/municipios",
        "/datos-abiertos",
        "/metodologia",
        "/verificar",
        "/iniciar-sesion",
      ];
    case "liaison":
      return [
        TOLUCA,
        `/herramientas/${toolId}`,
        "/notificaciones",
        "/acompanamiento",
        "/acompanamiento/acuerdos",
        `${TOLUCA}/diagnostico`,
        `${TOLUCA}/plan-de-mejora`,
        `${TOLUCA}/proyectos`,
      ];
    case "collaborator":
      return [TOLUCA, `/herramientas/${toolId}`, "/notificaciones"];
    case "reviewer":
      return [
        "/tablero",
        "/revision",
        "/brechas",
        "/convenios",
        "/acompanamiento",
        "/acompanamiento/efectividad",
        TOLUCA,
        "/notificaciones",
      ];
    case "admin":
      return [
        "/usuarios",
        "/convenios",
        "/modelo/editor",
        "/institucion",
        "/bitacora",
        "/correo-saliente",
      ];
  }
}

/** A PNG of one colour, `width` × `height`: a logo of that shape. */
function solidPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x9b)]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

interface LayoutReport {
  scrollWidth: number;
  clientWidth: number;
  /** Elements of the page drawn over the header. */
  underHeader: string[];
  /** Pieces of the header that overlap each other or leave the screen. */
  headerClashes: string[];
  /** The distinct rows of the main navigation (desktop). */
  navRows: number;
}

/** Measures the page as it is drawn, scrolled to the top. */
function measure(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    window.scrollTo(0, 0);
    const root = document.scrollingElement as Element;
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${Array.from(element.classList).join(".")}`;
    const header = document.querySelector(".site-header") as HTMLElement;
    const bar = header.getBoundingClientRect();
    const underHeader = Array.from(document.querySelectorAll("main *"))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.top < bar.bottom - 1;
      })
      .slice(0, 5)
      .map(describe);
    const pieces = [".brand", ".bell", ".nav-toggle", ".site-nav__account"]
      .map((selector) => header.querySelector(selector))
      .filter((element): element is Element => {
        if (!element) {
          return false;
        }
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
      });
    const headerClashes: string[] = [];
    pieces.forEach((piece, index) => {
      const a = piece.getBoundingClientRect();
      if (a.left < -1 || a.right > root.clientWidth + 1) {
        headerClashes.push(`${describe(piece)} leaves the screen`);
      }
      for (const other of pieces.slice(index + 1)) {
        const b = other.getBoundingClientRect();
        const apart =
          a.right <= b.left + 1 ||
          b.right <= a.left + 1 ||
          a.bottom <= b.top + 1 ||
          b.bottom <= a.top + 1;
        if (!apart) {
          headerClashes.push(`${describe(piece)} overlaps ${describe(other)}`);
        }
      }
    });
    const items = Array.from(document.querySelectorAll(".site-nav__list > li")).filter(
      (item) => item.getBoundingClientRect().height > 0,
    );
    const navRows = new Set(items.map((item) => Math.round(item.getBoundingClientRect().top))).size;
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      underHeader,
      headerClashes,
      navRows,
    };
  });
}

async function signedIn(role: Role): Promise<BrowserContext> {
  const context = await browser.browser.newContext({
    locale: "es-MX",
    timezoneId: "America/Mexico_City",
    viewport: { width: WIDTHS[0], height: 740 },
  });
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(120_000);
  if (role !== "public") {
    const account = server.accounts[role];
    const response = await context.request.post(`${server.baseUrl}/api/auth/login`, {
      data: { email: account.email, password: account.password },
    });
    expect(response.status()).toBe(200);
  }
  return context;
}

beforeAll(async () => {
  server = await startServer();
  const { db, blobs, config } = server.app.deps;
  fs.mkdirSync(config.uploadTempDir, { recursive: true });
  await seedDemoProgress(db, { blobs, tempDir: config.uploadTempDir, now: new Date() });
  const admin = await server.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: server.accounts.admin.email, password: server.accounts.admin.password },
  });
  const logo = await server.app.inject({
    method: "PUT",
    url: "/api/institution/logo",
    headers: {
      cookie: `mrtm_session=${admin.cookies.find((c) => c.name === "mrtm_session")?.value}`,
      "x-csrf-token": (JSON.parse(admin.body) as { csrfToken: string }).csrfToken,
      "content-type": "image/png",
    },
    payload: solidPng(600, 120),
  });
  expect(logo.statusCode).toBe(200);
  browser = await launchBrowser();
  fs.mkdirSync(SHOTS, { recursive: true });
  const context = await signedIn("liaison");
  const tools = (await (
    await context.request.get(`${server.baseUrl}/api/municipalities/${DEMO_MUNICIPALITY}/tools`)
  ).json()) as ToolInstance[];
  await context.close();
  // A tool returned with observations: the tool page at its fullest.
  toolId = (tools.find((tool) => tool.state === "changes_requested") ?? tools[0])?.id ?? "";
  expect(toolId).not.toBe("");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(["public", "liaison", "collaborator", "reviewer", "admin"] as const)(
  "the pages of the %s at 360, 768, 1366 and 1920 px",
  (role) => {
    it("fit the screen, keep clear of the header and are photographed", async () => {
      const context = await signedIn(role);
      const page = await context.newPage();
      const problems: string[] = [];
      try {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: HEIGHTS[width] });
          for (const pathname of pagesOf(role)) {
            await page.goto(`${server.baseUrl}${pathname}`);
            await page.locator("main h1").first().waitFor();
            await page.waitForFunction(
              () => document.querySelectorAll("main .loading").length === 0,
            );
            const name = `${role}-${width}${pathname.replaceAll("/", "_") || "_"}.png`;
            await page.screenshot({ path: path.join(SHOTS, name) });
            const report = await measure(page);
            const where = `${pathname} at ${width} px`;
            if (report.scrollWidth > report.clientWidth) {
              problems.push(`${where}: ${report.scrollWidth} px wide`);
            }
            for (const element of report.underHeader) {
              problems.push(`${where}: ${element} under the header`);
            }
            for (const clash of report.headerClashes) {
              problems.push(`${where}: ${clash}`);
            }
            if (width >= 1366 && (role === "reviewer" || role === "admin") && report.navRows > 1) {
              problems.push(`${where}: the navigation takes ${report.navRows} rows`);
            }
          }
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  },
);
