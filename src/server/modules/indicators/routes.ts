import type { FastifyRequest } from "fastify";
import { IdParams } from "../../../contracts/common.js";
import {
  AdoptIndicatorsRequest,
  CodeParams,
  ComparisonQuery,
  CorrectPeriodRequest,
  IndicatorCatalogue,
  IndicatorComparison,
  InstanceIndicators,
  PeriodParams,
  PeriodReport,
  PublicIndicators,
  SavePeriodRequest,
  SheetImportQuery,
  SheetImportResult,
  SubmitPeriodRequest,
} from "../../../contracts/indicators.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import type { z } from "../../../contracts/zod.js";
import { MAX_SHEET_BYTES } from "../../../domain/indicator-sheet.js";
import { indicatorBattery } from "../../../domain/indicators.js";
import { canReadRegional } from "../../../domain/policy.js";
import type { Database } from "../../db/client.js";
import { type Acting, actingOf } from "../../lib/acting.js";
import { acceptSingleFileUploads, readSingleFile, sendWorkbook } from "../../lib/http-files.js";
import { routesOf } from "../../lib/operations.js";
import { requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getMunicipality } from "../municipalities/queries.js";
import {
  countAdoptions,
  getIndicatorComparison,
  getInstanceIndicators,
  getPeriodReport,
  getPublicIndicatorSeries,
  modelVersionInForce,
} from "./queries.js";
import {
  adoptIndicators,
  adoptionToImport,
  correctIndicatorPeriod,
  importIndicatorSheet,
  indicatorTemplate,
  saveIndicatorPeriod,
  submitIndicatorPeriod,
} from "./service.js";
import { readIndicatorSheet, readUpload, writeIndicatorTemplate } from "./sheet.js";

const tags = ["indicadores (M2)"];

