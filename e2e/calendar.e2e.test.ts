import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../src/server/db/schema/index.js";
import { SYSTEM_ACTOR } from "../src/server/lib/audit.js";
import { createSupportAction } from "../src/server/modules/support-actions/service.js";
import type { AuthUser } from "../src/server/plugins/auth.js";
import { type E2eBrowser, type E2eServer, launchBrowser, startServer } from "./harness.js";
import { accountMenu, signIn } from "./session.js";

describe("a liaison subscribing to their private calendar", () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let actionId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // A training that invites Toluca (the demo liaison's municipality), facilitated by the reviewer.
    const db = server.app.deps.db;
    const reviewer = (await db.select().from(users)).find((u) => u.role === "reviewer");
    if (!reviewer) {
      throw new Error("no demo reviewer");
    }
    const staff: AuthUser = {
      id: reviewer.id,
      email: reviewer.email,
      name: reviewer.name,
      role: "reviewer",
      municipality: null,
      mustChangePassword: false,
      designatedLiaison: false,
    };
    const nextYear = new Date().getUTCFullYear() + 1;
    actionId = await createSupportAction(
      db,
      {
        type: "training",
        title: "Capacitación en datos abiertos",
        description: "",
        date: `${nextYear}-02-10`,
        time: "10:00",
        durationMinutes: 90,
        modality: "virtual",
        place: null,
        link: "https://reuniones.example.org/datos",
        facilitatorIds: [reviewer.id],
        tools: ["C4"],
        invited: ["15106"],
      },
      staff,
      SYSTEM_ACTOR,
      new Date(),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("creates the address from the account menu, reads the feed with it, then revokes it", async () => {
    const { page } = browser;
    const liaison = server.accounts.liaison;
    await page.goto(`${server.baseUrl}/modelo`);
    await signIn(page, liaison.email, liaison.password);
    await accountMenu(page, liaison.name).click();
    await page.getByRole("link", { name: "Calendario" }).click();
    await page.getByRole("heading", { name: "Calendario", level: 1 }).waitFor();
    await page.getByText("No tiene una dirección de calendario.").waitFor();

    await page.getByRole("button", { name: "Crear mi dirección de calendario" }).click();
    const field = page.getByLabel("Dirección del calendario");
    await field.waitFor();
    const address = await field.inputValue();
    expect(address).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await page.getByText(/Tiene una dirección activa, creada el \d{2}\/\d{2}\/\d{4}/).waitFor();

    // A calendar application fetches the address without any session.
    const feedUrl = `${server.baseUrl}${new URL(address).pathname}`;
    const response = await fetch(feedUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    for (const zone of calendar.getAllSubcomponents("vtimezone")) {
      ICAL.TimezoneService.register(zone);
    }
    const [event] = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(event?.summary).toBe("Capacitación en datos abiertos");
    expect(event?.startDate.toString()).toMatch(/-02-10T10:00:00$/);
    expect(event?.startDate.toJSDate().toISOString()).toMatch(/-02-10T16:00:00\.000Z$/);

    await page.getByRole("button", { name: "Revocar" }).click();
    await page.getByRole("button", { name: "Sí, revocar" }).click();
    await page.getByText("No tiene una dirección de calendario.").waitFor();
    expect((await fetch(feedUrl)).status).toBe(404);
  });

  it("downloads one action as an .ics from the action's page", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/acompanamiento/acciones/${actionId}`);
    await page.getByRole("heading", { name: "Capacitación en datos abiertos", level: 1 }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Agregar a mi calendario (.ics)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Capacitación en datos abiertos.ics");
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
    }
    const calendar = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString("utf8")));
    const [event] = calendar.getAllSubcomponents("vevent");
    expect(event?.getFirstPropertyValue("uid")).toBe(`support-action-${actionId}@mrtm`);
    expect(event?.getFirstPropertyValue("status")).toBe("CONFIRMED");
  });
});
