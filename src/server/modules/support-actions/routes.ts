import type { FastifyRequest } from "fastify";
import { IdParams, Uuid } from "../../../contracts/common.js";
import {
  AttendeeRequest,
  CancelSupportActionRequest,
  Commitment,
  CommitmentList,
  CommitmentQuery,
  CommitmentStatusRequest,
  CreateCommitmentRequest,
  CreateSupportActionRequest,
  Effectiveness,
  EffectivenessQuery,
  HoldSupportActionRequest,
  MinutesRequest,
  RescheduleSupportActionRequest,
  StaffMember,
  Suggestions,
  SupportActionDetail,
  SupportActionList,
  SupportActionQuery,
  UpdateSupportActionRequest,
} from "../../../contracts/support.js";
import { z } from "../../../contracts/zod.js";
import { canManageSupportActions } from "../../../domain/policy.js";
import type { Database } from "../../db/client.js";
import type { Actor } from "../../lib/audit.js";
import { acceptSingleFileUploads, fileUpload, readSingleFile } from "../../lib/http-files.js";
import { routesOf } from "../../lib/operations.js";
import { authorize } from "../../lib/scope.js";
import { type AuthUser, actorOf, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { findEffectiveness } from "./effectiveness.js";
import {
  getActionDetail,
  getCommitment,
  listActions,
  listCommitments,
  listStaff,
} from "./queries.js";
import {
  addAttendee,
  addCommitment,
  attachMinutesFile,
  cancelSupportAction,
  changeCommitmentStatus,
  createSupportAction,
  markSupportActionHeld,
  openMinutesFile,
  removeAttendee,
  rescheduleSupportAction,
  saveMinutes,
  updateSupportAction,
} from "./service.js";
import { findSuggestions } from "./suggestions.js";

const tags = ["acompañamiento"];

/** A service function that changes one action (edit, cancel, reschedule, held, minutes). */
type ActionChange<Input> = (
  ...args: [db: Database, id: string, input: Input, user: AuthUser, actor: Actor, now: Date]
) => Promise<void>;

/**
 * Support actions (staff plan and record them; invited municipalities see theirs), their
 * commitments, the suggestions from the gaps and the effectiveness report.
 */
export async function supportActionRoutes(app: App): Promise<void> {
  const route = routesOf(app, tags);
  const { db, blobs, config, now } = app.deps;
  await acceptSingleFileUploads(app, config.maxUploadBytes);
  const detail = { 200: SupportActionDetail };

  /**
   * A staff change to one action: the body its service takes, answered with the action as it is
   * now. The schema and the service are given together, so their types must agree.
   */
  const changeRoute = <Body extends z.ZodType>(
    summary: string,
    body: Body,
    change: ActionChange<z.output<Body>>,
  ) => ({
    schema: { tags, summary, params: IdParams, body, response: detail },
    handler: async (request: FastifyRequest<{ Params: { id: string } }>) => {
      const { user } = authorize(request, canManageSupportActions);
      const { id } = request.params;
      // Fastify has parsed the body with `body` before the handler runs.
      await change(db, id, request.body as z.output<Body>, user, actorOf(request), now());
      return getActionDetail(db, id, user, now());
    },
  });

  route.get(
    "/api/support-actions",
    "Acciones de acompañamiento (un municipio ve las que lo invitan)",
    { querystring: SupportActionQuery, response: { 200: SupportActionList } },
    async (request) => listActions(db, request.query, requireUser(request).user, now()),
  );

  route.post(
    "/api/support-actions",
    "Programar una acción (personal del órgano garante)",
    { body: CreateSupportActionRequest, response: { 201: SupportActionDetail } },
    async (request, reply) => {
      const { user } = authorize(request, canManageSupportActions);
      const id = await createSupportAction(db, request.body, user, actorOf(request), now());
      return reply.code(201).send(await getActionDetail(db, id, user, now()));
    },
  );

  route.get(
    "/api/support-actions/staff",
    "Personal que puede facilitar o ser responsable (revisores y administradores)",
    { response: { 200: z.array(StaffMember) } },
    async () => listStaff(db),
    canManageSupportActions,
  );

  route.get(
    "/api/support-actions/suggestions",
    "Sugerencias de acompañamiento a partir de las brechas",
    { response: { 200: Suggestions } },
    async () => findSuggestions(db, now()),
    canManageSupportActions,
  );

  route.get(
    "/api/support-actions/effectiveness",
    "¿Funcionó? Brechas atendidas y cerradas dentro de la ventana",
    { querystring: EffectivenessQuery, response: { 200: Effectiveness } },
    async (request) => {
      const { days, from, to } = request.query;
      return findEffectiveness(
        db,
        { windowDays: days ?? config.effectivenessDays, from, to },
        now(),
      );
    },
    canManageSupportActions,
  );

  route.getById(
    "/api/support-actions/:id",
    "Una acción con asistencia, acta y acuerdos",
    SupportActionDetail,
    (id, user) => getActionDetail(db, id, user, now()),
  );

  app.patch(
    "/api/support-actions/:id",
    changeRoute(
      "Editar una acción (con la revisión vista: 409 si cambió)",
      UpdateSupportActionRequest,
      updateSupportAction,
    ),
  );

  app.post(
    "/api/support-actions/:id/cancel",
    changeRoute(
      "Cancelar una acción programada, con el motivo",
      CancelSupportActionRequest,
      cancelSupportAction,
    ),
  );

  app.post(
    "/api/support-actions/:id/reschedule",
    changeRoute(
      "Reprogramar una acción cancelada en una fecha futura",
      RescheduleSupportActionRequest,
      rescheduleSupportAction,
    ),
  );

  app.post(
    "/api/support-actions/:id/held",
    changeRoute(
      "Registrar la acción como realizada (toma la línea base de las herramientas)",
      HoldSupportActionRequest,
      markSupportActionHeld,
    ),
  );

  app.put(
    "/api/support-actions/:id/minutes",
    changeRoute("Guardar el texto del acta de una acción realizada", MinutesRequest, saveMinutes),
  );

  route.post(
    "/api/support-actions/:id/minutes/file",
    "Adjuntar el archivo del acta (multipart); cada subida es una versión nueva",
    { consumes: ["multipart/form-data"], params: IdParams, response: detail },
    async (request) => {
      const { user } = authorize(request, canManageSupportActions);
      const { id } = request.params;
      const part = await readSingleFile(request);
      await attachMinutesFile(
        db,
        blobs,
        { id, ...fileUpload(part, config) },
        user,
        actorOf(request),
        now(),
      );
      return getActionDetail(db, id, user, now());
    },
  );

  route.downloadById(
    "/api/support-actions/:id/minutes/file",
    "Descargar el archivo del acta",
    (id, user, actor) => openMinutesFile(db, blobs, id, user, actor),
  );

  route.post(
    "/api/support-actions/:id/attendees",
    "Registrar una persona asistente de un municipio invitado",
    { params: IdParams, body: AttendeeRequest, response: { 201: SupportActionDetail } },
    async (request, reply) => {
      const { user } = authorize(request, canManageSupportActions);
      const { id } = request.params;
      await addAttendee(db, id, request.body, user, actorOf(request));
      return reply.code(201).send(await getActionDetail(db, id, user, now()));
    },
  );

  route.delete(
    "/api/support-actions/:id/attendees/:attendeeId",
    "Quitar una persona asistente",
    { params: z.object({ id: Uuid, attendeeId: Uuid }), response: detail },
    async (request) => {
      const { user } = authorize(request, canManageSupportActions);
      const { id, attendeeId } = request.params;
      await removeAttendee(db, id, attendeeId, user, actorOf(request));
      return getActionDetail(db, id, user, now());
    },
  );

  route.post(
    "/api/support-actions/:id/commitments",
    "Registrar un acuerdo de una acción realizada",
    { params: IdParams, body: CreateCommitmentRequest, response: { 201: SupportActionDetail } },
    async (request, reply) => {
      const { user } = authorize(request, canManageSupportActions);
      const { id } = request.params;
      await addCommitment(db, id, request.body, user, actorOf(request), now());
      return reply.code(201).send(await getActionDetail(db, id, user, now()));
    },
  );

  route.get(
    "/api/commitments",
    "Acuerdos de todas las acciones (un municipio ve los suyos); vencidos primero",
    { querystring: CommitmentQuery, response: { 200: CommitmentList } },
    async (request) => listCommitments(db, request.query, requireUser(request).user, now()),
  );

  route.put(
    "/api/commitments/:id/status",
    "Dar seguimiento a un acuerdo: cumplido, cancelado o reabierto (el enlace del municipio responsable lo da por cumplido)",
    { params: IdParams, body: CommitmentStatusRequest, response: { 200: Commitment } },
    async (request) => {
      const { user } = requireUser(request);
      const { id } = request.params;
      await changeCommitmentStatus(db, id, request.body, user, actorOf(request), now());
      return getCommitment(db, id, user, now());
    },
  );
}
