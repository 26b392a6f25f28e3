import type { FastifyRequest } from "fastify";
import {
  ImportApplyQuery,
  ImportProgress,
  ImportProgressParams,
  ImportReport,
} from "../../../contracts/xlsx-import.js";
import { canAdminister } from "../../../domain/policy.js";
import { WorkbookRefusal } from "../../../domain/xlsx-import.js";
import { AppError, notFound } from "../../lib/errors.js";
import { acceptSingleFileUploads, readSingleFile, sendWorkbook } from "../../lib/http-files.js";
import { routesOf } from "../../lib/operations.js";
import { authorize } from "../../lib/scope.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { welcomeOptions } from "../users/routes.js";
import { importProgress } from "./progress.js";
import { applyImport, dryRunImport, type ImportFile } from "./service.js";
import { writeImportTemplate } from "./template.js";
import { MAX_WORKBOOK_BYTES } from "./workbook.js";

const tags = ["importación"];
const consumes = ["multipart/form-data"];

/** The uploaded workbook, whole in memory (at most MAX_WORKBOOK_BYTES). */
async function readWorkbookUpload(request: FastifyRequest): Promise<ImportFile> {
  const part = await readSingleFile(request);
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) {
    chunks.push(chunk as Buffer);
  }
  return { fileName: part.filename || "importacion.xlsx", content: Buffer.concat(chunks) };
}

/** A refused workbook as the API answers it: its stable code and Spanish message. */
function refusal<T>(work: () => Promise<T>): Promise<T> {
  return work().catch((error: unknown) => {
    throw error instanceof WorkbookRefusal ? new AppError(error.code, error.message) : error;
  });
}

/** XLSX import (issue 17): template, dry run, apply with progress. Admins only. */
export async function xlsxImportRoutes(app: App): Promise<void> {
  const route = routesOf(app, tags);
  const { db, config, now } = app.deps;
  await acceptSingleFileUploads(app, MAX_WORKBOOK_BYTES);

  route.get(
    "/api/imports/template.xlsx",
    "Plantilla XLSX de la importación (administradores)",
    {},
    async (request, reply) => {
      return sendWorkbook(
        request,
        reply,
        "plantilla-importacion-mrtm.xlsx",
        "the import template",
        (out) => writeImportTemplate(out),
      );
    },
    canAdminister,
  );

  app.post(
    "/api/imports/dry-run",
    {
      schema: {
        tags,
        consumes,
        summary:
          "Revisión previa de un libro XLSX: qué crearía o cambiaría cada fila y cada problema; no escribe nada",
        response: { 200: ImportReport },
      },
    },
    async (request) => {
      authorize(request, canAdminister);
      const file = await readWorkbookUpload(request);
      return refusal(() => dryRunImport(db, file, now()));
    },
  );

  app.post(
    "/api/imports/apply",
    {
      schema: {
        tags,
        consumes,
        summary:
          "Aplicar un libro XLSX en una sola transacción (nada si alguna fila tiene un problema); idempotente",
        querystring: ImportApplyQuery,
        response: { 200: ImportReport },
      },
    },
    async (request) => {
      authorize(request, canAdminister);
      const progressId = request.query.progress;
      const track = (progress: ImportProgress) => {
        if (progressId) {
          importProgress.set(progressId, progress, Date.now());
        }
      };
      track({ phase: "reading", done: 0, total: 0 });
      try {
        const file = await readWorkbookUpload(request);
        const at = now();
        const result = await refusal(() =>
          applyImport(db, file, {
            actor: actorOf(request),
            now: at,
            welcome: welcomeOptions(config, at),
            onProgress: (done, total) => track({ phase: "writing", done, total }),
          }),
        );
        const total = result.counts.create + result.counts.update;
        track({ phase: "done", done: total, total });
        return result;
      } catch (error) {
        track({ phase: "failed", done: 0, total: 0 });
        throw error;
      }
    },
  );

  route.get(
    "/api/imports/progress/:id",
    "Avance de una importación en curso (la que el cliente identificó con ?progress=)",
    { params: ImportProgressParams, response: { 200: ImportProgress } },
    async (request) => {
      const progress = importProgress.get(request.params.id);
      if (!progress) {
        throw notFound("No hay una importación en curso con ese identificador.");
      }
      return progress;
    },
    canAdminister,
  );
}
