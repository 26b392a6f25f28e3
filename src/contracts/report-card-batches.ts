/**
 * Report cards in batch (issue 17, item 6): staff issue one card per municipality of every
 * participant or of one cohort, follow its progress and download every card in one ZIP.
 */
import {
  REPORT_CARD_BATCH_SCOPES,
  REPORT_CARD_BATCH_STATUSES,
} from "../domain/report-card-batch.js";
import { Cvegeo, component, IsoDateTime } from "./common.js";
import { z } from "./zod.js";

export const ReportCardBatchScope = z.enum(REPORT_CARD_BATCH_SCOPES);
export const ReportCardBatchStatus = z.enum(REPORT_CARD_BATCH_STATUSES);

export const StartReportCardBatchRequest = component("StartReportCardBatchRequest", {
  scope: ReportCardBatchScope.describe("`all`: todos los participantes; `cohort`: una cohorte."),
  cohort: z.string().trim().max(200).nullable().default(null),
});
export type StartReportCardBatchRequest = z.input<typeof StartReportCardBatchRequest>;

export const ReportCardBatch = component("ReportCardBatch", {
  id: z.uuid(),
  scope: ReportCardBatchScope,
  cohort: z.string().nullable(),
  status: ReportCardBatchStatus,
  total: z.number().int().describe("Cédulas por emitir."),
  done: z.number().int().describe("Municipios atendidos hasta ahora."),
  issued: z.number().int().describe("Cédulas emitidas."),
  skipped: z
    .array(z.object({ cvegeo: Cvegeo, name: z.string(), reason: z.string() }))
    .describe("Municipios sin cédula y por qué (no participan, o el error de su cédula)."),
  requestedBy: z.string().nullable(),
  requestedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  zipUrl: z.string().nullable().describe("GET: las cédulas del lote en un ZIP, al terminar."),
});
export type ReportCardBatch = z.infer<typeof ReportCardBatch>;
