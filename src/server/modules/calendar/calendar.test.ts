import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { CalendarFeedCreated, CalendarFeedStatus } from "../../../contracts/calendar.js";
import {
  calendarFeeds,
  supportActionFacilitators,
  supportActionInvitations,
  supportActions,
  supportActionTools,
  users,
} from "../../db/schema/index.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import {
  registerTestAgreement,
  type Session,
  signedIn,
  type TestUser,
} from "../../test/factories.js";
import { supportActionPath } from "../notifications/paths.js";

// A fixed "now": 10 Jan 2024 at noon in Mexico City (UTC-6, no daylight saving time since 2022).
const NOW = new Date("2024-01-10T18:00:00Z");
const ctx = setUpTestApp({ now: () => NOW });
let liaison: { user: TestUser; session: Session };
let otherLiaison: { user: TestUser; session: Session };
let facilitator: { user: TestUser; session: Session };
let otherReviewer: { user: TestUser; session: Session };
let admin: { user: TestUser; session: Session };
const ids = { training: "", meeting: "", old: "" };

async function insertAction(values: {
  title: string;
  startsAt: Date;
  type?: "training" | "working_meeting";
  createdBy: string;
  facilitators: string[];
  invited: string[];
  tools: string[];
  status?: "planned" | "cancelled";
}): Promise<string> {
  const db = ctx.handle.db;
  const [action] = await db
    .insert(supportActions)
    .values({
      type: values.type ?? "training",
      title: values.title,
      description: "Revisaremos los requisitos mínimos.",
      startsAt: values.startsAt,
      durationMinutes: 120,
      modality: "hybrid",
      place: "Sala de capacitación, Toluca",
      link: "https://reuniones.example.org/politica",
      status: values.status ?? "planned",
      cancelReason: values.status === "cancelled" ? "Cambio de agenda" : null,
      createdBy: values.createdBy,
      createdAt: new Date("2023-12-20T17:00:00Z"),
      updatedAt: new Date("2023-12-21T17:00:00Z"),
    })
    .returning({ id: supportActions.id });
  const id = action?.id ?? "";
  await db
    .insert(supportActionFacilitators)
    .values(values.facilitators.map((userId) => ({ actionId: id, userId })));
  await db
    .insert(supportActionInvitations)
    .values(values.invited.map((municipalityCvegeo) => ({ actionId: id, municipalityCvegeo })));
  await db
    .insert(supportActionTools)
    .values(values.tools.map((toolCode) => ({ actionId: id, toolCode })));
  return id;
}

beforeAll(async () => {
  for (const [municipality, cohort] of [
    ["15106", "Cohorte 2022"],
    ["15054", "Cohorte 2022"],
    ["15003", "Cohorte 2023"],
  ] as const) {
    await registerTestAgreement(ctx.handle.db, municipality, { cohort, now: NOW });
  }
  liaison = await signedIn(ctx.app, "liaison", { municipality: "15106" });
  otherLiaison = await signedIn(ctx.app, "liaison", { municipality: "15003" });
  facilitator = await signedIn(ctx.app, "reviewer");
  otherReviewer = await signedIn(ctx.app, "reviewer");
  admin = await signedIn(ctx.app, "admin");
  // 15 Feb 2024, 10:00 in Mexico City = 16:00 UTC.
  ids.training = await insertAction({
    title: "Política de transparencia",
    startsAt: new Date("2024-02-15T16:00:00Z"),
    createdBy: facilitator.user.id,
    facilitators: [facilitator.user.id],
    invited: ["15106", "15054"],
    tools: ["E2", "C4"],
  });
  ids.meeting = await insertAction({
    title: "Seguimiento de Metepec",
    type: "working_meeting",
    startsAt: new Date("2024-03-05T17:30:00Z"),
    createdBy: admin.user.id,
    facilitators: [otherReviewer.user.id],
    invited: ["15054"],
    tools: ["R4"],
  });
  // 15 Jun 2022, 10:00 in Mexico City, then on daylight saving time (UTC-5) = 15:00 UTC.
  ids.old = await insertAction({
    title: "Primera sesión",
    startsAt: new Date("2022-06-15T15:00:00Z"),
    createdBy: facilitator.user.id,
    facilitators: [facilitator.user.id],
    invited: ["15106"],
    tools: ["E2"],
  });
});

