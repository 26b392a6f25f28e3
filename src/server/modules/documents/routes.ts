import multipart from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import { IdParams } from "../../../contracts/common.js";
import { AppError } from "../../lib/errors.js";
import { actorOf, requireRole, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { attachmentHeader } from "../evidence/file-name.js";
import { attachDocument, type DocumentKind, openDocument } from "./service.js";

const tags = ["documentos"];

/** The signed agreement and the designation letters: one upload and one download route each. */
export async function documentRoutes(app: App): Promise<void> {
  const { db, blobs, config, now } = app.deps;
  await app.register(multipart, {
    limits: {
      files: 1,
      fields: 0,
      parts: 1,
      fileSize: config.maxUploadBytes + 1,
      headerPairs: 100,
    },
  });

  const upload =
    (kind: DocumentKind) =>
    async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const { user } = requireRole(request, "admin");
      if (!request.isMultipart()) {
        throw new AppError(
          "unsupported_media_type",
          "Envíe el documento como multipart/form-data.",
        );
      }
      const part = await request.file();
      if (!part) {
        throw new AppError("validation_error", "Falta el archivo.", [
          { field: "file", message: "Falta el archivo." },
        ]);
      }
      await attachDocument(
        db,
        blobs,
        {
          kind,
          ownerId: request.params.id,
          file: part.file,
          fileName: part.filename,
          maxBytes: config.maxUploadBytes,
          tempDir: config.uploadTempDir,
        },
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
      return reply
        .type(document.mime)
        .header("content-disposition", attachmentHeader(document.fileName))
        .header("content-length", String(document.size))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .send(stream);
    };

  app.post(
    "/api/agreements/:id/document",
    {
      schema: {
        tags,
        summary: "Adjuntar el convenio firmado (multipart)",
        consumes: ["multipart/form-data"],
        params: IdParams,
      },
    },
    upload("agreement"),
  );
  app.get(
    "/api/agreements/:id/document",
    { schema: { tags, summary: "Descargar el convenio firmado", params: IdParams } },
    download("agreement"),
  );
  app.post(
    "/api/liaison-designations/:id/letter",
    {
      schema: {
        tags,
        summary: "Adjuntar el oficio de designación del enlace (multipart)",
        consumes: ["multipart/form-data"],
        params: IdParams,
      },
    },
    upload("designation_letter"),
  );
  app.get(
    "/api/liaison-designations/:id/letter",
    { schema: { tags, summary: "Descargar el oficio de designación", params: IdParams } },
    download("designation_letter"),
  );
}
