import { sql } from "drizzle-orm";
import { describe, it } from "vitest";
import { clickNavLink, signInAs, withServerAndBrowser } from "./session.js";

describe("the audit page shows the hash chain's state", () => {
  const context = withServerAndBrowser();

  it("shows an intact chain with its last hash, then the first broken event after tampering", async () => {
    const { server, browser } = context;
    const { page } = browser;
    const admin = server.accounts.admin;
    await page.goto(`${server.baseUrl}/`);
    await signInAs(page, admin);

    await clickNavLink(page, "Bitácora");
    await page.getByRole("heading", { name: "Integridad de la bitácora" }).waitFor();
    const intact = page.getByRole("status").filter({ hasText: "Cadena íntegra" });
    await intact.waitFor();
    await intact.getByText(/Último hash \(posición \d+\):/).waitFor();
    await intact.getByRole("button", { name: "Copiar hash" }).waitFor();

    // Someone with database access edits an event behind the application's back.
    const db = server.app.deps.db;
    await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    try {
      await db.execute(sql`update audit_events set actor_label = 'nadie' where chain_seq = 1`);
    } finally {
      await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    }

    await page.getByRole("button", { name: "Verificar de nuevo" }).click();
    const broken = page.getByRole("alert").filter({ hasText: "Cadena rota: Evento modificado" });
    await broken.waitFor();
    await broken
      .getByText(/El evento en la posición 1 \(id \d+\) no coincide con su hash/)
      .waitFor();
  });
});