const get = (url: string, session: Session | null) =>
  ctx.app.inject({ method: "GET", url, headers: session ? { cookie: session.cookie } : {} });

interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  description: string;
  location: string;
  url: string;
  status: string;
  tzid: string | null;
  localStart: string;
  start: string;
  end: string;
  stamp: string;
}

/** Parses iCalendar text with ical.js (an independent parser), resolving its own VTIMEZONEs. */
function parseCalendar(text: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const stamp = component.getFirstPropertyValue("dtstamp") as ICAL.Time;
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: String(component.getFirstPropertyValue("url")),
      status: String(component.getFirstPropertyValue("status")),
      tzid: component.getFirstProperty("dtstart")?.getParameter("tzid") as string | null,
      localStart: event.startDate.toString(),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      // ical.js writes a "Z" only for UTC times.
      stamp: stamp.toString(),
    };
  });
  return { calendar, events };
}

async function actionIcs(id: string, session: Session) {
  const response = await get(`/api/support-actions/${id}/calendar.ics`, session);
  expect(response.statusCode).toBe(200);
  return { response, ...parseCalendar(response.body) };
}

describe("GET /api/support-actions/:id/calendar.ics", () => {
  it("should give an invited liaison one VEVENT with Mexico City times and a VTIMEZONE", async () => {
    const { response, calendar, events } = await actionIcs(ids.training, liaison.session);
    expect(response.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(response.headers["content-disposition"]).toContain(
      'filename="Politica de transparencia.ics"',
    );
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getAllSubcomponents("vtimezone")[0]?.getFirstPropertyValue("tzid")).toBe(
      "America/Mexico_City",
    );
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      uid: `support-action-${ids.training}@mrtm`,
      sequence: 0,
      summary: "Capacitación: Política de transparencia",
      location: "Sala de capacitación, Toluca",
      url: `${ctx.config.publicUrl}${supportActionPath(ids.training)}`,
      status: "CONFIRMED",
      tzid: "America/Mexico_City",
      localStart: "2024-02-15T10:00:00",
      start: "2024-02-15T16:00:00.000Z",
      end: "2024-02-15T18:00:00.000Z",
      // DTSTAMP in UTC: when the action was last revised.
      stamp: "2023-12-21T17:00:00Z",
    });
    expect(event?.description).toContain("Capacitación · Híbrida");
    expect(event?.description).toContain("Herramientas: E2 Política de Transparencia");
    expect(event?.description).toContain("C4 Política de datos abiertos");
    expect(event?.description).toContain("Municipios invitados: Metepec, Toluca");
    expect(event?.description).toContain("Enlace de conexión: https://reuniones.example.org");
  });

  it("should convert times of the daylight-saving years correctly (June 2022 was UTC-5)", async () => {
    const { events } = await actionIcs(ids.old, liaison.session);
    expect(events[0]).toMatchObject({
      localStart: "2022-06-15T10:00:00",
      start: "2022-06-15T15:00:00.000Z",
      end: "2022-06-15T17:00:00.000Z",
    });
  });

  it("should let staff download any action and the invited municipality's collaborators too", async () => {
    const collaborator = await signedIn(ctx.app, "collaborator", { municipality: "15106" });
    for (const session of [collaborator.session, otherReviewer.session, admin.session]) {
      expect(
        (await get(`/api/support-actions/${ids.training}/calendar.ics`, session)).statusCode,
      ).toBe(200);
    }
  });

  it("should answer 404 to a municipality that is not invited, and 401 without a session", async () => {
    const hidden = await get(
      `/api/support-actions/${ids.training}/calendar.ics`,
      otherLiaison.session,
    );
    expect(hidden.statusCode).toBe(404);
    expect(errorCode(hidden)).toBe("not_found");
    const missing = await get(
      "/api/support-actions/00000000-0000-4000-8000-000000000000/calendar.ics",
      admin.session,
    );
    expect(missing.statusCode).toBe(404);
    expect((await get(`/api/support-actions/${ids.training}/calendar.ics`, null)).statusCode).toBe(
      401,
    );
  });
});

