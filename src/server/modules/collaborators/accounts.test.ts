/**
 * Accounts that run themselves (issue 17): a new account's welcome e-mail, the liaison's
 * collaborators, and reviewer portfolios, through a real SMTP server.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import type { ReceivedMail } from "../../mail/test-smtp.js";
import { errorCode, json } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import {
  buildUser,
  registerTestAgreement,
  type Session,
  sentToReview,
  signedIn,
  signIn,
} from "../../test/factories.js";
import { PUBLIC_URL, setUpMailTestApp } from "../../test/mail.js";
import { sendAs } from "../../test/requests-as.js";
import { createUser } from "../users/service.js";

const OWN = "15106";
const OTHER = "15054";

const ctx = setUpMailTestApp();
let admin: Session;

beforeAll(async () => {
  admin = (await signedIn(ctx.app, "admin")).session;
});
afterEach(() => {
  ctx.smtp.received.length = 0;
});

/** Delivers the outbox and returns the one e-mail the SMTP server got for an address. */
async function deliveredTo(email: string): Promise<ReceivedMail> {
  await ctx.sender.drain();
  const mails = ctx.smtp.received.filter((mail) => mail.to.includes(email));
  expect(mails).toHaveLength(1);
  return mails[0] as ReceivedMail;
}

/** The token of a welcome link, read from the delivered e-mail. */
function welcomeToken(mail: ReceivedMail): string {
  const match = /\/crear-contrasena\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match?.[1]) {
    throw new Error("no welcome link in the e-mail");
  }
  return match[1];
}

const setPassword = (token: string, newPassword: string) =>
  ctx.app.inject({
    method: "POST",
    url: "/api/auth/password-reset/confirm",
    payload: { token, newPassword },
  });

describe("welcome e-mail", () => {
  it("sends a new account a 7-day link to create its password; the temporary password is never shown", async () => {
    const before = Date.now();
    const created = await ctx.app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.headers,
      payload: {
        email: "nueva.enlace@metepec.gob.mx",
        name: "Laura Méndez",
        role: "liaison",
        municipality: OTHER,
      },
    });
    expect(created.statusCode).toBe(201);
    const body = json<{ temporaryPassword: string | null; welcomeLinkExpiresAt: string }>(created);
    expect(body.temporaryPassword).toBeNull();
    const lifetime = new Date(body.welcomeLinkExpiresAt).getTime() - before;
    expect(lifetime).toBeGreaterThan(7 * 86_400_000 - 600_000);
    expect(lifetime).toBeLessThanOrEqual(7 * 86_400_000 + 600_000);

    const mail = await deliveredTo("nueva.enlace@metepec.gob.mx");
    expect(mail.subject).toBe("Bienvenida a MRTM: cree su contraseña");
    expect(mail.text).toContain("Hola, Laura Méndez:");
    expect(mail.text).toContain(`${PUBLIC_URL}/crear-contrasena?token=`);
    expect(mail.text).toContain("7 días");
    expect(mail.html).toContain("Crear contraseña");

    const token = welcomeToken(mail);
    const chosen = "una frase larga para entrar 2026";
    expect((await setPassword(token, chosen)).statusCode).toBe(200);
    const session = await signIn(ctx.app, {
      email: "nueva.enlace@metepec.gob.mx",
      password: chosen,
    });
    const me = await sendAs(ctx, "GET", "/api/auth/me", session);
    expect(me.json().user.mustChangePassword).toBe(false);
    // Single use.
    const again = await setPassword(token, "otra frase larga para entrar 2026");
    expect(errorCode(again)).toBe("reset_token_invalid");

    const [event] = await auditEventsOf(ctx.handle.db, "user.welcome_link_sent", {
      entityId: json<{ user: { id: string } }>(created).user.id,
    });
    expect(event?.municipalityCvegeo).toBe(OTHER);
  });

  it("shows the temporary password when no SMTP server would deliver the link", async () => {
    const created = await createUser(
      ctx.handle.db,
      {
        email: "sin.smtp@prueba.mrtm.test",
        name: "Sin SMTP",
        role: "reviewer",
        municipality: null,
      },
      SYSTEM_ACTOR,
      { publicUrl: PUBLIC_URL, now: new Date(), showTemporaryPassword: true },
    );
    expect(created.temporaryPassword).toMatch(/\S{12,}/);
    expect(created.welcomeLinkExpiresAt).not.toBeNull();
  });
});

/** The liaison's invitation of a collaborator to their municipality (OWN). */
const invite = (liaison: Session, payload: { email: string; name: string }) =>
  sendAs(ctx, "POST", `/api/municipalities/${OWN}/collaborators`, liaison, payload);

