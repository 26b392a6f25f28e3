import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from "../src/domain/audit-events.js";
import { clickNavLink, signInAs, withServerAndBrowser } from "./session.js";

describe("the Bitácora reads as Spanish, in Mexico City time", () => {
  const context = withServerAndBrowser();

  it("names actions, fields and values in Spanish, with times in Mexico City wherever the browser is", async () => {
    const { server, browser } = context;
    // A browser on the other side of the world: the times shown must still be Mexico City's.
    const tokyo = await browser.browser.newContext({ locale: "es-MX", timezoneId: "Asia/Tokyo" });
    try {
      const page = await tokyo.newPage();
      // A support action rescheduled at 03:30 UTC on 15/01 (21:30 of 14/01 in Mexico City).
      await server.app.deps.db.execute(sql`
        insert into audit_events (occurred_at, actor_label, action, entity_type, entity_id, before, after)
        values ('2026-01-15T03:30:00Z', 'Revisora Reprogramadora', 'support_action.rescheduled',
          'support_action', 'accion-1',
          ${JSON.stringify({ status: "planned", startsAt: "2026-01-20T16:00:00.000Z" })}::jsonb,
          ${JSON.stringify({ status: "planned", startsAt: "2026-01-22T17:30:00.000Z", revision: 2 })}::jsonb)`);

      await page.goto(`${server.baseUrl}/`);
      await signInAs(page, server.accounts.admin);
      await clickNavLink(page, "Bitácora");
      const table = page.getByRole("table", { name: "Eventos de la bitácora" });
      await table.getByText("Inicio de sesión", { exact: true }).first().waitFor();
      const shown = await table.textContent();
      const keys = [...AUDIT_ACTIONS, ...AUDIT_ENTITY_TYPES.filter((type) => type.includes("_"))];
      for (const key of keys) {
        expect(shown).not.toContain(key);
      }

      // The filter offers the action (it was missing from the web's own list before).
      await page
        .getByLabel("Acción", { exact: true })
        .selectOption({ label: "Acción de acompañamiento reprogramada" });
      const row = table.getByRole("row").filter({ hasText: "Revisora Reprogramadora" });
      await row.waitFor();
      // Only that event once the filtered page arrives (the header row and its own).
      await expect.poll(() => table.getByRole("row").count()).toBe(2);
      await row.getByText("Acción de acompañamiento reprogramada").waitFor();
      await row.getByText("14/01/2026 21:30").waitFor();
      const record = await row.getByRole("cell").nth(2).textContent();
      expect(record).toBe("Acción de acompañamientoaccion-1");

      await row.getByRole("button", { name: "Ver cambios" }).click();
      const changes = page.getByRole("table", { name: "Cambios registrados" });
      await changes.waitFor();
      const moved = changes.getByRole("row").filter({ hasText: "Fecha y hora" });
      await moved.getByText("20/01/2026 10:00").waitFor();
      await moved.getByText("22/01/2026 11:30").waitFor();
      const status = changes.getByRole("row").filter({ hasText: "Estado" });
      await expect(status.getByText("Programada").count()).resolves.toBe(2);
      const detail = await changes.textContent();
      expect(detail).toContain("Revisión");
      for (const raw of ["startsAt", "status", "planned", "2026-01-20T16:00"]) {
        expect(detail).not.toContain(raw);
      }
    } finally {
      await tokyo.close();
    }
  });
});
