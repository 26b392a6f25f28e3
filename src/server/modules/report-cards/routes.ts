import { PassThrough } from "node:stream";
import { IdParams } from "../../../contracts/common.js";
import { CvegeoParams } from "../../../contracts/municipalities.js";
import {
  ReportCardBatch,
  StartReportCardBatchRequest,
} from "../../../contracts/report-card-batches.js";
import {
  ReportCard,
  ReportCardCodeParams,
  ReportCardVerification,
} from "../../../contracts/reports.js";
import { z } from "../../../contracts/zod.js";
import { canIssueReportCardBatch } from "../../../domain/policy.js";
import { actingOf } from "../../lib/acting.js";
import { sendPdf, sendPrivateReport } from "../../lib/http-files.js";
import { routesOf } from "../../lib/operations.js";
import { actorOf, requireUser } from "../../plugins/auth.js";
import type { App } from "../../types.js";
import { getLogo } from "../institution/service.js";
import { getMunicipality } from "../municipalities/queries.js";
import { METHODOLOGY_PAGE_PATH } from "../public/pages.js";
import {
  getReportCardBatch,
  listReportCardBatches,
  prepareBatchZip,
  settleReportCardBatches,
  startReportCardBatch,
  writeBatchZip,
} from "./batch.js";
import { reportCardPdf } from "./pdf.js";
import {
  downloadReportCard,
  getReportCard,
  issueReportCard,
  listReportCards,
  verifyReportCard,
} from "./service.js";

const tags = ["cédulas de avance"];

export async function reportCardRoutes(app: App): Promise<void> {
  const route = routesOf(app, tags);
  const { db, now, config } = app.deps;
  // A batch still issuing its cards finishes before the database closes.
  app.addHook("onClose", async () => settleReportCardBatches());

  route.get(
    "/api/report-card-batches",
    "Los lotes de cédulas de avance más recientes, el último primero (personal)",
    { response: { 200: z.array(ReportCardBatch) } },
    async () => listReportCardBatches(db),
    canIssueReportCardBatch,
  );

  route.post(
    "/api/report-card-batches",
    "Emitir en lote la cédula de avance de todos los participantes o de una cohorte (personal); responde al iniciar y emite en segundo plano",
    { body: StartReportCardBatchRequest, response: { 202: ReportCardBatch } },
    async (request, reply) => {
      const id = await startReportCardBatch(db, request.body, actingOf(request, now), request.log);
      return reply.code(202).send(await getReportCardBatch(db, id));
    },
    canIssueReportCardBatch,
  );

  route.get(
    "/api/report-card-batches/:id",
    "Un lote de cédulas: cuántas lleva, las omitidas y, al terminar, su ZIP (personal)",
    { params: IdParams, response: { 200: ReportCardBatch } },
    async (request) => getReportCardBatch(db, request.params.id),
    canIssueReportCardBatch,
  );

  route.get(
    "/api/report-card-batches/:id/zip",
    "Las cédulas de un lote terminado en un ZIP: un PDF por municipio y un índice CSV (personal)",
    { params: IdParams },
    async (request, reply) => {
      const prepared = await prepareBatchZip(db, request.params.id, actorOf(request));
      const body = new PassThrough();
      writeBatchZip(db, prepared, config.publicUrl, body).catch((error: unknown) => {
        request.log.error({ err: error }, "writing a report card batch ZIP failed");
        body.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      const day = prepared.batch.requestedAt.slice(0, 10);
      const which = prepared.batch.cohort ? "cohorte" : "todos";
      return sendPrivateReport(reply, "application/zip", `cedulas-${which}-${day}.zip`, body);
    },
    canIssueReportCardBatch,
  );

  route.getOfMunicipality(
    "/api/municipalities/:cvegeo/report-cards",
    "Cédulas de avance emitidas para un municipio, la más reciente primero",
    z.array(ReportCard),
    async (cvegeo) => {
      await getMunicipality(db, cvegeo);
      return listReportCards(db, cvegeo, config.publicUrl);
    },
  );

  route.post(
    "/api/municipalities/:cvegeo/report-cards",
    "Emitir la cédula de avance del municipio (personal, o el enlace del municipio)",
    { params: CvegeoParams, response: { 201: ReportCard } },
    async (request, reply) => {
      const { user } = requireUser(request);
      const id = await issueReportCard(db, request.params.cvegeo, user, actorOf(request), now());
      const { card } = await getReportCard(db, id, user, config.publicUrl);
      return reply.code(201).send(card);
    },
  );

  route.get(
    "/api/report-cards/:id/pdf",
    "Una cédula de avance en PDF",
    { params: IdParams },
    async (request, reply) => {
      const { user } = requireUser(request);
      const { card, content, sha256 } = await downloadReportCard(
        db,
        request.params.id,
        user,
        actorOf(request),
        config.publicUrl,
      );
      const pdf = reportCardPdf({
        content,
        code: card.code,
        sha256,
        verificationUrl: card.verificationUrl,
        methodologyUrl: `${config.publicUrl}${METHODOLOGY_PAGE_PATH}`,
        // No logo configured: the header goes without one.
        logo: await getLogo(db).catch(() => null),
      });
      return sendPdf(reply, `cedula-${content.municipality.cvegeo}-${content.asOf}.pdf`, pdf);
    },
  );

  app.get(
    "/api/public/report-cards/:code",
    {
      schema: {
        tags: [...tags, "Público"],
        summary: "Verificar una cédula de avance por su código (público)",
        description:
          "Dice si el código corresponde a una cédula emitida y qué decía, en los términos del portal público: sin el texto de las observaciones.",
        params: ReportCardCodeParams,
        response: { 200: ReportCardVerification },
      },
    },
    async (request) => verifyReportCard(db, request.params.code),
  );
}
