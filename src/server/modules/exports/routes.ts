import { Readable } from "node:stream";
import { canReadRegional } from "../../../domain/policy.js";
import { sendPrivateReport, sendWorkbook } from "../../lib/http-files.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { regionalCsv, writeRegionalXlsx } from "./regional.js";
import { openRegionalReport } from "./service.js";

export async function exportRoutes(app: App): Promise<void> {
  const route = routesOf(app, ["reportes"]);
  const { db, now } = app.deps;

  route.get(
    "/api/reports/regional.xlsx",
    "Reporte regional en XLSX: hoja «Resumen» por municipio y hoja «Herramientas» municipios × herramientas (personal)",
    {},
    async (request, reply) => {
      const issuedAt = now();
      const { progress, institution } = await openRegionalReport(
        db,
        "xlsx",
        actorOf(request),
        issuedAt,
      );
      return sendWorkbook(
        request,
        reply,
        `avance-regional-${progress.asOf}.xlsx`,
        "the regional workbook",
        (out) => writeRegionalXlsx(progress, { institution, issuedAt }, out),
      );
    },
    canReadRegional,
  );

  route.get(
    "/api/reports/regional.csv",
    "Reporte regional en CSV (UTF-8 con BOM, para Excel): una fila por municipio y herramienta (personal)",
    {},
    async (request, reply) => {
      const { progress } = await openRegionalReport(db, "csv", actorOf(request), now());
      return sendPrivateReport(
        reply,
        "text/csv; charset=utf-8",
        `avance-regional-${progress.asOf}.csv`,
        Readable.from(regionalCsv(progress)),
      );
    },
    canReadRegional,
  );
}
