import {
  Announcement,
  AnnouncementDetail,
  SendAnnouncementRequest,
} from "../../../contracts/announcements.js";
import { IdParams } from "../../../contracts/common.js";
import { z } from "../../../contracts/zod.js";
import { canSeeOwnWork, canSendAnnouncements } from "../../../domain/policy.js";
import { actingOf } from "../../lib/acting.js";
import { routesOf } from "../../lib/operations.js";
import { authorize } from "../../lib/scope.js";
import type { App } from "../../types.js";
import { getAnnouncement, listAnnouncements, unreadAnnouncements } from "./queries.js";
import { markAnnouncementRead, sendAnnouncement } from "./service.js";

export async function announcementRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["avisos"]);
  const { db, now } = app.deps;

  route.get(
    "/api/announcements",
    "Avisos: el personal ve todos con cuántos los han leído; un enlace, los que recibió",
    { response: { 200: z.array(Announcement) } },
    async (request) => listAnnouncements(db, authorize(request, canSeeOwnWork).user),
  );

  route.get(
    "/api/announcements/unread",
    "Cuántos avisos recibidos no ha leído quien consulta",
    { response: { 200: z.object({ unread: z.number().int() }) } },
    async (request) => ({
      unread: await unreadAnnouncements(db, authorize(request, canSeeOwnWork).user),
    }),
  );

  route.post(
    "/api/announcements",
    "Enviar un aviso a los enlaces de todos los participantes, de una cohorte o de los municipios elegidos (personal)",
    { body: SendAnnouncementRequest, response: { 201: AnnouncementDetail } },
    async (request, reply) => {
      authorize(
        request,
        canSendAnnouncements,
        "Los avisos los envía el personal del órgano garante.",
      );
      const acting = actingOf(request, now);
      const id = await sendAnnouncement(db, request.body, acting);
      return reply.code(201).send(await getAnnouncement(db, id, acting.user));
    },
  );

  route.get(
    "/api/announcements/:id",
    "Un aviso (el personal, con quién lo ha leído)",
    { params: IdParams, response: { 200: AnnouncementDetail } },
    async (request) =>
      getAnnouncement(db, request.params.id, authorize(request, canSeeOwnWork).user),
  );

  route.post(
    "/api/announcements/:id/read",
    "Marcar como leído un aviso recibido",
    { params: IdParams, response: { 200: AnnouncementDetail } },
    async (request) => {
      const acting = actingOf(request, now);
      await markAnnouncementRead(db, request.params.id, acting);
      return getAnnouncement(db, request.params.id, acting.user);
    },
    canSeeOwnWork,
  );
}
