import { PassThrough, type Readable, Transform } from "node:stream";
import multipart, { type Multipart } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { fileTooLargeMessage } from "../../domain/uploads.js";
import { attachmentHeader, downloadFileName } from "../modules/evidence/file-name.js";
import { AppError } from "./errors.js";
import { XLSX_MIME } from "./xlsx.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The largest file this route's uploads accept, for messages that name the limit. */
    uploadMaxBytes: number;
  }
}

/**
 * What busboy may hold of the request before it has parsed it. Node's default, 16 KiB, is less
 * than one 64 KiB socket read: the request paused and resumed at every chunk. Its file stream
 * keeps the default, so busboy still waits for the consumer (whose meter must see the limit
 * passed before busboy cuts the file: the message names the limit).
 */
const REQUEST_BUFFER_BYTES = 1024 * 1024;

/** Multipart for routes that take exactly one file; its size is enforced while it streams to disk. */
export async function acceptSingleFileUploads(
  app: FastifyInstance,
  maxBytes: number,
): Promise<void> {
  await app.register(multipart, {
    limits: { files: 1, fields: 0, parts: 1, fileSize: maxBytes + 1, headerPairs: 100 },
    highWaterMark: REQUEST_BUFFER_BYTES,
  });
  app.decorateRequest("uploadMaxBytes", maxBytes);
}

/** The uploaded file part: its content as a stream, and the name the client gave it. */
export interface SingleFile {
  file: Readable;
  filename: string;
}

/** A file to store, as the services take it: the stream, the name the client gave, the limits. */
export interface FileUpload {
  file: Readable;
  fileName: string | undefined;
  maxBytes: number;
  tempDir: string;
}

/** The request's file under this instance's upload limits. */
export function fileUpload(
  part: SingleFile,
  config: { maxUploadBytes: number; uploadTempDir: string },
): FileUpload {
  return {
    file: part.file,
    fileName: part.filename,
    maxBytes: config.maxUploadBytes,
    tempDir: config.uploadTempDir,
  };
}

/**
 * The one file of a multipart request, or a clear 415/400. The stream it returns only ends once
 * the whole request has been read and held nothing else: a second file, an extra field or a body
 * cut short make it fail instead, so the caller stores nothing.
 */
export async function readSingleFile(request: FastifyRequest): Promise<SingleFile> {
  if (!request.isMultipart()) {
    throw new AppError("unsupported_media_type", "Envíe el documento como multipart/form-data.");
  }
  const parts = request.parts();
  let first: IteratorResult<Multipart>;
  try {
    first = await parts.next();
  } catch (error) {
    throw multipartError(error, request.uploadMaxBytes);
  }
  const part = first.done ? undefined : first.value;
  if (part?.type !== "file") {
    throw new AppError("validation_error", "Falta el archivo.", [
      { field: "file", message: "Falta el archivo." },
    ]);
  }
  // Asked right away, not when the file ends: a body cut short never ends the file stream, it
  // only fails this next step. Settles with the end of the request, a second part, or an error.
  const rest = parts.next().then(
    (next): Error | null => {
      if (next.done) {
        return null;
      }
      if (next.value.type === "file") {
        next.value.file.resume();
      }
      return new AppError(
        "validation_error",
        "Envíe un solo archivo por petición, sin otros campos.",
        [{ field: "file", message: "Envíe un solo archivo." }],
      );
    },
    (error: unknown) => multipartError(error, request.uploadMaxBytes) as Error,
  );
  const guarded = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk);
    },
    flush(callback) {
      rest.then((problem) => callback(problem));
    },
  });
  // Errors after the caller stopped reading (a 403 before the upload was read) go nowhere.
  guarded.on("error", () => {});
  rest.then((problem) => {
    // Size is the caller's meter to report (with the limit in its message): it trips first.
    const size = problem instanceof AppError && problem.code === "payload_too_large";
    if (problem && !size && !guarded.destroyed) {
      guarded.destroy(problem);
    }
  });
  part.file.on("error", (error) =>
    guarded.destroy(multipartError(error, request.uploadMaxBytes) as Error),
  );
  part.file.pipe(guarded);
  return { file: guarded, filename: part.filename };
}

/**
 * A broken multipart body (no boundary, cut short, more than one part) as a clear 4xx with a
 * Spanish message (a file too large names the limit, `maxBytes`); anything else (a disk failure,
 * say) is left to be the 500 it is.
 */
export function multipartError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) {
    return error;
  }
  const code = (error as { code?: unknown }).code;
  if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT") {
    return new AppError(
      "validation_error",
      "Envíe un solo archivo por petición, sin otros campos.",
      [{ field: "file", message: "Envíe un solo archivo." }],
    );
  }
  if (code === "FST_REQ_FILE_TOO_LARGE") {
    return new AppError("payload_too_large", fileTooLargeMessage(maxBytes));
  }
  const message = error instanceof Error ? error.message : "";
  if (
    code === "FST_MP_PREMATURE_CLOSE" ||
    code === "FST_PROTO_VIOLATION" ||
    code === "FST_INVALID_MULTIPART_CONTENT_TYPE" ||
    /^(Multipart:|Unexpected end of (multipart data|form)|Malformed part header)/.test(message)
  ) {
    return new AppError(
      "validation_error",
      "El envío del archivo no es un multipart/form-data válido o llegó incompleto.",
    );
  }
  return error;
}

/**
 * Sends a stored file: as an attachment by default (never rendered by the browser), or inline for
 * previews; always with its real type, named with that type's extension, nosniff and no caching
 * of private content.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { mime: string; fileName: string; size: number },
  stream: Readable,
  disposition: "attachment" | "inline" = "attachment",
): FastifyReply {
  const header = attachmentHeader(downloadFileName(file.fileName, file.mime));
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

/** Sends a PDF the server drew (an acknowledgement, a card, a plan) as an attachment, nosniff. */
export function sendPdf(reply: FastifyReply, fileName: string, pdf: Readable): FastifyReply {
  return reply
    .type("application/pdf")
    .header("content-disposition", `attachment; filename="${fileName}"`)
    .header("x-content-type-options", "nosniff")
    .send(pdf);
}

/** Sends a private report (a workbook, a CSV) as an attachment, nosniff and never cached. */
export function sendPrivateReport(
  reply: FastifyReply,
  mime: string,
  fileName: string,
  body: Readable,
): FastifyReply {
  return reply
    .type(mime)
    .header("content-disposition", attachmentHeader(fileName))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .send(body);
}

/**
 * Sends a private workbook while `write` writes it: a failure half-way is logged (as writing
 * `what` failed) and ends the download with an error, since the status has already gone.
 */
export function sendWorkbook(
  request: FastifyRequest,
  reply: FastifyReply,
  fileName: string,
  what: string,
  write: (out: PassThrough) => Promise<void>,
): FastifyReply {
  const body = new PassThrough();
  write(body).catch((error: unknown) => {
    request.log.error({ err: error }, `writing ${what} failed`);
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return sendPrivateReport(reply, XLSX_MIME, fileName, body);
}