describe("a liaison's collaborators", () => {
  it("invites a collaborator who sets a password from the e-mail, then deactivates it", async () => {
    const liaison = await signedIn(ctx.app, "liaison", { municipality: OWN });
    const invited = await invite(liaison.session, {
      email: "Colabora@Toluca.gob.mx",
      name: "Pedro Ruiz",
    });
    expect(invited.statusCode).toBe(201);
    const user = json<{ user: { id: string; role: string; municipality: { cvegeo: string } } }>(
      invited,
    ).user;
    expect(user.role).toBe("collaborator");
    expect(user.municipality.cvegeo).toBe(OWN);

    const mail = await deliveredTo("colabora@toluca.gob.mx");
    const password = "pinos verdes junto al nevado 2026";
    expect((await setPassword(welcomeToken(mail), password)).statusCode).toBe(200);
    const collaborator = await signIn(ctx.app, { email: "colabora@toluca.gob.mx", password });

    const accounts = await sendAs(
      ctx,
      "GET",
      `/api/municipalities/${OWN}/accounts`,
      liaison.session,
    );
    expect(json<{ email: string }[]>(accounts).map((account) => account.email)).toContain(
      "colabora@toluca.gob.mx",
    );

    const deactivated = await sendAs(
      ctx,
      "POST",
      `/api/municipalities/${OWN}/collaborators/${user.id}/deactivate`,
      liaison.session,
    );
    expect(deactivated.statusCode).toBe(200);
    expect(json<{ active: boolean }>(deactivated).active).toBe(false);
    const after = await sendAs(ctx, "GET", "/api/auth/me", collaborator);
    expect(after.statusCode).toBe(401);
  });

  it("cannot touch another municipality's collaborator, a liaison, nor staff: not found", async () => {
    const liaison = await signedIn(ctx.app, "liaison", { municipality: OWN });
    const elsewhere = await buildUser(ctx.handle.db, "collaborator", { municipality: OTHER });
    const otherLiaison = await buildUser(ctx.handle.db, "liaison", {
      municipality: OWN,
      designated: false,
    });
    const reviewer = await buildUser(ctx.handle.db, "reviewer");
    for (const [cvegeo, id] of [
      [OWN, elsewhere.id],
      [OWN, otherLiaison.id],
      [OWN, reviewer.id],
      [OTHER, elsewhere.id],
    ]) {
      const response = await sendAs(
        ctx,
        "POST",
        `/api/municipalities/${cvegeo}/collaborators/${id}/deactivate`,
        liaison.session,
      );
      expect(response.statusCode, `${cvegeo} ${id}`).toBe(404);
    }
  });

  it("refuses an address that already has an account, in Spanish", async () => {
    const liaison = await signedIn(ctx.app, "liaison", { municipality: OWN });
    const response = await invite(liaison.session, { email: liaison.user.email, name: "Repetida" });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain("Ya existe una cuenta");
  });
});

describe("reviewer portfolios", () => {
  it("notifies the assigned reviewers of a submission (and those who opted in), and opens «Mis municipios»", async () => {
    await registerTestAgreement(ctx.handle.db, OWN);
    await registerTestAgreement(ctx.handle.db, OTHER);
    const assigned = await signedIn(ctx.app, "reviewer");
    const unassigned = await signedIn(ctx.app, "reviewer");
    const optedIn = await signedIn(ctx.app, "reviewer");
    const assign = await sendAs(ctx, "PUT", `/api/reviewer-portfolios/${assigned.user.id}`, admin, {
      municipalities: [OWN],
    });
    expect(assign.statusCode).toBe(200);
    expect(json<{ municipalities: { cvegeo: string }[] }>(assign).municipalities).toEqual([
      { cvegeo: OWN, name: "Toluca" },
    ]);
    const optIn = await sendAs(ctx, "PUT", "/api/reviewer-portfolios/me", optedIn.session, {
      notifyUnassigned: true,
    });
    expect(json<{ notifyUnassigned: boolean }>(optIn).notifyUnassigned).toBe(true);

    const submit = (cvegeo: string) => sentToReview(ctx.app, cvegeo, "E2");
    const told = async (instanceId: string) => {
      const rows = await ctx.handle.db
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(eq(notifications.link, `/herramientas/${instanceId}`));
      const ids = new Set(rows.map((row) => row.userId));
      return [assigned, unassigned, optedIn].map((reviewer) => ids.has(reviewer.user.id));
    };

    const own = await submit(OWN);
    expect(await told(own)).toEqual([true, false, true]);
    // Nobody has Metepec: every reviewer is told, as before portfolios.
    const other = await submit(OTHER);
    expect(await told(other)).toEqual([true, true, true]);

    const queue = async (reviewer: Session, scope: string) =>
      json<{ instanceId: string }[]>(
        await sendAs(ctx, "GET", `/api/review-queue?scope=${scope}`, reviewer),
      ).map((item) => item.instanceId);
    // «Mis municipios» is what each one is told of: the portfolio and the municipalities in nobody's.
    expect((await queue(assigned.session, "mine")).sort()).toEqual([own, other].sort());
    expect((await queue(assigned.session, "all")).sort()).toEqual([own, other].sort());
    expect(await queue(unassigned.session, "mine")).toEqual([other]);

    const list = await sendAs(ctx, "GET", "/api/reviewer-portfolios", admin);
    const mine = json<{ reviewer: { id: string }; municipalities: unknown[] }[]>(list).find(
      (entry) => entry.reviewer.id === assigned.user.id,
    );
    expect(mine?.municipalities).toHaveLength(1);
  });

  it("refuses an unknown municipality and a non-reviewer, changing nothing", async () => {
    const reviewer = await buildUser(ctx.handle.db, "reviewer");
    const unknown = await sendAs(ctx, "PUT", `/api/reviewer-portfolios/${reviewer.id}`, admin, {
      municipalities: [OWN, "15999"],
    });
    expect(errorCode(unknown)).toBe("validation_error");
    expect(unknown.json().error.message).toContain("15999");
    const liaison = await buildUser(ctx.handle.db, "liaison", {
      municipality: OWN,
      designated: false,
    });
    const notReviewer = await sendAs(ctx, "PUT", `/api/reviewer-portfolios/${liaison.id}`, admin, {
      municipalities: [OWN],
    });
    expect(notReviewer.statusCode).toBe(404);
    const portfolio = await sendAs(ctx, "GET", "/api/reviewer-portfolios", admin);
    const entry = json<{ reviewer: { id: string }; municipalities: unknown[] }[]>(portfolio).find(
      (item) => item.reviewer.id === reviewer.id,
    );
    expect(entry?.municipalities).toEqual([]);
  });
});
