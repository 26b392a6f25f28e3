import type { Readable } from "node:stream";
import multipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { attachmentHeader } from "../modules/evidence/file-name.js";
import { AppError } from "./errors.js";

/** Multipart for routes that take exactly one file; its size is enforced while it streams to disk. */
export async function acceptSingleFileUploads(
  app: FastifyInstance,
  maxBytes: number,
): Promise<void> {
  await app.register(multipart, {
    limits: { files: 1, fields: 0, parts: 1, fileSize: maxBytes + 1, headerPairs: 100 },
  });
}

/** The one file of a multipart request, or a clear 415/400. */
export async function readSingleFile(request: FastifyRequest): Promise<MultipartFile> {
  if (!request.isMultipart()) {
    throw new AppError("unsupported_media_type", "Envíe el documento como multipart/form-data.");
  }
  const part = await request.file();
  if (!part) {
    throw new AppError("validation_error", "Falta el archivo.", [
      { field: "file", message: "Falta el archivo." },
    ]);
  }
  return part;
}

/**
 * Sends a stored file: as an attachment by default (never rendered by the browser), or inline for
 * previews; always with its real type, nosniff and no caching of private content.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { mime: string; fileName: string; size: number },
  stream: Readable,
  disposition: "attachment" | "inline" = "attachment",
): FastifyReply {
  const header = attachmentHeader(file.fileName);
  return reply
    .type(file.mime)
    .header(
      "content-disposition",
      disposition === "inline" ? header.replace(/^attachment/, "inline") : header,
    )
    .header("content-length", String(file.size))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .send(stream);
}