describe("calendar updates through the support-action service", () => {
  it("should bump SEQUENCE on an edit and say CANCELLED after a cancellation, keeping the UID", async () => {
    const created = await ctx.send("POST", "/api/support-actions", facilitator.session, {
      type: "advisory",
      title: "Asesoría sobre datos abiertos",
      date: "2024-04-02",
      time: "09:30",
      durationMinutes: 60,
      modality: "virtual",
      link: "https://reuniones.example.org/datos",
      facilitatorIds: [facilitator.user.id],
      tools: ["C4"],
      invited: ["15106"],
    });
    expect(created.statusCode).toBe(201);
    const id = json<{ id: string }>(created).id;
    const first = (await actionIcs(id, liaison.session)).events[0];
    expect(first).toMatchObject({
      sequence: 0,
      localStart: "2024-04-02T09:30:00",
      start: "2024-04-02T15:30:00.000Z",
      location: "https://reuniones.example.org/datos",
      status: "CONFIRMED",
    });

    const edited = await ctx.send("PATCH", `/api/support-actions/${id}`, facilitator.session, {
      time: "11:00",
      expectedRevision: 0,
    });
    expect(edited.statusCode).toBe(200);
    const second = (await actionIcs(id, liaison.session)).events[0];
    expect(second).toMatchObject({
      uid: first?.uid,
      sequence: 1,
      localStart: "2024-04-02T11:00:00",
    });

    const cancelled = await ctx.send(
      "POST",
      `/api/support-actions/${id}/cancel`,
      facilitator.session,
      { reason: "La sala no está disponible", expectedRevision: 1 },
    );
    expect(cancelled.statusCode).toBe(200);
    const third = (await actionIcs(id, liaison.session)).events[0];
    expect(third).toMatchObject({ uid: first?.uid, sequence: 2, status: "CANCELLED" });
    expect(third?.summary).toBe("CANCELADA: Asesoría sobre datos abiertos");
    expect(third?.description).toContain("Estado: Cancelada (La sala no está disponible)");
  });
});