export async function indicatorRoutes(app: App): Promise<void> {
  const route = routesOf(app, tags);
  const { db, blobs, config, now } = app.deps;
  await acceptSingleFileUploads(app, MAX_SHEET_BYTES);

  /**
   * A change to one period (save, submit, correct): its service takes the body with the period
   * the path names, and the answer is the period as it is now. The body schema and the service
   * are given together, so their types must agree.
   */
  const periodChange = <Body extends z.ZodType<object>>(
    schema: { summary: string; description?: string; body: Body },
    change: (
      db: Database,
      input: z.output<Body> & { instanceId: string; periodKey: string },
      acting: Acting,
    ) => Promise<void>,
  ) => ({
    schema: { tags, ...schema, params: PeriodParams, response: { 200: PeriodReport } },
    handler: async (request: FastifyRequest<{ Params: z.output<typeof PeriodParams> }>) => {
      const acting = actingOf(request, now);
      const { id, period } = request.params;
      // Fastify has parsed the body with `body` before the handler runs.
      const body = request.body as z.output<Body>;
      await change(db, { ...body, instanceId: id, periodKey: period }, acting);
      return getPeriodReport(db, id, period, acting.user, acting.now);
    },
  });

  route.getById(
    "/api/tool-instances/:id/indicators",
    "La batería de indicadores de un M2: adopción, periodos y series",
    InstanceIndicators,
    (id, user) => getInstanceIndicators(db, id, user, now()),
  );

  route.post(
    "/api/tool-instances/:id/indicators/adoption",
    "Adoptar la batería con sus metas (enlace designado)",
    {
      description:
        "Genera la batería adoptada en PDF como nueva versión de evidencia de M2, en borrador. Adoptar de nuevo reemplaza las metas (con la revisión vista).",
      params: IdParams,
      body: AdoptIndicatorsRequest,
      response: { 201: InstanceIndicators },
    },
    async (request, reply) => {
      const ctx = actingOf(request, now);
      await adoptIndicators(
        db,
        blobs,
        {
          instanceId: request.params.id,
          startYear: request.body.startYear,
          choices: request.body.choices,
          expectedRevision: request.body.expectedRevision,
          maxBytes: config.maxUploadBytes,
          tempDir: config.uploadTempDir,
        },
        ctx,
      );
      reply.code(201);
      return getInstanceIndicators(db, request.params.id, ctx.user, ctx.now);
    },
  );

  route.get(
    "/api/tool-instances/:id/indicators/periods/:period",
    "Los indicadores de un periodo con sus metas y valores",
    { params: PeriodParams, response: { 200: PeriodReport } },
    async (request) =>
      getPeriodReport(
        db,
        request.params.id,
        request.params.period,
        requireUser(request).user,
        now(),
      ),
  );

  app.put(
    "/api/tool-instances/:id/indicators/periods/:period",
    periodChange(
      {
        summary: "Guardar los valores de un periodo en borrador (enlace o colaborador)",
        description: "400 nombra el indicador cuyo valor no corresponde a su tipo o rango.",
        body: SavePeriodRequest,
      },
      saveIndicatorPeriod,
    ),
  );

  app.post(
    "/api/tool-instances/:id/indicators/periods/:period/submit",
    periodChange(
      { summary: "Enviar los valores de un periodo (enlace designado)", body: SubmitPeriodRequest },
      submitIndicatorPeriod,
    ),
  );

  app.post(
    "/api/tool-instances/:id/indicators/periods/:period/corrections",
    periodChange(
      {
        summary: "Corregir valores de un periodo ya enviado, con el motivo (enlace designado)",
        description:
          "El valor anterior se conserva y se muestra junto al nuevo; la corrección queda en la bitácora. 409 si el periodo no se ha enviado o cambió desde la revisión vista.",
        body: CorrectPeriodRequest,
      },
      correctIndicatorPeriod,
    ),
  );

  route.get(
    "/api/tool-instances/:id/indicators/template.xlsx",
    "Plantilla XLSX de captura: indicadores adoptados × periodos sin enviar",
    {
      description:
        "Una fila por periodo concluido sin enviar e indicador adoptado de su periodicidad, con la meta y el borrador guardado.",
      params: IdParams,
      produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    },
    async (request, reply) => {
      const { municipalityName, periods } = await indicatorTemplate(
        db,
        request.params.id,
        requireUser(request).user,
        now(),
      );
      return sendWorkbook(
        request,
        reply,
        "M2-plantilla-de-indicadores.xlsx",
        "the indicator template",
        (out) => writeIndicatorTemplate(out, municipalityName, periods),
      );
    },
  );

  route.post(
    "/api/tool-instances/:id/indicators/import",
    "Importar la plantilla XLSX: revisar (apply=false) o guardar (apply=true)",
    {
      description:
        "multipart/form-data con un archivo. Sin apply, dice qué cambia en cada fila y sus errores; con apply=true guarda todo en una transacción o nada (400 con las filas con error). Rechaza el archivo entero: spreadsheet_unreadable, spreadsheet_formula, spreadsheet_columns, spreadsheet_too_large.",
      params: IdParams,
      querystring: SheetImportQuery,
      consumes: ["multipart/form-data"],
      response: { 200: SheetImportResult },
    },
    async (request) => {
      const ctx = actingOf(request, now);
      // Who may write is checked before the file is read: nobody else's upload is parsed.
      await adoptionToImport(db, request.params.id, ctx.user);
      const part = await readSingleFile(request);
      const rows = await readIndicatorSheet(await readUpload(part.file));
      return importIndicatorSheet(
        db,
        { instanceId: request.params.id, rows, apply: request.query.apply === "true" },
        ctx,
      );
    },
  );

  route.get(
    "/api/indicators",
    "Personal: la batería del modelo vigente y cuántos municipios la adoptaron",
    { response: { 200: IndicatorCatalogue } },
    async () => {
      return {
        battery: [...indicatorBattery(await modelVersionInForce(db))],
        adoptions: await countAdoptions(db),
      };
    },
    canReadRegional,
  );

  route.get(
    "/api/indicators/:code/comparison",
    "Personal: comparación regional de un indicador (mediana y cuartiles)",
    { params: CodeParams, querystring: ComparisonQuery, response: { 200: IndicatorComparison } },
    async (request) => {
      return getIndicatorComparison(
        db,
        request.params.code,
        request.query.period,
        await modelVersionInForce(db),
      );
    },
    canReadRegional,
  );

  app.get(
    "/api/public/municipalities/:cvegeo/indicators",
    {
      schema: {
        tags: ["Público"],
        summary: "Los indicadores públicos de un municipio, con la mediana regional",
        params: CvegeoParams,
        response: { 200: PublicIndicators },
      },
    },
    async (request) => {
      await getMunicipality(db, request.params.cvegeo);
      return { series: await getPublicIndicatorSeries(db, request.params.cvegeo, now()) };
    },
  );
}
