import type { FastifyReply, FastifyRequest } from "fastify";
import { IdParams } from "../../../contracts/common.js";
import { canAdminister } from "../../../domain/policy.js";
import {
  acceptSingleFileUploads,
  fileUpload,
  readSingleFile,
  sendStoredFile,
} from "../../lib/http-files.js";
import { authorize } from "../../lib/scope.js";
import { actorOf, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { attachDocument, type DocumentKind, openDocument } from "./service.js";

const tags = ["documentos"];

/** The signed agreement and the designation letters: one upload and one download route each. */
export async function documentRoutes(app: App): Promise<void> {
  const { db, blobs, config, now } = app.deps;
  await acceptSingleFileUploads(app, config.maxUploadBytes);

  const upload =
    (kind: DocumentKind) =>
    async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const { user } = authorize(request, canAdminister);
      const part = await readSingleFile(request);
      await attachDocument(
        db,
        blobs,
        { kind, ownerId: request.params.id, ...fileUpload(part, config) },
        user,
        actorOf(request),
        now(),
      );
      return reply.code(204).send();
    };

  const download =
    (kind: DocumentKind) =>
    async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const { user } = requireUser(request);
      const { document, stream } = await openDocument(
        db,
        blobs,
        kind,
        request.params.id,
        user,
        actorOf(request),
      );
      return sendStoredFile(reply, document, stream);
    };

  const uploadSchema = (summary: string) => ({
    schema: { tags, summary, consumes: ["multipart/form-data"], params: IdParams },
  });
  const downloadSchema = (summary: string) => ({ schema: { tags, summary, params: IdParams } });
  app.post(
    "/api/agreements/:id/document",
    uploadSchema("Adjuntar el convenio firmado (multipart)"),
    upload("agreement"),
  );
  app.get(
    "/api/agreements/:id/document",
    downloadSchema("Descargar el convenio firmado"),
    download("agreement"),
  );
  app.post(
    "/api/agreement-changes/:id/document",
    uploadSchema("Adjuntar el convenio renovado o la ratificación firmada (multipart)"),
    upload("agreement_change"),
  );
  app.get(
    "/api/agreement-changes/:id/document",
    downloadSchema("Descargar el convenio renovado o la ratificación"),
    download("agreement_change"),
  );
  app.post(
    "/api/liaison-designations/:id/letter",
    uploadSchema("Adjuntar el oficio de designación del enlace (multipart)"),
    upload("designation_letter"),
  );
  app.get(
    "/api/liaison-designations/:id/letter",
    downloadSchema("Descargar el oficio de designación"),
    download("designation_letter"),
  );
}
