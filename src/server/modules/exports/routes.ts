import { PassThrough, Readable } from "node:stream";
import { canReadRegional } from "../../../domain/policy.js";
import { authorize } from "../../lib/scope.js";
import { XLSX_MIME } from "../../lib/xlsx.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { attachmentHeader } from "../evidence/file-name.js";
import { regionalCsv, writeRegionalXlsx } from "./regional.js";
import { openRegionalReport } from "./service.js";

const tags = ["reportes"];

export async function exportRoutes(app: App): Promise<void> {
  const { db, now } = app.deps;

  app.get(
    "/api/reports/regional.xlsx",
    {
      schema: {
        tags,
        summary:
          "Reporte regional en XLSX: hoja «Resumen» por municipio y hoja «Herramientas» municipios × herramientas (personal)",
      },
    },
    async (request, reply) => {
      authorize(request, canReadRegional);
      const issuedAt = now();
      const { progress, institution } = await openRegionalReport(
        db,
        "xlsx",
        actorOf(request),
        issuedAt,
      );
      const body = new PassThrough();
      writeRegionalXlsx(progress, { institution, issuedAt }, body).catch((error: unknown) => {
        request.log.error({ err: error }, "writing the regional workbook failed");
        body.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return reply
        .type(XLSX_MIME)
        .header("content-disposition", attachmentHeader(`avance-regional-${progress.asOf}.xlsx`))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .send(body);
    },
  );

  app.get(
    "/api/reports/regional.csv",
    {
      schema: {
        tags,
        summary:
          "Reporte regional en CSV (UTF-8 con BOM, para Excel): una fila por municipio y herramienta (personal)",
      },
    },
    async (request, reply) => {
      authorize(request, canReadRegional);
      const { progress } = await openRegionalReport(db, "csv", actorOf(request), now());
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", attachmentHeader(`avance-regional-${progress.asOf}.csv`))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .send(Readable.from(regionalCsv(progress)));
    },
  );
}
