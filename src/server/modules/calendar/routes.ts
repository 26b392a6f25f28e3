import {
  CalendarFeedCreated,
  CalendarFeedParams,
  CalendarFeedStatus,
} from "../../../contracts/calendar.js";
import { IdParams } from "../../../contracts/common.js";
import { notFound } from "../../lib/errors.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf, hashToken, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { attachmentHeader, cleanFileName } from "../evidence/file-name.js";
import { getInstitution } from "../institution/service.js";
import { getVisibleAction } from "../support-actions/queries.js";
import { actionsCalendar, ICS_MIME } from "./ics.js";
import { findFeed, findFeedOwner, loadFeedActions, withRelations } from "./queries.js";
import { createOrRotateFeed, revokeFeed } from "./service.js";

const tags = ["calendario"];
/** Calendar clients poll a subscribed feed; once an hour is plenty for meetings and trainings. */
const FEED_REFRESH_SECONDS = 3600;

export async function calendarRoutes(app: App): Promise<void> {
  const route = routesOf(app, tags);
  const { db, now, config } = app.deps;

  route.get(
    "/api/support-actions/:id/calendar.ics",
    "Una acción de acompañamiento como evento de calendario (iCalendar)",
    { params: IdParams },
    async (request, reply) => {
      const { user } = requireUser(request);
      const action = await getVisibleAction(db, request.params.id, user);
      const [events, institution] = await Promise.all([
        withRelations(db, [action]),
        getInstitution(db),
      ]);
      const body = actionsCalendar(events, {
        name: `${institution.shortName} · Acompañamiento`,
        publicUrl: config.publicUrl,
        method: "publish",
        now: now(),
      });
      return reply
        .type(ICS_MIME)
        .header(
          "content-disposition",
          attachmentHeader(cleanFileName(`${action.title}.ics`, "ics")),
        )
        .header("cache-control", "private, no-store")
        .send(body);
    },
  );

  route.get(
    "/api/calendar/feed",
    "Si la persona tiene un calendario privado (la dirección no se vuelve a mostrar)",
    { response: { 200: CalendarFeedStatus } },
    async (request) => {
      const feed = await findFeed(db, requireUser(request).user.id);
      return { active: feed !== null, createdAt: feed?.createdAt.toISOString() ?? null };
    },
  );

  route.post(
    "/api/calendar/feed",
    "Crear o reemplazar la dirección del calendario privado (se muestra una sola vez)",
    { response: { 200: CalendarFeedCreated } },
    async (request) => {
      const { user } = requireUser(request);
      const feed = await createOrRotateFeed(db, user, actorOf(request), now());
      const url = `${config.publicUrl}/api/calendar/${feed.token}.ics`;
      return {
        url,
        webcalUrl: url.replace(/^https?:\/\//, "webcal://"),
        createdAt: feed.createdAt.toISOString(),
        replaced: feed.replaced,
      };
    },
  );

  route.delete(
    "/api/calendar/feed",
    "Revocar el calendario privado",
    {},
    async (request, reply) => {
      await revokeFeed(db, requireUser(request).user, actorOf(request));
      return reply.code(204).send();
    },
  );

  app.get(
    "/api/calendar/:token.ics",
    {
      schema: {
        tags,
        summary:
          "Calendario privado (sin sesión: la dirección es la credencial). Enlace o colaborador: las acciones que invitan a su municipio; personal: las que imparte o creó.",
        params: CalendarFeedParams,
      },
      // The address is a credential: keep it out of the request log.
      logLevel: "warn",
    },
    async (request, reply) => {
      const owner = await findFeedOwner(db, hashToken(request.params.token));
      if (!owner) {
        throw notFound("El calendario no existe o fue revocado.");
      }
      const [events, institution] = await Promise.all([
        loadFeedActions(db, owner, now()),
        getInstitution(db),
      ]);
      const body = actionsCalendar(events, {
        name: `${institution.shortName} · Acompañamiento`,
        publicUrl: config.publicUrl,
        refreshSeconds: FEED_REFRESH_SECONDS,
        now: now(),
      });
      return reply
        .type(ICS_MIME)
        .header("cache-control", "private, no-cache")
        .header("x-robots-tag", "noindex")
        .send(body);
    },
  );
}