describe("the private calendar feed", () => {
  const feedStatus = async (session: Session) =>
    json<CalendarFeedStatus>(await get("/api/calendar/feed", session));
  const createFeed = async (session: Session) => {
    const response = await ctx.send("POST", "/api/calendar/feed", session);
    expect(response.statusCode).toBe(200);
    return json<CalendarFeedCreated>(response);
  };
  const feedPath = (url: string) => new URL(url).pathname;

  it("should start without a feed and create one whose address is shown once", async () => {
    expect(await feedStatus(liaison.session)).toEqual({ active: false, createdAt: null });
    const feed = await createFeed(liaison.session);
    expect(feed.url).toMatch(
      new RegExp(`^${ctx.config.publicUrl}/api/calendar/[A-Za-z0-9_-]{43}\\.ics$`),
    );
    expect(feed.webcalUrl).toBe(feed.url.replace(/^https?:/, "webcal:"));
    expect(feed.replaced).toBe(false);
    expect(await feedStatus(liaison.session)).toEqual({
      active: true,
      createdAt: NOW.toISOString(),
    });
    // Only the token's SHA-256 is stored, and the audit trail never sees the token.
    const token = /\/api\/calendar\/(.+)\.ics$/.exec(feed.url)?.[1] ?? "";
    const [stored] = await ctx.handle.db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, liaison.user.id));
    expect(stored?.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    const audit = await auditEventsOf(ctx.handle.db, "calendar_feed.created");
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("should list, without a session, the actions that invite the liaison's municipality", async () => {
    const feed = await createFeed(liaison.session);
    const response = await get(feedPath(feed.url), null);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const { calendar, events } = parseCalendar(response.body);
    expect(calendar.getFirstPropertyValue("method")).toBeNull();
    // Subscribed calendars are asked to refresh hourly (FEED_REFRESH_SECONDS), in both spellings.
    expect(String(calendar.getFirstPropertyValue("refresh-interval"))).toBe("PT1H");
    expect(String(calendar.getFirstPropertyValue("x-published-ttl"))).toBe("PT1H");
    const uids = events.map((event) => event.uid);
    // The training invites Toluca; the meeting only Metepec; the 2022 session is over a year old.
    expect(uids).toContain(`support-action-${ids.training}@mrtm`);
    expect(uids).not.toContain(`support-action-${ids.meeting}@mrtm`);
    expect(uids).not.toContain(`support-action-${ids.old}@mrtm`);
    // The advisory cancelled above stays in the feed, so subscribed calendars drop it.
    const cancelled = events.find((event) => event.status === "CANCELLED");
    expect(cancelled?.summary).toContain("Asesoría sobre datos abiertos");
    for (const event of events) {
      expect(event.tzid).toBe("America/Mexico_City");
    }
  });

  it("should give staff the actions they facilitate or created, not every action", async () => {
    const uidsOf = async (session: Session) => {
      const feed = await createFeed(session);
      const { events } = parseCalendar((await get(feedPath(feed.url), null)).body);
      return events.map((event) => event.uid.replace(/^support-action-|@mrtm$/g, ""));
    };
    expect(await uidsOf(otherReviewer.session)).toEqual([ids.meeting]);
    expect(await uidsOf(admin.session)).toEqual([ids.meeting]);
    const mine = await uidsOf(facilitator.session);
    expect(mine).toContain(ids.training);
    expect(mine).not.toContain(ids.meeting);
  });

  it("should replace the address on rotation: the old one answers 404 at once", async () => {
    const before = await createFeed(otherLiaison.session);
    const after = await createFeed(otherLiaison.session);
    expect(after.replaced).toBe(true);
    expect(after.url).not.toBe(before.url);
    expect((await get(feedPath(before.url), null)).statusCode).toBe(404);
    const fresh = await get(feedPath(after.url), null);
    expect(fresh.statusCode).toBe(200);
    // Aculco is invited to nothing: an empty, valid calendar.
    expect(parseCalendar(fresh.body).events).toEqual([]);
  });

  it("should revoke the feed: 204, then 404 for its address and for a second revocation", async () => {
    const feed = await createFeed(otherLiaison.session);
    const revoke = () => ctx.send("DELETE", "/api/calendar/feed", otherLiaison.session);
    expect((await revoke()).statusCode).toBe(204);
    expect((await get(feedPath(feed.url), null)).statusCode).toBe(404);
    expect(await feedStatus(otherLiaison.session)).toEqual({ active: false, createdAt: null });
    const again = await revoke();
    expect(again.statusCode).toBe(404);
    expect(errorCode(again)).toBe("not_found");
  });

  it("should answer 404 for a deactivated user's feed and for an unknown token", async () => {
    const person = await signedIn(ctx.app, "collaborator", { municipality: "15106" });
    const feed = await createFeed(person.session);
    expect((await get(feedPath(feed.url), null)).statusCode).toBe(200);
    await ctx.handle.db.update(users).set({ active: false }).where(eq(users.id, person.user.id));
    expect((await get(feedPath(feed.url), null)).statusCode).toBe(404);
    expect(
      (await get("/api/calendar/no-existe-este-calendario-para-nadie.ics", null)).statusCode,
    ).toBe(404);
  });

  it("should end the feed when an admin changes its owner's municipality or role", async () => {
    const admin = await signedIn(ctx.app, "admin");
    for (const patch of [{ municipality: "15054" }, { role: "reviewer", municipality: null }]) {
      const person = await signedIn(ctx.app, "liaison", { municipality: "15106" });
      const feed = await createFeed(person.session);
      expect((await get(feedPath(feed.url), null)).statusCode).toBe(200);
      const changed = await ctx.send("PATCH", `/api/users/${person.user.id}`, admin.session, patch);
      expect(changed.statusCode, JSON.stringify(patch)).toBe(200);
      expect((await get(feedPath(feed.url), null)).statusCode).toBe(404);
      const [revoked] = await auditEventsOf(ctx.handle.db, "calendar_feed.revoked", {
        entityId: person.user.id,
      });
      expect(revoked?.actorId).toBe(admin.user.id);
    }
  });

  it("should require a session (and its CSRF token) to see, create or revoke a feed", async () => {
    expect((await get("/api/calendar/feed", null)).statusCode).toBe(401);
    const noToken = await ctx.app.inject({
      method: "POST",
      url: "/api/calendar/feed",
      headers: { cookie: liaison.session.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(errorCode(noToken)).toBe("csrf_failed");
  });
});
