/**
 * Report cards (cédulas de avance) and their public verification. The card's content is stored as
 * issued; its SHA-256 gives the code printed on the card.
 */
import { Cvegeo, component, IsoDateTime } from "./common.js";
import { DimensionScore, OnTimeRecord, Percent, ToolScore } from "./dashboard.js";
import { CycleOutcome, LocalDate, ObservationType, ToolState } from "./participation.js";
import { PublicToolState } from "./public.js";
import { z } from "./zod.js";

const ReportCardItem = z.object({
  part: z.string().nullable(),
  partName: z.string().nullable(),
  cycle: z.number().int(),
  state: ToolState,
  deadline: LocalDate.nullable(),
  submittedOn: LocalDate.nullable().describe("Primer envío a revisión."),
  validatedOn: LocalDate.nullable(),
});

/** One yearly cycle of an annual tool (of one part, if it has parts), as of the card's day. */
const ReportCardCycle = ReportCardItem.extend({
  opensOn: LocalDate,
  outcome: CycleOutcome,
});

/** What a card says, exactly as stored and hashed. */
export const ReportCardContent = component("ReportCardContent", {
  format: z.literal(1),
  institution: z.object({ name: z.string(), unitName: z.string(), stateName: z.string() }),
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  issuedAt: IsoDateTime,
  asOf: LocalDate.describe("Día (Ciudad de México) de las cifras."),
  agreement: z.object({
    signedOn: LocalDate,
    cohort: z.string(),
    modelVersion: z.number().int().nullable(),
  }),
  index: Percent,
  rank: z.number().int(),
  participants: z.number().int(),
  regionalMedianIndex: Percent.nullable(),
  onTime: OnTimeRecord,
  dimensions: z.array(DimensionScore),
  tools: z.array(
    ToolScore.extend({
      items: z.array(ReportCardItem).describe("Las entregas que cuentan: una por componente."),
      // Optional: cards issued before yearly cycles were reported lack these.
      missedCycles: z
        .array(z.number().int())
        .optional()
        .describe("Ciclos anuales vencidos sin validar."),
      workingCycle: z
        .number()
        .int()
        .nullable()
        .optional()
        .describe("Ciclo anual en curso (abierto, aún no vencido)."),
      cycles: z
        .array(ReportCardCycle)
        .optional()
        .describe(
          "Herramientas anuales: el historial de cada ciclo abierto, del primero al último.",
        ),
    }),
  ),
  openObservations: z.array(
    z.object({
      tool: z.string(),
      part: z.string().nullable(),
      type: ObservationType,
      text: z.string(),
    }),
  ),
});
export type ReportCardContent = z.infer<typeof ReportCardContent>;

/** An issued card, as listed to staff and to the municipality. */
export const ReportCard = component("ReportCard", {
  id: z.uuid(),
  code: z.string().describe("Código de verificación impreso en la cédula."),
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  issuedAt: z.string(),
  issuedBy: z.string().nullable(),
  index: Percent,
  pdfUrl: z.string().describe("GET: la cédula en PDF."),
  verificationUrl: z.string().describe("La página pública que verifica el código."),
});
export type ReportCard = z.infer<typeof ReportCard>;

export const ReportCardCodeParams = z.object({
  code: z.string().trim().max(40).describe("El código impreso, p. ej. 3F9A-12BC-77D0-E145."),
});

/**
 * `GET /api/public/report-cards/:code`: what a genuine card said, in the public portal's terms:
 * tool states as the public sees them (validated, in progress, pending, overdue) and only how many
 * observations the card listed, never their text.
 */
export const ReportCardVerification = component("ReportCardVerification", {
  code: z.string(),
  intact: z
    .boolean()
    .describe("El contenido guardado coincide con su huella SHA-256 (no fue alterado)."),
  contentSha256: z.string(),
  issuedAt: IsoDateTime,
  asOf: LocalDate,
  institution: z.object({ name: z.string(), unitName: z.string() }),
  municipality: z.object({ cvegeo: Cvegeo, name: z.string() }),
  index: Percent,
  rank: z.number().int(),
  participants: z.number().int(),
  dimensions: z.array(z.object({ code: z.string(), name: z.string(), score: Percent })),
  tools: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      state: PublicToolState,
      items: z.array(
        z.object({
          part: z.string().nullable(),
          partName: z.string().nullable(),
          cycle: z.number().int(),
          state: PublicToolState,
          deadline: LocalDate.nullable(),
          validatedOn: LocalDate.nullable(),
        }),
      ),
      missedCycles: z.array(z.number().int()).describe("Ciclos anuales vencidos sin validar."),
      cycles: z
        .array(
          z.object({
            cycle: z.number().int(),
            part: z.string().nullable(),
            deadline: LocalDate.nullable(),
            validatedOn: LocalDate.nullable(),
            outcome: CycleOutcome,
          }),
        )
        .describe("Herramientas anuales: el historial de ciclos que listaba la cédula."),
    }),
  ),
  openObservations: z.number().int().describe("Cuántas observaciones abiertas listaba."),
});
export type ReportCardVerification = z.infer<typeof ReportCardVerification>;
