import { IdParams } from "../../../contracts/common.js";
import {
  MarkAllReadResult,
  Notification,
  NotificationList,
  NotificationListQuery,
  NotificationPreferences,
  OutboxList,
  OutboxMessageDetail,
  OutboxQuery,
  UnreadCount,
  UpdatePreferencesRequest,
} from "../../../contracts/notifications.js";
import { canAdminister } from "../../../domain/policy.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { setPublicUrl } from "./links.js";
import {
  countUnread,
  getOutboxHtml,
  getOutboxMessage,
  getPreferences,
  listNotifications,
  listOutbox,
  presentNotification,
} from "./queries.js";
import { markAllRead, markRead, retryOutboxMessage, savePreferences } from "./service.js";

/** The notification centre, each person's e-mail preferences, and the mail outbox for admins. */
export async function notificationRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["notificaciones"]);
  const { db, now, config } = app.deps;
  // E-mails link to the web app at its public address (MRTM_PUBLIC_URL).
  setPublicUrl(config.publicUrl);

  route.get(
    "/api/notifications",
    "Mis notificaciones: sin leer primero, luego las más recientes",
    { querystring: NotificationListQuery, response: { 200: NotificationList } },
    async (request) => {
      const { user } = requireUser(request);
      const { page, pageSize, unread } = request.query;
      return listNotifications(db, user, { page, pageSize, unreadOnly: unread === "true" });
    },
  );

  route.get(
    "/api/notifications/unread-count",
    "Cuántas notificaciones sin leer tengo (para el encabezado)",
    { response: { 200: UnreadCount } },
    async (request) => ({ unread: await countUnread(db, requireUser(request).user.id) }),
  );

  route.post(
    "/api/notifications/:id/read",
    "Marcar como leída una notificación propia",
    { params: IdParams, response: { 200: Notification } },
    async (request) => {
      const { user } = requireUser(request);
      return presentNotification(
        await markRead(db, request.params.id, user, actorOf(request), now()),
      );
    },
  );

  route.post(
    "/api/notifications/read-all",
    "Marcar como leídas todas mis notificaciones",
    { response: { 200: MarkAllReadResult } },
    async (request) => {
      const { user } = requireUser(request);
      return { updated: await markAllRead(db, user, actorOf(request), now()) };
    },
  );

  route.get(
    "/api/notification-preferences",
    "Qué avisos recibo también por correo",
    { response: { 200: NotificationPreferences } },
    async (request) => getPreferences(db, requireUser(request).user),
  );

  route.put(
    "/api/notification-preferences",
    "Elegir qué avisos recibo por correo (en la aplicación se muestran todos)",
    { body: UpdatePreferencesRequest, response: { 200: NotificationPreferences } },
    async (request) => {
      const { user } = requireUser(request);
      await savePreferences(db, user, request.body.preferences, actorOf(request));
      return getPreferences(db, user);
    },
  );

  route.get(
    "/api/mail-outbox",
    "Correo saliente: cada correo enviado, por enviar, fallido o retenido",
    { querystring: OutboxQuery, response: { 200: OutboxList } },
    async (request) => listOutbox(db, request.query, config.mail !== null),
    canAdminister,
  );

  route.getById(
    "/api/mail-outbox/:id",
    "Un correo saliente con su texto",
    OutboxMessageDetail,
    (id) => getOutboxMessage(db, id),
    canAdminister,
  );

  route.get(
    "/api/mail-outbox/:id/html",
    "La versión HTML de un correo saliente (para verla dentro de la página)",
    { params: IdParams },
    async (request, reply) => {
      const html = await getOutboxHtml(db, request.params.id);
      // Shown in a sandboxed frame of our own page: no scripts, nothing loaded from elsewhere.
      return reply
        .header("content-type", "text/html; charset=utf-8")
        .header(
          "content-security-policy",
          "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
        )
        .header("x-frame-options", "SAMEORIGIN")
        .header("cache-control", "no-store")
        .send(html);
    },
    canAdminister,
  );

  route.post(
    "/api/mail-outbox/:id/retry",
    "Volver a intentar un correo fallido o retenido",
    { params: IdParams, response: { 200: OutboxMessageDetail } },
    async (request) => {
      await retryOutboxMessage(
        db,
        request.params.id,
        config.mail !== null,
        actorOf(request),
        now(),
      );
      return getOutboxMessage(db, request.params.id);
    },
    canAdminister,
  );
}
