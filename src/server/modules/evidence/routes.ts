import type { FastifyRequest } from "fastify";
import { IdParams } from "../../../contracts/common.js";
import {
  EvidenceUploadQuery,
  SetEvidencePublicRequest,
  ToolInstanceDetail,
  WithdrawEvidenceRequest,
} from "../../../contracts/participation.js";
import { z } from "../../../contracts/zod.js";
import { AppError } from "../../lib/errors.js";
import { acceptSingleFileUploads, readSingleFile, sendStoredFile } from "../../lib/http-files.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { detailAfter } from "../review/detail-after.js";
import { getInstanceDetail } from "../review/queries.js";
import {
  deleteDraftEvidence,
  openEvidence,
  setEvidencePublic,
  uploadEvidence,
  withdrawEvidence,
} from "./service.js";

/** What browsers show natively and safely: PDFs in their viewer, images as images. */
const PREVIEWABLE = new Set(["application/pdf", "image/png", "image/jpeg"]);

export async function evidenceRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["evidencia"]);
  const { db, blobs, config, now } = app.deps;
  await acceptSingleFileUploads(app, config.maxUploadBytes);

  /** Opens a file for the signed-in user to preview it (audited as a download, as downloads are). */
  const open = (request: FastifyRequest, id: string) =>
    openEvidence(db, blobs, id, requireUser(request).user, actorOf(request));

  /** Makes a change to a file as the signed-in user; answers with its tool instance's detail. */
  const changeThenDetail = detailAfter(app);

  route.post(
    "/api/tool-instances/:id/evidence",
    "Subir un documento (multipart, un archivo: PDF, DOCX, XLSX, ODT, ODS, JPG o PNG)",
    {
      consumes: ["multipart/form-data"],
      params: IdParams,
      querystring: EvidenceUploadQuery,
      response: { 201: ToolInstanceDetail },
    },
    async (request, reply) => {
      const { user } = requireUser(request);
      const part = await readSingleFile(request);
      await uploadEvidence(
        db,
        blobs,
        {
          instanceId: request.params.id,
          file: part.file,
          fileName: part.filename,
          effectiveOn: request.query.effectiveOn,
          isPublic: request.query.public === "true",
          maxBytes: config.maxUploadBytes,
          tempDir: config.uploadTempDir,
        },
        user,
        actorOf(request),
        now(),
      );
      reply.code(201);
      return getInstanceDetail(db, request.params.id, user, now());
    },
  );

  route.downloadById(
    "/api/evidence/:id/download",
    "Descargar un documento (como adjunto)",
    async (id, user, actor) => {
      const { file, stream } = await openEvidence(db, blobs, id, user, actor);
      return { document: file, stream };
    },
  );

  route.get(
    "/api/evidence/:id/preview",
    "Ver un PDF o una imagen dentro de la página de revisión",
    { params: IdParams },
    async (request, reply) => {
      const { file, stream } = await open(request, request.params.id);
      if (!PREVIEWABLE.has(file.mime)) {
        stream.destroy();
        throw new AppError(
          "unsupported_media_type",
          "Este tipo de documento no se puede ver en línea; descárguelo.",
        );
      }
      // Only our own review page may frame it, and nothing in it may load or run anything else.
      reply
        .header(
          "content-security-policy",
          "default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'self'",
        )
        .header("x-frame-options", "SAMEORIGIN");
      return sendStoredFile(reply, file, stream, "inline");
    },
  );

  route.delete(
    "/api/evidence/:id",
    "Eliminar un borrador (una versión nunca enviada a revisión); solo el enlace",
    {
      description:
        "Una versión ya enviada a revisión forma parte del expediente: responde 409 evidence_submitted.",
      params: IdParams,
      response: { 204: z.null().describe("Eliminado") },
    },
    async (request, reply) => {
      const { user } = requireUser(request);
      await deleteDraftEvidence(db, blobs, request.params.id, user, actorOf(request), now());
      return reply.code(204).send(null);
    },
  );

  route.post(
    "/api/evidence/:id/withdrawal",
    "Retirar un documento de publicación, con su motivo (enlace, revisor o admin)",
    {
      description:
        "Deja de mostrarse en el portal público, los datos abiertos y la API pública; sigue en el expediente, marcado «Retirado de publicación».",
      params: IdParams,
      body: WithdrawEvidenceRequest,
      response: { 200: ToolInstanceDetail },
    },
    async (request) =>
      changeThenDetail(request, (user, actor) =>
        withdrawEvidence(db, request.params.id, request.body.reason, user, actor, now()),
      ),
  );

  route.put(
    "/api/evidence/:id/public",
    "Decidir, durante la revisión, si un documento del envío se publicará al validarse (revisor o admin)",
    { params: IdParams, body: SetEvidencePublicRequest, response: { 200: ToolInstanceDetail } },
    async (request) =>
      changeThenDetail(request, (user, actor) =>
        setEvidencePublic(db, request.params.id, request.body.isPublic, user, actor),
      ),
  );
}
