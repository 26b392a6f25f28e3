/**
 * Announcements (issue 17, item 5): staff write to every liaison, a cohort or chosen
 * municipalities; each liaison gets it in the app and by e-mail (a real SMTP server), marks it
 * read, and staff see how many have read it.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Announcement, AnnouncementDetail } from "../../../contracts/announcements.js";
import { announcements, auditEvents, notifications } from "../../db/schema/index.js";
import { errorCode, json } from "../../test/app.js";
import { registerTestAgreement, type Session, signedIn } from "../../test/factories.js";
import { PUBLIC_URL, setUpMailTestApp } from "../../test/mail.js";
import { ATIZAPAN, METEPEC, TOLUCA } from "../../test/municipalities.js";

const ctx = setUpMailTestApp();
let reviewer: Session;
type Liaison = { session: Session; email: string; id: string };
let toluca: Liaison;
let metepec: Liaison;
let atizapan: Liaison;
let collaborator: Session;

beforeAll(async () => {
  await registerTestAgreement(ctx.handle.db, TOLUCA, { cohort: "Cohorte 2022" });
  await registerTestAgreement(ctx.handle.db, METEPEC, { cohort: "Cohorte 2023" });
  await registerTestAgreement(ctx.handle.db, ATIZAPAN, { cohort: "Cohorte 2023" });
  reviewer = (await signedIn(ctx.app, "reviewer")).session;
  const liaison = async (municipality: string) => {
    const signed = await signedIn(ctx.app, "liaison", { municipality });
    return { session: signed.session, email: signed.user.email, id: signed.user.id };
  };
  toluca = await liaison(TOLUCA);
  metepec = await liaison(METEPEC);
  atizapan = await liaison(ATIZAPAN);
  collaborator = (await signedIn(ctx.app, "collaborator", { municipality: TOLUCA })).session;
});

const send = (session: Session, payload: Record<string, unknown>) =>
  ctx.app.inject({ method: "POST", url: "/api/announcements", headers: session.headers, payload });
const list = async (session: Session) =>
  json<Announcement[]>(
    await ctx.app.inject({ method: "GET", url: "/api/announcements", headers: session.headers }),
  );

describe("announcements", () => {
  it("refuses a draft with a problem, an empty audience, and anyone but staff, sending nothing", async () => {
    const bad = await send(reviewer, { title: " ", body: "Texto", audience: "cohort" });
    expect(bad.statusCode).toBe(422);
    expect(errorCode(bad)).toBe("announcement_invalid");
    expect(json<{ error: { details: { field: string }[] } }>(bad).error.details).toEqual([
      expect.objectContaining({ field: "title" }),
      expect.objectContaining({ field: "cohort" }),
    ]);
    const aviso = { title: "Aviso", body: "Texto" };
    const nobody = await send(reviewer, { ...aviso, audience: "cohort", cohort: "Cohorte 1999" });
    expect(nobody.statusCode).toBe(422);
    expect(errorCode(nobody)).toBe("announcement_no_recipients");
    const byLiaison = await send(toluca.session, { ...aviso, audience: "all" });
    expect(byLiaison.statusCode).toBe(403);
    expect(await ctx.handle.db.select().from(announcements)).toEqual([]);
  });

  it("reaches a cohort's liaisons in the app and by e-mail, and counts who read it", async () => {
    const response = await send(reviewer, {
      title: "Capacitación de enero",
      body: "Les esperamos el 20/01/2027 a las 10:00.\n\nTraigan su diagnóstico.",
      audience: "cohort",
      cohort: "Cohorte 2023",
    });
    expect(response.statusCode).toBe(201);
    const sent = json<AnnouncementDetail>(response);
    expect(sent).toMatchObject({ recipients: 2, read: 0, cohort: "Cohorte 2023" });
    expect(sent.readers.map((reader) => reader.municipality.cvegeo).sort()).toEqual(
      [METEPEC, ATIZAPAN].sort(),
    );

    await ctx.sender.drain();
    const to = ctx.smtp.received.flatMap((mail) => mail.to);
    expect(to).toEqual(expect.arrayContaining([metepec.email, atizapan.email]));
    expect(to).not.toContain(toluca.email);
    const mail = ctx.smtp.received.find((m) => m.to.includes(metepec.email));
    expect(mail?.text).toContain("Les esperamos el 20/01/2027");
    expect(mail?.text).toContain(`${PUBLIC_URL}/avisos/${sent.id}`);

    // Toluca (another cohort) and a collaborator neither see it nor can open it.
    expect(await list(toluca.session)).toEqual([]);
    expect(await list(collaborator)).toEqual([]);
    const hidden = await ctx.app.inject({
      method: "GET",
      url: `/api/announcements/${sent.id}`,
      headers: toluca.session.headers,
    });
    expect(hidden.statusCode).toBe(404);
    const notMine = await ctx.app.inject({
      method: "POST",
      url: `/api/announcements/${sent.id}/read`,
      headers: toluca.session.headers,
    });
    expect(notMine.statusCode).toBe(404);

    // Metepec's liaison sees it unread, reads it (twice: recorded once).
    const [unread] = await list(metepec.session);
    expect(unread).toMatchObject({ id: sent.id, readAt: null });
    for (let i = 0; i < 2; i++) {
      const read = await ctx.app.inject({
        method: "POST",
        url: `/api/announcements/${sent.id}/read`,
        headers: metepec.session.headers,
      });
      expect(read.statusCode).toBe(200);
      expect(json<AnnouncementDetail>(read).readAt).not.toBeNull();
    }
    const events = await ctx.handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, sent.id));
    expect(events.map((event) => event.action).sort()).toEqual([
      "announcement.read",
      "announcement.sent",
    ]);
    // Its notice in the bell is read too.
    const notices = await ctx.handle.db
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, `announcement:${sent.id}`));
    expect(notices.find((n) => n.userId === metepec.id)?.readAt).not.toBeNull();
    expect(notices.find((n) => n.userId === atizapan.id)?.readAt).toBeNull();

    // Staff: one of two has read it.
    const [staffView] = await list(reviewer);
    expect(staffView).toMatchObject({ id: sent.id, recipients: 2, read: 1 });
    const detail = json<AnnouncementDetail>(
      await ctx.app.inject({
        method: "GET",
        url: `/api/announcements/${sent.id}`,
        headers: reviewer.headers,
      }),
    );
    expect(detail.readers.find((r) => r.municipality.cvegeo === METEPEC)?.readAt).not.toBeNull();
    expect(detail.readers.find((r) => r.municipality.cvegeo === ATIZAPAN)?.readAt).toBeNull();
    const unreadCount = await ctx.app.inject({
      method: "GET",
      url: "/api/announcements/unread",
      headers: atizapan.session.headers,
    });
    expect(json<{ unread: number }>(unreadCount).unread).toBe(1);
  });

  it("reaches the chosen municipalities, or everyone", async () => {
    ctx.smtp.received.length = 0;
    const chosen = json<AnnouncementDetail>(
      await send(reviewer, {
        title: "Reunión en Toluca",
        body: "Texto",
        audience: "municipalities",
        municipalities: [TOLUCA, TOLUCA],
      }),
    );
    expect(chosen.recipients).toBe(1);
    expect(chosen.municipalities).toEqual([{ cvegeo: TOLUCA, name: "Toluca" }]);
    const everyone = json<AnnouncementDetail>(
      await send(reviewer, { title: "Para todos", body: "Texto", audience: "all" }),
    );
    expect(everyone.recipients).toBe(3);
    await ctx.sender.drain();
    expect(ctx.smtp.received).toHaveLength(4);
  });
});
